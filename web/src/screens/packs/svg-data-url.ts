/**
 * A pack's inline SVG icon as a `data:` URL for an `<img>`: the browser renders it as an image, so scripts or
 * event handlers inside it never run and it cannot touch the page (it is never injected as HTML).
 */
export function svgDataUrl(svg: string): string | undefined {
  const trimmed = svg.trim();
  if (!trimmed.startsWith('<svg') && !trimmed.startsWith('<?xml')) return undefined;
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(trimmed)}`;
}
