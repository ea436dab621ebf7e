import { z } from 'zod';

/**
 * Outgoing REST hooks (Zapier's "REST Hooks", Make and n8n webhooks): another tool subscribes a URL to
 * Switchyard's events. Field names are snake_case as in the REST Hooks convention those tools speak.
 */
export const hookEventSchema = z.enum(['run.succeeded', 'run.failed', 'run.finished', 'recipe.emitted']);
export type HookEvent = z.infer<typeof hookEventSchema>;

/** An emit name: what `core/emit` calls its event and a subscription may filter on. */
export const emitNameSchema = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.:-]*$/, 'letters, digits and _ . : - (starting with a letter or digit)');

export const createHookSubscriptionSchema = z
  .strictObject({
    target_url: z.url({ protocol: /^https?$/, error: 'an http(s) URL' }).max(2000),
    event: hookEventSchema,
    recipe_id: z.string().min(1).max(100).optional().describe('only this recipe’s events'),
    emit_name: emitNameSchema.optional().describe('recipe.emitted only: only events emitted under this name'),
  })
  .refine((body) => body.emit_name === undefined || body.event === 'recipe.emitted', {
    path: ['emit_name'],
    message: 'emit_name filters recipe.emitted events only',
  });

export const hookSubscriptionSchema = z.object({
  id: z.string(),
  target_url: z.string(),
  event: hookEventSchema,
  recipe_id: z.string().nullable(),
  emit_name: z.string().nullable(),
  status: z.enum(['active', 'unsubscribed']).describe('unsubscribed: the target answered 410 Gone'),
  created_at: z.number().int(),
  unsubscribed_at: z.number().int().nullable(),
});
export type HookSubscription = z.infer<typeof hookSubscriptionSchema>;

export const createdHookSubscriptionSchema = hookSubscriptionSchema.extend({
  secret: z.string().describe('whsec_…: verifies the Standard Webhooks signature of every delivery; shown only now'),
});

export const hookAttemptSchema = z.object({
  attempted_at: z.number().int(),
  duration_ms: z.number().int(),
  http_status: z.number().int().nullable(),
  error: z.string().nullable(),
});

export const hookDeliveryStatusSchema = z.enum(['pending', 'succeeded', 'failed', 'cancelled']);

export const hookDeliverySchema = z.object({
  id: z.string().describe('the webhook-id header, the same on every attempt'),
  event: hookEventSchema,
  status: hookDeliveryStatusSchema,
  created_at: z.number().int(),
  next_attempt_at: z.number().int().nullable(),
  finished_at: z.number().int().nullable(),
  attempts: z.array(hookAttemptSchema),
});
export type HookDelivery = z.infer<typeof hookDeliverySchema>;
