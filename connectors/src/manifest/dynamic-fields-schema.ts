import { z } from 'zod';
import { fieldTypes } from './field-schema.js';
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

/** Item paths and the values they must equal, all of them (`{ createable: true }`). */
const conditionSchema = z.record(pathSchema, z.union([z.string(), z.number(), z.boolean(), z.null()]));

/**
 * Input fields fetched from the vendor once other inputs are chosen (a Salesforce object's createable fields,
 * a Notion database's properties). `request` sees `connection` and the `input` fields in `dependsOn`; each
 * item of the list at `items` that matches `when` becomes a field: `key`, `label`, `description` and `type`
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
  choices: z.strictObject({ items: pathSchema, when: conditionSchema.optional(), label: templateSchema, value: templateSchema }).optional(),
  dependsOn: z.array(fieldKeySchema).default([]),
}).meta({ id: 'DynamicFields' });
export type DynamicFields = z.output<typeof dynamicFieldsSchema>;
