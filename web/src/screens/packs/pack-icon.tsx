import { Image, ThemeIcon } from '@mantine/core';
import { IconPlug } from '@tabler/icons-react';
import { svgDataUrl } from './svg-data-url';

/** A pack's icon, drawn as an image (never as HTML), or a plug when it has none. */
export function PackIcon({ icon, size = 28 }: { icon: string | undefined; size?: number }) {
  const src = icon === undefined ? undefined : svgDataUrl(icon);
  if (src === undefined) {
    return (
      <ThemeIcon variant="light" color="gray" size={size} aria-hidden>
        <IconPlug size={size * 0.6} />
      </ThemeIcon>
    );
  }
  return <Image src={src} alt="" w={size} h={size} fit="contain" />;
}
