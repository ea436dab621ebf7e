import { z } from 'zod';
import { fieldKeySchema, pathSchema, templateSchema } from './names.js';
import { requestTemplateSchema } from './request-template-schema.js';

export const fieldTypes = [
  'string', 'text', 'number', 'integer', 'boolean', 'date', 'datetime', 'email', 'url', 'select', 'multiselect', 'json', 'file',
] as const;
export type FieldType = (typeof fieldTypes)[number];

export const choiceSchema = z.strictObject({ label: z.string().min(1).max(200), value: z.union([z.string(), z.number(), z.boolean()]) });

/**
 * Choices fetched from the vendor while the user fills the form (e.g. "which Slack channel?"). The request
 * sees `connection` and the other `input` fields named in `dependsOn`.
 */
export const dynamicChoicesSchema = z.strictObject({
  request: requestTemplateSchema,
  /** Where the list is in the response body. */
  items: pathSchema,
  /** Templates over one item (`{{item.name}}`). */
  label: templateSchema,
  value: templateSchema,
  dependsOn: z.array(fieldKeySchema).default([]),
});

function compiles(regex: string): boolean {
  try {
    new RegExp(regex, 'u');
    return true;
  } catch {
    return false;
  }
}

export const fieldSchema = z.strictObject({
  key: fieldKeySchema,
  label: z.string().min(1).max(200),
  type: z.enum(fieldTypes).default('string'),
  description: z.string().max(2000).optional(),
  placeholder: z.string().max(200).optional(),
  required: z.boolean().default(false),
  default: z.unknown().optional(),
  /** Connection fields only: stored encrypted, never shown again or returned by the API. */
  secret: z.boolean().default(false),
  choices: z.array(choiceSchema).max(1000).optional(),
  dynamicChoices: dynamicChoicesSchema.optional(),
  /**
   * Shown folded under "Advanced" in forms: settings almost nobody changes, such as the API base URL of a
   * vendor that only a proxy, a regional host or a test server would replace.
   */
  advanced: z.boolean().default(false),
  /**
   * Connection fields only: the whole text must match `regex` (a JavaScript regular expression, anchored at
   * both ends); otherwise the save is refused with `message` ("the part before .myshopify.com, e.g. my-store").
   */
  pattern: z
    .strictObject({ regex: z.string().min(1).max(500).refine(compiles, 'is not a valid regular expression'), message: z.string().min(1).max(500) })
    .optional(),
}).meta({ id: 'Field' });
export type Field = z.output<typeof fieldSchema>;
export type FieldInput = z.input<typeof fieldSchema>;
