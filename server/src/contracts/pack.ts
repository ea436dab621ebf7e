import { z } from 'zod';

/** One installed pack as lists show it (the newest version's details). */
export const packSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string().optional(),
  icon: z.string().optional().describe('inline SVG'),
  newest: z.string().describe('newest installed version'),
  versions: z.array(z.string()).describe('every installed version, newest first'),
  builtIn: z.boolean().describe('shipped with Switchyard'),
  actions: z.number().int(),
  triggers: z.number().int(),
  actionNames: z.array(z.string()),
  triggerNames: z.array(z.string()),
  auth: z.enum(['none', 'api_key', 'basic', 'bearer', 'oauth2', 'custom']),
  pasteToken: z.string().optional().describe('an OAuth2 pack that also takes a pasted token: what the token is called'),
});
export type PackSummary = z.infer<typeof packSummarySchema>;

export const packChangeSchema = z.object({
  target: z.enum(['action', 'trigger', 'auth']),
  key: z.string(),
  change: z.enum([
    'added',
    'removed',
    'field_added',
    'field_removed',
    'field_now_required',
    'field_type_changed',
    'request_changed',
    'output_changed',
    'kind_changed',
    'auth_changed',
  ]),
  field: z.string().optional(),
  breaking: z.boolean().describe('a recipe using it may stop working, or work differently, without edits'),
  message: z.string(),
});
export type PackChangeView = z.infer<typeof packChangeSchema>;
