type Json = Record<string, unknown>;

/** How a `core/http` step sends its body: the input key holding it (the step takes at most one). */
export type HttpBodyKind = 'none' | 'json' | 'body' | 'form';

export const httpBodyKinds: { value: HttpBodyKind; label: string }[] = [
  { value: 'none', label: 'None' },
  { value: 'json', label: 'JSON' },
  { value: 'form', label: 'Form' },
  { value: 'body', label: 'Raw text' },
];

const bodyKeys = ['json', 'body', 'form'] as const;

/** The kind the input holds now, or undefined when it holds no body. */
export function httpBodyKindOf(input: Json): Exclude<HttpBodyKind, 'none'> | undefined {
  return bodyKeys.find((key) => input[key] !== undefined);
}

/** The input with its body switched to another kind: the other kinds' values go, the new one starts empty. */
export function switchHttpBody(input: Json, kind: HttpBodyKind): Json {
  const next = Object.fromEntries(Object.entries(input).filter(([key]) => !(bodyKeys as readonly string[]).includes(key)));
  if (kind === 'none') return next;
  // An empty JSON body is left out until something valid is typed; raw text and forms may start empty.
  return kind === 'json' ? next : { ...next, [kind]: kind === 'form' ? {} : '' };
}
