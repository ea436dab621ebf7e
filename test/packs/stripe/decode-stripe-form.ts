type Nested = Record<string, unknown>;

/**
 * Decodes a form body or query string the way Stripe reads it: bracketed keys nest (`metadata[plan]=pro`,
 * `address[line1]=…`), `name[]=a&name[]=b` appends to a list, and objects whose keys are 0, 1, 2, … are
 * lists (`line_items[0][price]=…`, what stripe-node sends). Two encodings of the same data decode equal.
 */
export function decodeStripeForm(text: string): Nested {
  const root: Nested = {};
  for (const [key, value] of new URLSearchParams(text)) {
    const match = /^([^[\]]+)((?:\[[^[\]]*\])*)$/.exec(key);
    if (!match) throw new Error(`malformed form key "${key}"`);
    const segments = [match[1]!, ...[...match[2]!.matchAll(/\[([^[\]]*)\]/g)].map((m) => m[1]!)];
    insert(root, segments, value);
  }
  return listify(root) as Nested;
}

function insert(target: Nested | unknown[], segments: string[], value: string): void {
  const [head, ...rest] = segments as [string, ...string[]];
  const slot = (key: string, make: () => Nested | unknown[]): Nested | unknown[] => {
    if (Array.isArray(target)) {
      const created = make();
      target.push(created);
      return created;
    }
    const existing = target[key];
    if (existing !== null && typeof existing === 'object') return existing as Nested | unknown[];
    return (target[key] = make());
  };
  if (rest.length === 0) {
    if (Array.isArray(target)) target.push(value);
    else target[head] = value;
    return;
  }
  const next = rest[0] === '' ? slot(head, () => []) : slot(head, () => ({}));
  insert(next, rest, value);
}

function listify(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(listify);
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value as Nested).map(([key, item]) => [key, listify(item)] as const);
  const indexed = entries.length > 0 && entries.every(([key], index) => key === String(index));
  return indexed ? entries.map(([, item]) => item) : Object.fromEntries(entries);
}
