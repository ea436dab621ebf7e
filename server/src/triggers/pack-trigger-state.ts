import { z } from 'zod';

const failureSchema = z.object({ at: z.number(), message: z.string() });

/**
 * What a pack trigger remembers (`triggers.state`). Polls: whether the first poll has seeded, the newest
 * cursor value with the ids seen at exactly that value (ties broken by id), the last poll and its error.
 * Subscriptions: the vendor's id, captured values, the secret we gave the vendor (or the one its handshake
 * sent), expiry, and the last error of a (un)subscribe or renewal. The secrets and the captured values are
 * stored sealed for the trigger (`trigger-secret.ts`).
 */
export const packTriggerStateSchema = z.object({
  seeded: z.boolean().optional(),
  cursor: z.object({ value: z.union([z.string(), z.number()]), ids: z.array(z.string()) }).optional(),
  lastPollAt: z.number().optional(),
  subscription: z
    .object({
      id: z.string(),
      /**
       * Sealed JSON of the values captured from the answer to subscribe (they may be secrets: Stripe's
       * endpoint `secret`). A record in states stored before they were sealed: read as is, sealed when next written.
       */
      captured: z.union([z.string(), z.record(z.string(), z.unknown())]),
      /** Sealed: the secret we sent with subscribe (`{{webhook.secret}}`). */
      secret: z.string(),
      expiresAt: z.number().optional(),
    })
    .optional(),
  /** Sealed: sent by the vendor's handshake (Asana's `X-Hook-Secret`); deliveries are then verified with it. */
  hookSecret: z.string().optional(),
  lastError: failureSchema.nullable().optional(),
});
export type PackTriggerState = z.output<typeof packTriggerStateSchema>;
export type StoredSubscription = NonNullable<PackTriggerState['subscription']>;

/** Reads a stored state; anything unreadable counts as a fresh trigger. */
export function readPackTriggerState(stored: unknown): PackTriggerState {
  const parsed = packTriggerStateSchema.safeParse(stored ?? {});
  return parsed.success ? parsed.data : {};
}

/** The state as the API shows it: secrets never leave the server. */
export function publicPackTriggerState(state: PackTriggerState, seenCount: number) {
  return {
    ...(state.seeded !== undefined && { seeded: state.seeded }),
    ...(state.cursor && { cursor: state.cursor.value, idsAtCursor: state.cursor.ids.length }),
    seenCount,
    ...(state.lastPollAt !== undefined && { lastPollAt: state.lastPollAt }),
    ...(state.subscription && {
      subscriptionId: state.subscription.id,
      ...(state.subscription.expiresAt !== undefined && { expiresAt: state.subscription.expiresAt }),
    }),
    ...(state.hookSecret !== undefined && { handshakeDone: true }),
    lastError: state.lastError ?? null,
  };
}
