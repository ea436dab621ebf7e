/** The `{{ }}` reference for a data path, e.g. `{{steps.find.output.id}}`. */
export function pillTemplate(path: string): string {
  return `{{${path}}}`;
}

/**
 * Puts a pill into a text value at the cursor, replacing the selected text if any. Returns the new text
 * and where the cursor goes (right after the pill), so the next click inserts after this one.
 */
export function insertPill(text: string, selection: { start: number; end: number }, path: string): { text: string; cursor: number } {
  const start = Math.max(0, Math.min(selection.start, text.length));
  const end = Math.max(start, Math.min(selection.end, text.length));
  const pill = pillTemplate(path);
  return { text: text.slice(0, start) + pill + text.slice(end), cursor: start + pill.length };
}
