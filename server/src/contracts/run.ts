import { z } from 'zod';

export const runStatusSchema = z.enum(['queued', 'running', 'waiting', 'succeeded', 'failed', 'cancelled']);
export type RunStatus = z.infer<typeof runStatusSchema>;

/** The statuses a run ends in; nothing changes a run after it reaches one. */
export const finishedRunStatuses: readonly string[] = ['succeeded', 'failed', 'cancelled'] satisfies RunStatus[];

// sleeping: parked until a time, then succeeds (delay). waiting: parked until decided (approval, sub-recipe) or expired.
export const runStepStatusSchema = z.enum(['running', 'retrying', 'sleeping', 'waiting', 'succeeded', 'failed', 'skipped']);
export type RunStepStatus = z.infer<typeof runStepStatusSchema>;

export const stepErrorSchema = z.object({
  code: z.string(),
  message: z.string(),
  retryable: z.boolean().optional(),
  details: z.unknown().optional(),
});
export type StepErrorJson = z.infer<typeof stepErrorSchema>;

export const runStepSchema = z.object({
  path: z.string().describe('position in the recipe tree, e.g. "post" or "each[2].notify"'),
  stepId: z.string(),
  use: z.string(),
  status: runStepStatusSchema,
  input: z.unknown(),
  output: z.unknown(),
  error: stepErrorSchema.nullable(),
  attempts: z.number().int(),
  idempotencyKey: z.string(),
  sideEffect: z.boolean(),
  startedAt: z.number().int().nullable(),
  finishedAt: z.number().int().nullable(),
  nextAttemptAt: z.number().int().nullable(),
});
export type RunStep = z.infer<typeof runStepSchema>;

export const runSummarySchema = z.object({
  id: z.string(),
  recipeId: z.string(),
  versionId: z.string(),
  status: runStatusSchema,
  triggerKind: z.string(),
  createdAt: z.number().int(),
  startedAt: z.number().int().nullable(),
  finishedAt: z.number().int().nullable(),
  error: stepErrorSchema.nullable(),
  replayOf: z.string().nullable(),
  parentRunId: z.string().nullable(),
});
export type RunSummary = z.infer<typeof runSummarySchema>;

export const runDetailSchema = runSummarySchema.extend({
  trigger: z.unknown().describe('the trigger event: for webhooks { method, headers, query, body }'),
  output: z.unknown(),
  steps: z.array(runStepSchema),
});
export type RunDetail = z.infer<typeof runDetailSchema>;

export const replayRequestSchema = z.strictObject({
  from: z
    .union([z.literal('start'), z.literal('failed'), z.object({ step: z.string() })])
    .default('start')
    .describe('"start", "failed", or { step: <path> } to reuse the recorded outputs of everything before it'),
  version: z.enum(['original', 'latest']).default('original'),
  preview: z.boolean().default(false).describe('only list what would run again; create nothing'),
});
export type ReplayRequest = z.infer<typeof replayRequestSchema>;

export const replayPreviewSchema = z.object({
  reused: z.array(z.string()).describe('step paths whose recorded outputs are reused'),
  rerun: z.array(z.string()),
  sideEffectsRerun: z.array(z.string()).describe('side-effecting steps that will run again'),
  versionId: z.string(),
});
export type ReplayPreview = z.infer<typeof replayPreviewSchema>;
