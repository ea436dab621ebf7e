import { ThemeIcon } from '@mantine/core';
import {
  IconArrowsSplit,
  IconBolt,
  IconCalendarTime,
  IconClock,
  IconCode,
  IconDatabase,
  IconFilter,
  IconHandStop,
  IconMail,
  IconRepeat,
  IconBroadcast,
  IconRoute,
  IconTransform,
  IconWebhook,
  IconWorld,
  IconAlertTriangle,
  IconPlayerPlay,
  type Icon,
} from '@tabler/icons-react';
import { PackIcon } from '../screens/packs/pack-icon';

const coreIcons: Record<string, Icon> = {
  'core/filter': IconFilter,
  'core/paths': IconArrowsSplit,
  'core/loop': IconRepeat,
  'core/delay': IconClock,
  'core/approval': IconHandStop,
  'core/sub-recipe': IconRoute,
  'core/formatter': IconTransform,
  'core/storage': IconDatabase,
  'core/email': IconMail,
  'core/emit': IconBroadcast,
  'core/http': IconWorld,
  'core/code': IconCode,
  'core/webhook': IconWebhook,
  'core/schedule': IconCalendarTime,
  'core/manual': IconPlayerPlay,
  'core/recipe-failed': IconAlertTriangle,
};

/** A core step's icon, or the pack's own SVG (drawn as an image, never as HTML). */
export function StepIcon({ use, icon, size = 32 }: { use: string; icon?: string | undefined; size?: number }) {
  if (!use.startsWith('core/')) return <PackIcon icon={icon} size={size} />;
  const Glyph = coreIcons[use] ?? IconBolt;
  return (
    <ThemeIcon variant="light" size={size} aria-hidden>
      <Glyph size={size * 0.6} />
    </ThemeIcon>
  );
}
