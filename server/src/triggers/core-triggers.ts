import { z } from 'zod';
import { scheduleConfigSchema } from './schedule/schedule-config.js';
import { verificationConfigSchema } from './verification/verification-config.js';

const megabyte = 1024 * 1024;

export const webhookTriggerSchema = z.strictObject({
  /** Template over the delivery ({ method, headers, query, body }); the same key twice makes one run. */
  dedupe: z.string().max(500).optional(),
  maxBodyBytes: z.number().int().min(1024).max(25 * megabyte).default(megabyte),
  verification: verificationConfigSchema.optional(),
  response: z
    .strictObject({
      /** `accepted`: 202 as soon as the delivery is durable. `result`: wait for the run and answer with its output. */
      mode: z.enum(['accepted', 'result']).default('accepted'),
      /** With `result`: whose output to answer with (default: the run's last step). */
      step: z.string().optional(),
      timeoutMs: z.number().int().min(100).max(30_000).default(10_000),
    })
    .default({ mode: 'accepted', timeoutMs: 10_000 }),
});
export type WebhookTriggerConfig = z.output<typeof webhookTriggerSchema>;

export const manualTriggerSchema = z.strictObject({
  /** Example input shown in the builder and used when a test run gives none. */
  sample: z.unknown().optional(),
});

export const recipeFailedTriggerSchema = z.strictObject({
  /** Only failures of these recipes; empty or absent means every recipe but this one. */
  recipes: z.array(z.string()).optional(),
  /**
   * Also start on integration alerts (a connection needing reconnection or failing, a webhook trigger gone
   * silent, a poll failing): the event is `{ kind: 'integration_alert', alert, url }`.
   */
  alerts: z.boolean().optional(),
});

/** Triggers built into Switchyard, by `use` key, with the schema of their input. */
export const coreTriggers = {
  'core/webhook': webhookTriggerSchema,
  'core/schedule': scheduleConfigSchema,
  'core/manual': manualTriggerSchema,
  'core/recipe-failed': recipeFailedTriggerSchema,
} as const;

export type CoreTriggerKey = keyof typeof coreTriggers;

export function isCoreTrigger(use: string): use is CoreTriggerKey {
  return Object.hasOwn(coreTriggers, use);
}
