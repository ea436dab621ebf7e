import { z } from 'zod';
import { recipeDefinitionSchema } from './recipe-definition.js';
import { runStatusSchema } from './run.js';

export const recipeStatusSchema = z.enum(['draft', 'live', 'paused']);
export type RecipeStatus = z.infer<typeof recipeStatusSchema>;

export const recipeVersionSchema = z.object({
  id: z.string(),
  recipeId: z.string(),
  number: z.number().int(),
  state: z.enum(['draft', 'published', 'previous']),
  definition: recipeDefinitionSchema,
  createdAt: z.number().int(),
  createdBy: z.string().nullable(),
});
export type RecipeVersion = z.infer<typeof recipeVersionSchema>;

export const liveTriggerSchema = z.object({
  id: z.string().describe('for GET /triggers/{id}/state'),
  kind: z.string(),
  webhookUrl: z.string().optional(),
  nextFireAt: z.number().int().nullable().optional(),
});
export type LiveTrigger = z.infer<typeof liveTriggerSchema>;

export const recipeSchema = z.object({
  id: z.string(),
  name: z.string(),
  folder: z.string(),
  status: recipeStatusSchema,
  ownerId: z.string().nullable(),
  publishedVersionId: z.string().nullable(),
  latestVersionId: z.string(),
  definition: recipeDefinitionSchema.describe('the newest version (the draft when there is one)'),
  trigger: liveTriggerSchema.nullable(),
  createdAt: z.number().int(),
  updatedAt: z.number().int(),
});
export type Recipe = z.infer<typeof recipeSchema>;

/** A recipe in the list, with its newest run (of any version) so the list can show how it last went. */
export const recipeListItemSchema = recipeSchema.extend({
  lastRun: z.object({ id: z.string(), status: runStatusSchema, createdAt: z.number().int(), finishedAt: z.number().int().nullable() }).nullable(),
});
export type RecipeListItem = z.infer<typeof recipeListItemSchema>;

export const createRecipeSchema = recipeDefinitionSchema.extend({
  name: z.string().min(1).max(200),
  folder: z.string().max(200).optional(),
});

export const updateRecipeSchema = z.strictObject({
  name: z.string().min(1).max(200).optional(),
  folder: z.string().max(200).optional(),
  definition: recipeDefinitionSchema.optional(),
});
