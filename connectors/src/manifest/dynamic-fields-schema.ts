import { z } from 'zod';
import { fieldSchema, fieldTypes } from './field-schema.js';
import { fieldKeySchema, pathSchema, templateSchema } from './names.js';
import { requestTemplateSchema } from './request-template-schema.js';

/**
 * How one vendor type becomes a form field: a field `type`, or that plus `value`, a JSON template seeing
 * `{{value}}` that wraps the user's value when `{{fields}}` is built (Notion wants
 * `{ "title": [{ "text": { "content": "{{value}}" } }] }`, a Salesforce multi-select `"{{value | join: ';'}}"`).
 */
export const dynamicFieldTypeSchema = z.union([
  z.enum(fieldTypes),
  z.strictObject({ type: z.enum(fieldTypes), value: z.unknown().optional() }),
]);
export type DynamicFieldType = z.output<typeof dynamicFieldTypeSchema>;

/**
 * The key of a fetched field: the vendor's own name, used as the input key and the `{{fields}}` key, so
 * wider than a static key ("Due date", a Notion property): 1–100 characters without `.` (the builder's
 * path separator), brackets, braces or control characters, and never a name that reads a prototype.
 */
export const dynamicFieldKeySchema = z
  .string()
  .regex(/^[^.[\]{}\p{Cc}]{1,100}$/u, 'must be 1 to 100 characters without ".", brackets, braces or control characters')
  .refine((key) => key.trim() === key && !['__proto__', 'constructor', 'prototype'].includes(key), 'must not start or end with a space, nor name a prototype');

/** A fetched field as the form gets it: a static field's shape with the wider key. */
export const dynamicFieldSchema = fieldSchema.extend({ key: dynamicFieldKeySchema });

const conditionValueSchema = z.union([z.string(), z.number(), z.boolean(), z.null()]);

/**
 * Item paths and the values they must equal, all of them (`{ createable: true }`); a list means "one of"
 * (`{ type: [title, rich_text, number] }`, so the vendor's read-only kinds are left out by naming the others).
 */
const conditionSchema = z.record(pathSchema, z.union([conditionValueSchema, z.array(conditionValueSchema).min(1).max(100)]));

/**
 * Input fields fetched from the vendor once other inputs are chosen (a Salesforce object's createable fields,
 * a Notion database's properties). `request` sees `connection` and the `input` fields in `dependsOn`; each
 * item of the list at `items` (or each value, in order, of an object there) that matches `when` becomes a field: `key`, `label`, `description` and `type`
 * are templates over `{{item.*}}`, the rendered `type` is looked up in `types` (unknown: a text field),
 * `required` lists item values that make the field required, and `choices` reads a list inside the item
 * (`{{choice.*}}`, those matching its `when`) for `select` and `multiselect` fields. The action's request then sees the values of these fields as one object, `{{fields}}`.
 */
export const dynamicFieldsSchema = z.strictObject({
  request: requestTemplateSchema,
  items: pathSchema,
  when: conditionSchema.optional(),
  key: templateSchema,
  label: templateSchema,
  description: templateSchema.optional(),
  type: templateSchema.optional(),
  types: z.record(z.string().min(1).max(100), dynamicFieldTypeSchema).default({}),
  required: conditionSchema.optional(),
  // A list of paths: the first holding a list is read (Notion keeps options at `select.options` or `status.options`).
  choices: z.strictObject({ items: z.union([pathSchema, z.array(pathSchema).min(1).max(20)]), when: conditionSchema.optional(), label: templateSchema, value: templateSchema }).optional(),
  dependsOn: z.array(fieldKeySchema).default([]),
}).meta({ id: 'DynamicFields' });
export type DynamicFields = z.output<typeof dynamicFieldsSchema>;
