import { z } from 'zod';

/** Limits that keep one recipe from exhausting the server; checked on every save. */
export const recipeLimits = { maxSteps: 500, maxDepth: 10 } as const;

export const stepIdSchema = z
  .string()
  .regex(/^[a-z][a-z0-9_]{0,63}$/, 'step ids are lower-case letters, digits and _ (starting with a letter), at most 64');

export const useSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]*\/[a-z0-9][a-z0-9-]*(@\d+)?$/, 'use is "pack/key" (optionally "@major"), e.g. "core/http"');

export const retryPolicySchema = z.strictObject({
  maxAttempts: z.number().int().min(1).max(25).optional(),
  baseDelayMs: z.number().int().min(0).max(3_600_000).optional(),
  maxDelayMs: z.number().int().min(0).max(86_400_000).optional(),
});
export type RetryPolicy = z.infer<typeof retryPolicySchema>;

export interface StepDefinitionJson {
  id: string;
  name?: string | undefined;
  use: string;
  connection?: string | undefined;
  input?: Record<string, unknown> | undefined;
  retry?: RetryPolicy | undefined;
  timeoutMs?: number | undefined;
  onError?: 'stop' | 'continue' | { steps: StepDefinitionJson[] } | undefined;
  /** Child steps: a `core/loop`'s body, or the steps a `core/approval` runs (to send its links) before it waits. */
  steps?: StepDefinitionJson[] | undefined;
  /** `core/paths` branches. */
  paths?: { name: string; when?: unknown; steps: StepDefinitionJson[] }[] | undefined;
  mode?: 'first' | 'all' | undefined;
}

export const stepSchema: z.ZodType<StepDefinitionJson> = z.lazy(() =>
  z.strictObject({
    id: stepIdSchema,
    name: z.string().max(200).optional(),
    use: useSchema,
    connection: z.string().min(1).optional(),
    input: z.record(z.string(), z.unknown()).optional(),
    retry: retryPolicySchema.optional(),
    timeoutMs: z.number().int().min(100).max(3_600_000).optional(),
    onError: z
      .union([z.literal('stop'), z.literal('continue'), z.strictObject({ steps: z.array(stepSchema) })])
      .optional(),
    steps: z.array(stepSchema).optional(),
    paths: z
      .array(
        z.strictObject({
          name: z.string().min(1).max(100),
          when: z.unknown().optional(),
          steps: z.array(stepSchema),
        }),
      )
      .optional(),
    mode: z.enum(['first', 'all']).optional(),
  }),
).meta({ id: 'Step' });

export const triggerSchema = z.strictObject({
  use: useSchema,
  connection: z.string().min(1).optional(),
  input: z.record(z.string(), z.unknown()).optional(),
});
export type TriggerDefinitionJson = z.infer<typeof triggerSchema>;

export const recipeSettingsSchema = z.strictObject({
  /** Most runs of this recipe executing at once (per process); unset = only the global limit. */
  maxConcurrency: z.number().int().min(1).max(1000).optional(),
  runTimeoutMs: z.number().int().min(1000).max(7 * 86_400_000).optional(),
});

export const recipeDefinitionSchema = z.strictObject({
  trigger: triggerSchema,
  steps: z.array(stepSchema),
  settings: recipeSettingsSchema.optional(),
});
export type RecipeDefinition = z.infer<typeof recipeDefinitionSchema>;

/** The recipe file of DESIGN §9: what `recipes import` reads and `recipes export` writes. */
export const recipeFileSchema = recipeDefinitionSchema.extend({
  name: z.string().min(1).max(200),
  folder: z.string().max(200).optional(),
});
export type RecipeFile = z.infer<typeof recipeFileSchema>;
