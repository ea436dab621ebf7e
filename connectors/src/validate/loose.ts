/**
 * Read-only views of a manifest that may not have passed the schema yet, so the rules beyond zod can report
 * their problems in the same answer as zod's instead of after the author fixed those.
 */
export type LooseObject = Readonly<Record<string, unknown>>;

export function looseObject(value: unknown): LooseObject | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as LooseObject) : undefined;
}

export function looseList(value: unknown): readonly unknown[] {
  return Array.isArray(value) ? value : [];
}

export function looseString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** The string `key` of each object in a list (field keys, action keys, …). */
export function looseKeys(list: unknown): string[] {
  return looseList(list).flatMap((item) => {
    const key = looseString(looseObject(item)?.key);
    return key === undefined ? [] : [key];
  });
}
