import { isDeepStrictEqual } from 'node:util';
import type { ResolvedTrigger } from '../registry/pack-registry.js';
import { createToken } from '../storage/create-id.js';
import { fromJson } from '../storage/json-column.js';
import { kvRepo } from '../storage/kv-repo.js';
import type { TriggerRow } from '../storage/tables.js';
import { triggerItemRepo } from '../storage/trigger-item-repo.js';
import { triggerRepo } from '../storage/trigger-repo.js';
import { isUnavailable } from '../storage/unavailable-error.js';
import { failureMessage, type PackTriggerConfig } from './pack-trigger-call.js';
import type { PackTriggerServices } from './pack-trigger-services.js';
import { readPackTriggerState, type PackTriggerState } from './pack-trigger-state.js';
import { renewalAt, subscriptionClient, type Webhook } from './sources/subscription-client.js';
import type { TriggerDeps } from './trigger-deps.js';
import { openSubscription, openTriggerSecret, sealSubscription, sealTriggerSecret, triggerSecretOwner } from './trigger-secret.js';

/** What publishing a pack trigger writes in the publish transaction, prepared (vendor calls done) before it. */
export interface PackActivation {
  kind: 'webhook' | 'subscription' | 'poll';
  webhookToken: string;
  /** The state to store, its secrets sealed for the trigger's id (known only once the row is written). */
  stateFor(triggerId: string): PackTriggerState;
  nextFireAt: number | null;
  /** The trigger starts over: forget the poll ids seen by what it replaces. */
  forgetItems: boolean;
  /** The write failed: remove what was registered at the vendor for it. */
  undo(): Promise<void>;
  /** The write committed: remove the subscription of the version it replaced, if any. */
  committed(): Promise<void>;
}

/** Kept in `kv` while a subscribe call is in flight, so a handshake arriving during it can be answered. */
export const HANDSHAKE_SCOPE = 'trigger-handshake';
// Vendors handshake within the subscribe call; a minute covers slow ones.
const handshakeWindowMs = 60_000;
// The first poll (which only seeds) comes within this of publishing, spread so triggers published together do not poll together.
const firstPollSpreadMs = 30_000;

/** Publishing a pack trigger failed before anything was written; the message is for the user. */
export class PackActivationError extends Error {}

function requirePacks(deps: TriggerDeps): PackTriggerServices {
  if (!deps.packs) throw new PackActivationError('pack triggers are not available in this process');
  return deps.packs;
}

export function hookUrl(deps: TriggerDeps, token: string): string {
  return `${deps.publicUrl}/hooks/${token}`;
}

/** A stored trigger's webhook as its unsubscribe and renew templates see it, the secret we gave the vendor opened. */
export function storedWebhook(deps: TriggerDeps, packs: PackTriggerServices, row: TriggerRow, state: PackTriggerState): Webhook {
  const secret = openTriggerSecret(packs.box, triggerSecretOwner.trigger(row.id), state.subscription?.secret, deps.log);
  return { url: hookUrl(deps, row.webhook_token), secret: secret ?? '' };
}

/** The same pack trigger with the same connection and input: what it remembers still applies. */
function sameConfig(row: TriggerRow | undefined, config: PackTriggerConfig): boolean {
  if (row === undefined || row.kind !== config.use) return false;
  const stored = fromJson<PackTriggerConfig>(row.config)!;
  return stored.connection === config.connection && isDeepStrictEqual(stored.input ?? {}, config.input ?? {});
}

/**
 * Publishing, unpublishing and resetting pack triggers. Vendor calls happen outside any transaction:
 * subscribe first, then write (undo on a failed write); unpublish writes first, then unsubscribes. An
 * unsubscribe that fails is logged and recorded in the trigger's state, never blocking the unpublish.
 */
export const packTriggerLifecycle = {
  /**
   * Before the publish transaction: a pack trigger is prepared (subscribed); `committed` then releases what
   * the replaced trigger held, `undo` removes the new subscription when the write fails. Throws
   * `PackActivationError` with the vendor's message when the vendor refuses.
   */
  async beforePublish(deps: TriggerDeps, trigger: PackTriggerConfig, existing: TriggerRow | undefined) {
    if (trigger.use.startsWith('core/')) {
      const previous = existing?.active === 1 ? existing : undefined;
      return { pack: undefined, undo: async () => {}, committed: async () => previous && packTriggerLifecycle.release(deps, previous) };
    }
    const resolved = await requirePacks(deps).registry.trigger(trigger.use);
    if (!resolved) throw new PackActivationError(`no installed pack provides the trigger "${trigger.use}"`);
    try {
      const pack = await packTriggerLifecycle.prepare(deps, { config: trigger, resolved, existing });
      return { pack, undo: pack.undo, committed: pack.committed };
    } catch (error) {
      if (isUnavailable(error)) throw error;
      throw new PackActivationError(`${resolved.manifest.name} refused the subscription: ${failureMessage(error)}`);
    }
  },

  async prepare(
    deps: TriggerDeps,
    input: { config: PackTriggerConfig; resolved: ResolvedTrigger; existing: TriggerRow | undefined },
  ): Promise<PackActivation> {
    const { config, resolved, existing } = input;
    const packs = requirePacks(deps);
    const now = deps.now();
    const webhookToken = existing?.webhook_token ?? createToken();
    const kept = sameConfig(existing, config);
    const keptState = kept ? readPackTriggerState(fromJson(existing!.state)) : {};
    const spec = resolved.trigger;
    const previous = existing?.active === 1 ? existing : undefined;
    const releasePrevious = async () => {
      if (previous) await packTriggerLifecycle.release(deps, previous);
    };
    // A kept state stays on the same row (one trigger row per recipe), so its sealed secrets still open.
    const plain = { kind: spec.kind, webhookToken, forgetItems: !kept, stateFor: () => keptState, undo: async () => {}, committed: releasePrevious };
    if (spec.kind === 'webhook') return { ...plain, nextFireAt: null };
    if (spec.kind === 'poll') {
      const first = Math.floor(Math.random() * Math.min(spec.intervalSeconds * 1000, firstPollSpreadMs));
      return { ...plain, nextFireAt: kept && existing!.next_fire_at !== null ? existing!.next_fire_at : now + first };
    }
    if (kept && previous && keptState.subscription) {
      return { ...plain, nextFireAt: renewalAt(spec, keptState.subscription), committed: async () => {} };
    }
    const target = { manifest: resolved.manifest, trigger: spec, config };
    const webhook = { url: hookUrl(deps, webhookToken), secret: createToken(32) };
    if (spec.handshake) await kvRepo.set(deps.database.db, HANDSHAKE_SCOPE, webhookToken, { use: config.use, until: now + handshakeWindowMs }, now);
    const subscription = await subscriptionClient.subscribe(packs, target, webhook, now);
    const handshake = spec.handshake ? await takeHandshakeSecret(deps, packs, webhookToken) : undefined;
    return {
      kind: spec.kind,
      webhookToken,
      forgetItems: true,
      stateFor: (triggerId) => {
        const seal = (secret: string) => sealTriggerSecret(packs.box, triggerSecretOwner.trigger(triggerId), secret);
        return {
          subscription: sealSubscription(packs.box, triggerId, subscription, seal(webhook.secret)),
          ...(handshake !== undefined && { hookSecret: seal(handshake) }),
          lastError: null,
        };
      },
      nextFireAt: renewalAt(spec, subscription),
      undo: async () => {
        await subscriptionClient.unsubscribe(packs, target, subscription, webhook).catch((error: unknown) => {
          deps.log.error({ err: error, recipe: existing?.recipe_id }, 'removing a subscription after a failed publish failed');
        });
      },
      committed: releasePrevious,
    };
  },

  /**
   * After unpublish, pause, delete or replacement: removes the vendor subscription `row` held (as read
   * before the change) and forgets it, unless the trigger now holds another one. A failure is logged and
   * recorded in the trigger's state (when the trigger still exists); it never undoes the change.
   */
  async release(deps: TriggerDeps, row: TriggerRow): Promise<void> {
    const releasedState = readPackTriggerState(fromJson(row.state));
    const released = releasedState.subscription;
    if (!released || !deps.packs) return;
    try {
      const resolved = await deps.packs.registry.trigger(row.kind);
      if (resolved?.trigger.kind !== 'subscription') throw new Error(`the pack trigger "${row.kind}" is no longer installed`);
      const target = { manifest: resolved.manifest, trigger: resolved.trigger, config: fromJson<PackTriggerConfig>(row.config)! };
      const opened = openSubscription(deps.packs.box, row.id, released, deps.log);
      await subscriptionClient.unsubscribe(deps.packs, target, opened, storedWebhook(deps, deps.packs, row, releasedState));
      await deps.database.write(async (trx) => {
        const current = await triggerRepo.byId(trx, row.id);
        const state = readPackTriggerState(fromJson(current?.state ?? null));
        if (current && state.subscription?.id === released.id) await triggerRepo.setState(trx, row.id, { ...state, subscription: undefined });
      });
    } catch (error) {
      deps.log.error({ trigger: row.id, err: error }, 'unsubscribing a trigger failed');
      await recordFailure(deps, row.id, `unsubscribing ${released.id} failed: ${failureMessage(error)}`);
    }
  },

  /** DELETE /triggers/:id/state: a poll seeds again at its next poll (soon); a subscription is made anew. */
  async reset(deps: TriggerDeps, row: TriggerRow): Promise<void> {
    const now = deps.now();
    const resolved = deps.packs ? await deps.packs.registry.trigger(row.kind) : undefined;
    if (resolved?.trigger.kind === 'subscription' && row.active === 1) {
      const config = fromJson<PackTriggerConfig>(row.config)!;
      await packTriggerLifecycle.release(deps, row);
      const fresh = await packTriggerLifecycle.prepare(deps, { config, resolved, existing: { ...row, active: 0, state: '{}' } });
      await deps.database
        .write(async (trx) => {
          const current = await triggerRepo.byId(trx, row.id);
          if (current?.active !== 1) throw new Error('the trigger was switched off while it resubscribed');
          await triggerRepo.setState(trx, row.id, fresh.stateFor(row.id), fresh.nextFireAt);
        })
        .catch(async (error: unknown) => {
          await fresh.undo();
          throw error;
        });
      return;
    }
    await deps.database.write(async (trx) => {
      await triggerItemRepo.clear(trx, row.id);
      await triggerRepo.reset(trx, row.id, row.active === 1 && resolved?.trigger.kind === 'poll' ? now : null, now);
    });
  },
};

/** The handshake secret parked (sealed for the webhook token) while our subscribe call was in flight, if one came. */
async function takeHandshakeSecret(deps: TriggerDeps, packs: PackTriggerServices, token: string): Promise<string | undefined> {
  const pending = (await kvRepo.get(deps.database.db, HANDSHAKE_SCOPE, token)) as { secret?: unknown } | undefined;
  await deps.database.write((trx) => kvRepo.delete(trx, HANDSHAKE_SCOPE, token));
  if (typeof pending?.secret !== 'string') return undefined;
  return openTriggerSecret(packs.box, triggerSecretOwner.pendingHandshake(token), pending.secret, deps.log);
}

/** Records a failure in a trigger's state (if the trigger still exists). */
export async function recordFailure(deps: TriggerDeps, triggerId: string, message: string, nextFireAt?: number | null): Promise<void> {
  await deps.database.write(async (trx) => {
    const row = await triggerRepo.byId(trx, triggerId);
    if (!row) return;
    const state = readPackTriggerState(fromJson(row.state));
    await triggerRepo.setState(trx, triggerId, { ...state, lastError: { at: deps.now(), message } }, row.active === 1 ? nextFireAt : undefined);
  });
}


/**
 * Seals the captured values of a subscription stored before they were sealed (read as they are until
 * then), unless the state changed since `row` was read.
 */
export async function sealLegacyCaptured(deps: TriggerDeps, packs: PackTriggerServices, row: TriggerRow): Promise<void> {
  const stored = readPackTriggerState(fromJson(row.state)).subscription;
  if (!stored || typeof stored.captured === 'string') return;
  await deps.database.write(async (trx) => {
    const current = await triggerRepo.byId(trx, row.id);
    if (current?.state !== row.state) return;
    const state = readPackTriggerState(fromJson(current.state));
    const subscription = sealSubscription(packs.box, row.id, openSubscription(packs.box, row.id, stored, deps.log), stored.secret);
    await triggerRepo.setState(trx, row.id, { ...state, subscription });
  });
}
