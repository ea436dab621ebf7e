import { scanTemplate, type Field } from '@switchyard/connectors';
import { renderBaseUrl } from './render-request.js';

const isDerived = (field: Field): field is Field & { default: string } => !field.secret && typeof field.default === 'string' && field.default.includes('{{');
const isBlank = (value: unknown) => value === undefined || value === null || value === '';

/**
 * Fills connection fields whose `default` names other connection fields (`https://{{connection.shop}}.myshopify.com`),
 * rendered like a `baseUrl`: each value is one URL-encoded word, so it cannot name another host. Only shown
 * (non-secret) values are used, so a secret never lands in a shown field.
 *
 * A derived field follows its inputs while the user has not typed a value of their own: when it is blank,
 * equals the default template itself (what a form prefilled) or equals what the stored values derived; then
 * it is rendered again from the values after this save, so changing the shop moves the URL with it. A value
 * stays unrendered while a field it names is blank (that field's own check reports it).
 */
export function derivedDefaults(fields: readonly Field[], input: Record<string, unknown>, storedValues?: Record<string, unknown>): Record<string, string> {
  const shown = fields.filter((field) => !field.secret && !isDerived(field));
  const valueAfter = (field: Field) => (Object.hasOwn(input, field.key) ? input[field.key] : storedValues ? storedValues[field.key] : field.default);
  const after = Object.fromEntries(shown.map((field) => [field.key, valueAfter(field)]));
  const derived: Record<string, string> = {};
  for (const field of fields.filter(isDerived)) {
    const current = Object.hasOwn(input, field.key) ? input[field.key] : storedValues?.[field.key];
    const follows = isBlank(current) || current === field.default || (storedValues !== undefined && current === render(field.default, storedValues));
    const rendered = follows ? render(field.default, after) : undefined;
    if (rendered !== undefined) derived[field.key] = rendered;
  }
  return derived;
}

/** The default template itself, still unrendered because a field it names is blank: nothing to store. */
export function isUnrenderedDefault(field: Field, value: unknown): boolean {
  return isDerived(field) && value === field.default;
}

function render(template: string, values: Record<string, unknown>): string | undefined {
  const named = scanTemplate(template).references.filter((reference) => reference.root === 'connection');
  if (named.some((reference) => reference.first === undefined || isBlank(values[reference.first]))) return undefined;
  return renderBaseUrl(template, { connection: values });
}
