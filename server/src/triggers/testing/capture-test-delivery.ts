import type { PackTrigger } from '@switchyard/connectors';
import { parsePackTriggerInput } from '../pack-trigger-call.js';
import type { ResolvedTrigger } from '../../registry/pack-registry.js';
import { recipeRepo } from '../../storage/recipe-repo.js';
import { isUnavailable } from '../../storage/unavailable-error.js';
import type { PackTriggerServices } from '../pack-trigger-services.js';
import type { TriggerDeps } from '../trigger-deps.js';
import { webhookTriggerSchema, type WebhookTriggerConfig } from '../core-triggers.js';
import { packDeliveryEvents } from '../sources/pack-delivery-events.js';
import { packHookMaxBodyBytes } from '../sources/pack-webhook-source.js';
import { parseDeliveryBody } from '../sources/parse-delivery-body.js';
import { verifyPackDelivery } from '../sources/verify-pack-delivery.js';
import { error, webhookEvent, type IncomingDelivery, type WebhookAnswer } from '../sources/webhook-source.js';
import { verifyWebhook } from '../verification/verify-webhook.js';
import { testTriggerStore, type TestListener } from './test-trigger-store.js';

type HookTrigger = Extract<PackTrigger, { kind: 'webhook' | 'subscription' }>;

/** What a test delivery is held to: the recipe's newest trigger, a `core/webhook` or a pack's webhook or subscription trigger. */
export type TestDeliveryTarget =
  | { kind: 'core'; maxBodyBytes: number; config: WebhookTriggerConfig }
  | {
      kind: 'pack';
      maxBodyBytes: number;
      resolved: ResolvedTrigger & { trigger: HookTrigger };
      connection: string | undefined;
      input: Record<string, unknown>;
      connections: PackTriggerServices['connections'];
    };

type Deps = Pick<TriggerDeps, 'database' | 'now' | 'packs'>;

/** The trigger a test delivery to the recipe is checked against, or null when it takes no deliveries (poll, schedule, manual, …). */
export async function testDeliveryTarget(deps: Deps, recipeId: string): Promise<TestDeliveryTarget | null> {
  const row = await recipeRepo.get(deps.database.db, recipeId);
  const version = row ? await recipeRepo.version(deps.database.db, row.latest_version_id) : undefined;
  const trigger = version ? recipeRepo.definitionOf(version).trigger : undefined;
  if (!trigger) return null;
  if (trigger.use === 'core/webhook') {
    const parsed = webhookTriggerSchema.safeParse(trigger.input ?? {});
    return parsed.success ? { kind: 'core', maxBodyBytes: parsed.data.maxBodyBytes, config: parsed.data } : null;
  }
  const packs = deps.packs;
  const resolved = trigger.use.startsWith('core/') || !packs ? undefined : await packs.registry.trigger(trigger.use);
  if (!packs || !resolved || resolved.trigger.kind === 'poll') return null;
  // Defaults applied as for a live delivery; a draft whose input does not fit yet is seen as typed.
  const parsed = parsePackTriggerInput(resolved.trigger, trigger.input);
  const input = parsed.success ? parsed.data : (trigger.input ?? {});
  const { connection } = trigger;
  return { kind: 'pack', maxBodyBytes: packHookMaxBodyBytes, resolved: { ...resolved, trigger: resolved.trigger }, connection, input, connections: packs.connections };
}

/**
 * A delivery to a test URL: checked as a real delivery would be (signature, body, a pack trigger's event
 * list and filter), then kept for the builder; a refused one is kept too, with why, so the builder shows
 * it refused rather than silently missing. It never starts a run.
 */
export async function captureTestDelivery(deps: Deps, listener: TestListener, target: TestDeliveryTarget, incoming: IncomingDelivery): Promise<WebhookAnswer> {
  const now = deps.now();
  const refuse = async (status: number, code: string, message: string) => {
    await testTriggerStore.record(deps.database, listener.recipeId, null, now, { code, message });
    return error(status, code, message);
  };
  const keep = async (events: unknown[], extra: Record<string, unknown> = {}) => {
    const ids: string[] = [];
    for (const event of events) ids.push((await testTriggerStore.record(deps.database, listener.recipeId, event, now)).id);
    return { status: 200, body: { captured: true, ids, ...extra } };
  };

  if (target.kind === 'core') {
    if (target.config.verification) {
      const verdict = await verifyWebhook(target.config.verification, incoming, now);
      if (!verdict.ok) return refuse(401, 'SIGNATURE_INVALID', verdict.reason);
    }
    const parsed = parseDeliveryBody(incoming.rawBody, incoming.headers['content-type']);
    if (!parsed.ok) return refuse(parsed.status, parsed.code, parsed.message);
    return keep([webhookEvent(incoming, parsed.body)]);
  }

  const spec = target.resolved.trigger;
  const scoped = await packScope(target);
  if (!scoped.ok) return refuse(401, 'SIGNATURE_INVALID', scoped.reason);
  if (spec.verification) {
    const verdict = await verifyPackDelivery(spec.verification, scoped.scope, scoped.previousFields, incoming, now);
    if (!verdict.ok) return refuse(401, 'SIGNATURE_INVALID', verdict.reason);
  }
  const parsed = parseDeliveryBody(incoming.rawBody, incoming.headers['content-type']);
  if (!parsed.ok) return refuse(parsed.status, parsed.code, parsed.message);
  const split = packDeliveryEvents(spec, { ...scoped.scope, headers: incoming.headers, query: incoming.query, body: parsed.body }, now);
  if (!split.ok) return refuse(422, 'EVENTS_NOT_FOUND', split.message);
  if (split.events.length === 0) {
    // Not a refusal (a live trigger answers 200 too), but nothing to sample: the builder says why.
    const dropped = split.filtered === 1 ? 'the event' : `all ${split.filtered} events`;
    await testTriggerStore.record(deps.database, listener.recipeId, null, now, { code: 'FILTERED', message: `the trigger's filter dropped ${dropped} of this delivery; a live recipe would not run for it` });
    return { status: 200, body: { captured: false, filtered: split.filtered } };
  }
  return keep(split.events.map((item) => item.event), { filtered: split.filtered });
}

/**
 * What the pack trigger's templates see, as a live delivery would: its input and the chosen connection's
 * fields. A test URL has no subscription of its own, so `{{webhook.secret}}` and `{{subscription.*}}` are empty.
 */
async function packScope(target: Extract<TestDeliveryTarget, { kind: 'pack' }>) {
  const base = { input: target.input, webhook: { secret: '' }, subscription: {} };
  if (!target.connection) {
    const needed = target.resolved.manifest.auth.kind !== 'none';
    return needed ? { ok: false as const, reason: 'choose a connection for the trigger first: its secret checks the delivery' } : { ok: true as const, scope: { ...base, connection: {} }, previousFields: undefined };
  }
  try {
    const connection = await target.connections.resolve(target.connection, target.resolved.manifest);
    return { ok: true as const, scope: { ...base, connection: connection.fields }, previousFields: connection.previousFields };
  } catch (caught) {
    if (isUnavailable(caught)) throw caught;
    return { ok: false as const, reason: 'the delivery cannot be verified: the trigger’s connection is not usable' };
  }
}
