
/** The base id a step kind suggests: `core/filter` → `filter`, `slack/post-message@2` → `post_message`. */
export function baseStepId(use: string): string {
  const key = (use.split('/')[1] ?? use).replace(/@\d+$/, '');
  const cleaned = key.toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '');
  const lettered = /^[a-z]/.test(cleaned) ? cleaned : `step_${cleaned}`.replace(/_+$/, '');
  // Room for a `_999` suffix keeps every derived id within 64 characters.
  return lettered.slice(0, 56).replace(/_+$/, '');
}

/** A new id for a step of this kind that no step in `taken` uses: `filter`, then `filter_2`, `filter_3`, … */
export function newStepId(use: string, taken: ReadonlySet<string>): string {
  const base = baseStepId(use);
  if (!taken.has(base)) return base;
  // More than `taken.size + 2` candidates can never all be taken, so the loop always ends.
  for (let n = 2; n <= taken.size + 2; n++) {
    const candidate = `${base}_${n}`;
    if (!taken.has(candidate)) return candidate;
  }
  throw new Error('unreachable: a free step id always exists');
}
