/**
 * Kebab-case slug for pack ids and action keys (`slugSchema`): `listPets` → `list-pets`,
 * `GET /pets/{id}` → `get-pets-id`. Empty when nothing usable is left.
 */
export function slugify(text: string, maxLength = 64): string {
  return text
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1-$2')
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .slice(0, maxLength)
    .replace(/^-+|-+$/g, '');
}

/**
 * An identifier-like field key (`fieldKeySchema`) for a parameter or property name: `user.name` →
 * `user_name`, `X-Request-Id` → `x_request_id` (header names are case-insensitive, so lower-cased).
 * The original name stays in the request template.
 */
export function toFieldKey(name: string, lowerCase = false): string {
  const cased = lowerCase ? name.toLowerCase() : name;
  let key = cased
    .normalize('NFKD')
    .replace(/[^A-Za-z0-9_]+/g, '_')
    .replace(/^_+(?=[A-Za-z0-9])|(?<=[A-Za-z0-9])_+$/g, '');
  if (key === '' || key === '_') key = 'value';
  if (/^[0-9]/.test(key)) key = `_${key}`;
  return key.slice(0, 64);
}
