import { scanTemplate } from '../templates/scan-template.js';

/** Whether any template in a request (at any depth) names `{{poll.cursor}}`. */
export function placesPollCursor(value: unknown): boolean {
  if (typeof value === 'string') return scanTemplate(value).references.some((reference) => reference.root === 'poll' && reference.first === 'cursor');
  if (Array.isArray(value)) return value.some(placesPollCursor);
  return typeof value === 'object' && value !== null && Object.values(value).some(placesPollCursor);
}
