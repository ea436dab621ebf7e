/** Small numeric helpers for the benchmark report. */

export function percentile(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index]!;
}

export function median(values: number[]): number {
  return percentile(Float64Array.from(values).sort(), 50);
}

export function sortedCopy(values: ArrayLike<number>): Float64Array {
  return Float64Array.from(values).sort();
}

export const ms = (value: number): string => (Number.isFinite(value) ? (value < 10 ? value.toFixed(2) : value < 100 ? value.toFixed(1) : value.toFixed(0)) : '—');
export const rate = (value: number): string => (Number.isFinite(value) ? Math.round(value).toLocaleString('en-US') : '—');
export const mb = (bytes: number): string => (Number.isFinite(bytes) ? `${(bytes / 1024 / 1024).toFixed(0)} MB` : '—');

/** Renders rows as a fixed-width text table; the first row is the header. */
export function table(rows: string[][]): string {
  // Single-cell rows are section titles and do not widen the columns.
  const widths = rows[0]!.map((_, column) => Math.max(...rows.filter((row) => row.length > 1).map((row) => (row[column] ?? '').length)));
  const line = (row: string[]) => row.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join('  ');
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  return [line(rows[0]!), rule, ...rows.slice(1).map((row) => (row.length === 1 ? `${row[0]}` : line(row)))].join('\n');
}
