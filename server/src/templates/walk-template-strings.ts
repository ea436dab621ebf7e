/** Calls `visit` for every string in a JSON value that may hold an expression, with its JSON pointer. */
export function walkTemplateStrings(
  value: unknown,
  visit: (text: string, pointer: string) => void,
  pointer = '',
): void {
  if (typeof value === 'string') {
    if (value.includes('{{')) visit(value, pointer);
  } else if (Array.isArray(value)) {
    value.forEach((item, index) => walkTemplateStrings(item, visit, `${pointer}/${index}`));
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) walkTemplateStrings(item, visit, `${pointer}/${escapeToken(key)}`);
  }
}

// RFC 6901: '~' and '/' inside a key are written as '~0' and '~1'.
const escapeToken = (key: string): string => key.replaceAll('~', '~0').replaceAll('/', '~1');
