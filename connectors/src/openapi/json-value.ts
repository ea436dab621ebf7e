/** A JSON object as it comes out of a parsed document: nothing about its shape is trusted. */
export type JsonRecord = Record<string, unknown>;

export function asRecord(value: unknown): JsonRecord | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as JsonRecord) : undefined;
}

export function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

export function asText(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

/** Cuts text to a schema's length limit, marking the cut. */
export function clip(text: string | undefined, max: number): string | undefined {
  if (text === undefined) return undefined;
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  return trimmed.length <= max ? trimmed : `${trimmed.slice(0, max - 1)}…`;
}

/**
 * A copy of a value that is plain, acyclic JSON no larger than `maxChars`, or undefined. Dereferenced specs
 * can hold cycles and huge examples; a manifest must stay small and serialisable.
 */
export function jsonCopy(value: unknown, maxChars: number): unknown {
  if (value === undefined) return undefined;
  try {
    const text = JSON.stringify(value);
    return text === undefined || text.length > maxChars ? undefined : (JSON.parse(text) as unknown);
  } catch {
    return undefined;
  }
}
