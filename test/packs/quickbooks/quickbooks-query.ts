/**
 * A QuickBooks Online query statement as the service reads it (developer.intuit.com "Query operations and
 * syntax"): `select * from <Entity> [where <Property> <op> <value> [and …]] [orderby <Property> [asc|desc]]
 * [startposition n] [maxresults n]`. Keywords and entity names in any case (node-quickbooks writes
 * "select * from customer"); quoted values unescape `\'` and `\\`.
 */
export interface ParsedQuery {
  entity: string;
  where: { property: string; op: string; value: string | boolean | number }[];
  orderBy?: { property: string; desc: boolean };
  startPosition: number;
  maxResults: number;
}

const valuePattern = String.raw`'((?:[^'\\]|\\.)*)'|(true|false)|(-?\d+(?:\.\d+)?)`;
const condition = new RegExp(String.raw`^\s*([A-Za-z][\w.]*)\s*(=|<=|>=|<|>|like)\s*(?:${valuePattern})\s*`, 'i');

export function parseQuery(statement: string): ParsedQuery | string {
  const head = /^\s*select\s+\*\s+from\s+(\w+)\s*/i.exec(statement);
  if (!head) return `Error parsing query: expected "select * from <Entity>" in: ${statement}`;
  let rest = statement.slice(head[0].length);
  const parsed: ParsedQuery = { entity: head[1]!.toLowerCase(), where: [], startPosition: 1, maxResults: 100 };
  if (/^where\s/i.test(rest)) {
    rest = rest.slice(5);
    for (let count = 0; count < 20; count++) {
      const match = condition.exec(rest);
      if (!match) return `Error parsing query: unexpected "${rest.slice(0, 40)}"`;
      const [, property, op, quoted, bool, num] = match;
      const value = quoted !== undefined ? quoted.replace(/\\(.)/g, '$1') : bool !== undefined ? bool.toLowerCase() === 'true' : Number(num);
      parsed.where.push({ property: property!, op: op!.toLowerCase(), value });
      rest = rest.slice(match[0].length);
      if (!/^and\s/i.test(rest)) break;
      rest = rest.slice(4);
    }
  }
  const order = /^orderby\s+([\w.]+)(?:\s+(asc|desc))?\s*/i.exec(rest);
  if (order) {
    parsed.orderBy = { property: order[1]!, desc: order[2]?.toLowerCase() === 'desc' };
    rest = rest.slice(order[0].length);
  }
  const start = /^startposition\s+(\d+)\s*/i.exec(rest);
  if (start) {
    parsed.startPosition = Number(start[1]);
    rest = rest.slice(start[0].length);
  }
  const max = /^maxresults\s+(\d+)\s*/i.exec(rest);
  if (max) {
    parsed.maxResults = Number(max[1]);
    rest = rest.slice(max[0].length);
  }
  if (rest.trim() !== '') return `Error parsing query: unexpected "${rest.slice(0, 40)}"`;
  if (parsed.maxResults > 1000) return 'Error parsing query: MAXRESULTS may be at most 1000';
  return parsed;
}

/** A property path read case-insensitively (the query says Metadata.CreateTime, entities carry MetaData). */
export function readProperty(entity: Record<string, unknown>, path: string): unknown {
  let current: unknown = entity;
  for (const segment of path.split('.')) {
    if (current === null || typeof current !== 'object') return undefined;
    const key = Object.keys(current).find((candidate) => candidate.toLowerCase() === segment.toLowerCase());
    current = key === undefined ? undefined : (current as Record<string, unknown>)[key];
  }
  // A reference or address matches on its value or address (PrimaryEmailAddr = 'x').
  if (current !== null && typeof current === 'object') return (current as { Address?: unknown; value?: unknown }).Address ?? (current as { value?: unknown }).value;
  return current;
}

const isTime = (value: unknown): value is string => typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(value);

/** Whether an entity passes one where condition; times compare as instants whatever their offset. */
export function matches(entity: Record<string, unknown>, { property, op, value }: ParsedQuery['where'][number]): boolean {
  const actual = readProperty(entity, property);
  if (op === 'like') return typeof value === 'string' && new RegExp(`^${value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/%/g, '.*')}$`, 'i').test(String(actual ?? ''));
  const [a, b] = isTime(actual) && isTime(value) ? [Date.parse(actual), Date.parse(value)] : [actual, value];
  if (op === '=') return a === b;
  if (a === undefined || a === null || b === undefined) return false;
  if (op === '<') return (a as number) < (b as number);
  if (op === '>') return (a as number) > (b as number);
  if (op === '<=') return (a as number) <= (b as number);
  return (a as number) >= (b as number);
}
