import type { TableResponse } from '@switchyard/connectors';
import { renderTemplate, type TemplateScope } from '../templates/index.js';
import { readBodyPath } from './read-body-path.js';
import { textOf } from './render-request.js';

/** A spreadsheet column's letter: 0 → A, 25 → Z, 26 → AA. */
export function columnLetter(index: number): string {
  let letter = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) letter = String.fromCharCode(65 + ((n - 1) % 26)) + letter;
  return letter;
}

/**
 * Turns the table at `table.rows` (rows as lists of cells, the first naming the columns) into one object per
 * later non-empty row, `{ <rowField>: number, <column>: cell }`, and keeps only the rows `where` matches. The body is
 * returned with that list in place; a body without a list there has no rows (`[]`), as Sheets answers for an
 * empty range by leaving `values` out.
 */
export function shapeTable(body: unknown, table: TableResponse, scope: TemplateScope): unknown {
  const found = readBodyPath(body, table.rows);
  const [header = [], ...rows] = Array.isArray(found) ? found : [];
  const names = (Array.isArray(header) ? header : []).map((cell, index) => textOf(cell).trim() || columnLetter(index));
  // Empty rows are no rows (Sheets sends [] for a blank row between others), so one filled in later is new then.
  let shaped = rows.flatMap((row, index) => {
    const cells: unknown[] = Array.isArray(row) ? row : [];
    if (cells.every((cell) => textOf(cell).trim() === '')) return [];
    const entries: [string, unknown][] = names.map((name, column) => [name, cells[column] ?? '']);
    // Cells beyond the named columns keep their letters, so nothing typed into the sheet is lost.
    for (let column = names.length; column < cells.length; column++) entries.push([columnLetter(column), cells[column]]);
    return [{ ...Object.fromEntries(entries), [table.rowField]: table.firstRow + 1 + index }];
  });
  if (table.where) {
    const column = textOf(renderTemplate(table.where.column, scope)).trim();
    const wanted = textOf(renderTemplate(table.where.equals, scope)).trim().toLowerCase();
    const key = names.find((name) => name.toLowerCase() === column.toLowerCase()) ?? column;
    shaped = shaped.filter((row) => textOf(row[key]).trim().toLowerCase() === wanted);
  }
  return replaceAt(body, table.rows, shaped);
}

/** The body with the list at a dot path replaced (copies along the path; the empty path is the body). */
function replaceAt(body: unknown, path: string, value: unknown): unknown {
  const segments = path.match(/[^.[\]]+/g) ?? [];
  const write = (node: unknown, depth: number): unknown => {
    if (depth === segments.length) return value;
    const base = node !== null && typeof node === 'object' && !Array.isArray(node) ? (node as Record<string, unknown>) : {};
    const key = segments[depth]!;
    return { ...base, [key]: write(Object.hasOwn(base, key) ? base[key] : undefined, depth + 1) };
  };
  return write(body, 0);
}
