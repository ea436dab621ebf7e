import type { Field } from '@switchyard/connectors';
import { z } from 'zod';

/** A `file` field's value: text (sent as UTF-8) or binary content as base64. */
export const fileValueSchema = z.union([
  z.string(),
  z.strictObject({ base64: z.base64(), filename: z.string().max(500).optional(), contentType: z.string().max(200).optional() }),
]);

type Choice = string | number | boolean;

/**
 * The zod schema of a step's (or trigger's) input, built from a pack's field list: types, required
 * fields, static choices and defaults. Numbers and booleans also come as text (templates that mix text
 * render strings); an optional field left empty (`null`, `""`) counts as absent. Unknown keys are refused
 * so a typo is caught on save instead of being silently ignored, unless `others: 'keep'` (an action with
 * dynamic fields: the other keys are checked once those fields are fetched) passes them through unchanged.
 */
export function inputSchemaForFields(fields: readonly Field[], options: { others?: 'refuse' | 'keep' } = {}): z.ZodType<Record<string, unknown>> {
  const values = fields.map((field) => [field, valueSchema(field)] as const);
  const shape = Object.fromEntries(fields.map((field) => [field.key, z.unknown().optional()]));
  const keep = options.others === 'keep';
  return (keep ? z.looseObject(shape) : z.strictObject(shape)).transform((input, ctx) => {
    const output: Record<string, unknown> = {};
    if (keep) for (const [key, value] of Object.entries(input)) if (!fields.some((field) => field.key === key)) output[key] = value;
    for (const [field, schema] of values) {
      let value = input[field.key];
      if (isEmpty(value, field)) value = field.default;
      if (value === undefined || value === null) {
        if (field.required) ctx.addIssue({ code: 'custom', path: [field.key], message: `"${field.label}" is required` });
        continue;
      }
      const parsed = schema.safeParse(value);
      if (parsed.success) output[field.key] = parsed.data;
      else for (const issue of parsed.error.issues) ctx.addIssue({ code: 'custom', path: [field.key, ...issue.path], message: issue.message });
    }
    return output;
  });
}

/** Text fields keep an empty string; for every other type it means "not given". */
function isEmpty(value: unknown, field: Field): boolean {
  return value === null || value === undefined || (value === '' && field.type !== 'string' && field.type !== 'text');
}

function valueSchema(field: Field): z.ZodType {
  switch (field.type) {
    case 'string':
    case 'text':
      return z.union([z.string(), z.number().transform(String)]);
    case 'number':
      return numeric(z.number({ error: 'must be a number' }));
    case 'integer':
      return numeric(z.number({ error: 'must be a number' }).int('must be a whole number'));
    case 'boolean':
      return z.union([z.boolean(), z.enum(['true', 'false']).transform((text) => text === 'true')], { error: 'must be true or false' });
    case 'date':
      return z.iso.date();
    case 'datetime':
      return z.iso.datetime({ offset: true, local: true });
    case 'email':
      return z.email();
    case 'url':
      return z.url({ protocol: /^https?$/ });
    case 'select':
      return oneOf(field);
    case 'multiselect':
      return z.array(oneOf(field)).max(1000);
    case 'json':
      return z.unknown();
    case 'file':
      return fileValueSchema;
  }
}

function numeric(schema: z.ZodNumber): z.ZodType {
  return z.preprocess((input) => (typeof input === 'string' && input.trim() !== '' && Number.isFinite(Number(input)) ? Number(input) : input), schema);
}

/** Static choices limit the values; dynamic ones are fetched from the vendor, so any scalar goes. */
function oneOf(field: Field): z.ZodType {
  const scalar = z.union([z.string(), z.number(), z.boolean()]);
  if (!field.choices || field.choices.length === 0) return scalar;
  const allowed = field.choices.map((choice) => choice.value);
  return scalar.refine((value: Choice) => allowed.some((choice) => choice === value || String(choice) === String(value)), {
    message: `must be one of ${allowed.map((choice) => JSON.stringify(choice)).join(', ')}`,
  });
}
