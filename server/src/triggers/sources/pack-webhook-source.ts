import type { PackTrigger, VerificationSpec } from '@switchyard/connectors';
import { readBodyPath } from '../../connections/read-body-path.js';
import type { ResolvedConnection } from '../../connections/resolved-connection.js';
import type { ResolvedTrigger } from '../../registry/pack-registry.js';
import type { Delivery } from '../../storage/inbox-repo.js';
import { fromJson } from '../../storage/json-column.js';
import { kvRepo } from '../../storage/kv-repo.js';
import { triggerRepo } from '../../storage/trigger-repo.js';
import { isUnavailable } from '../../storage/unavailable-error.js';
import { packTriggerInput, type PackTriggerConfig } from '../pack-trigger-call.js';
import { HANDSHAKE_SCOPE, sealLegacyCaptured } from '../pack-trigger-lifecycle.js';
import type { PackTriggerServices } from '../pack-trigger-services.js';
import { readPackTriggerState, type PackTriggerState } from '../pack-trigger-state.js';
import type { TriggerDeps } from '../trigger-deps.js';
import { openSubscription, openTriggerSecret, sealTriggerSecret, triggerSecretOwner } from '../trigger-secret.js';
import { challengeRule, readChallenge } from './challenge-rule.js';
import { packDeliveryEvents } from './pack-delivery-events.js';
import { parseDeliveryBody } from './parse-delivery-body.js';
import { subscriptionScope, type Subscription } from './subscription-client.js';
import { verifyPackDelivery } from './verify-pack-delivery.js';
import type { IncomingDelivery } from './webhook-source.js';

type HookTrigger = Extract<PackTrigger, { kind: 'webhook' | 'subscription' }>;

/** A live pack trigger the vendor calls, or a subscription still being made whose handshake may arrive now. */
export interface PackHook {
  token: string;
  triggerId: string | null;
  recipeId: string;
  versionId: string;
  use: string;
  config: PackTriggerConfig;
  state: PackTriggerState;
  /** What `{{webhook.secret}}` stands for, opened from the state: the handshake's secret, else the one we gave. */
  webhookSecret: string | undefined;
  /** The subscription, its captured values opened from the state (`{{subscription.*}}`). */
  subscription: Subscription | undefined;
  resolved: ResolvedTrigger & { trigger: HookTrigger };
  maxBodyBytes: number;
}

/** What a delivery's templates see besides the delivery itself, with the connection's recently replaced secrets. */
interface HookContext {
  scope: Record<string, unknown>;
  previousFields: Record<string, unknown[]> | undefined;
  /** The connection came from the cache (it may predate an edit). */
  cached: boolean;
}

export interface PackWebhookAnswer {
  status: number;
  /** Undefined: the status alone, no body (`emptyReply`). */
  body: unknown;
  headers?: Record<string, string>;
}

// Vendors send bigger bodies than people's own webhooks (GitHub caps at 25 MB); 5 MB covers event APIs.
export const packHookMaxBodyBytes = 5 * 1024 * 1024;
const lookupTtlMs = 1000;
// Connection secrets are read at delivery time; a short cache keeps a burst from decrypting per delivery.
const connectionTtlMs = 30_000;

/**
 * Deliveries to pack triggers of kind webhook and subscription, on the same `/hooks/<token>` route as
 * `core/webhook`: handshakes first (Slack `url_verification`, `X-Hook-Secret` echo), then verification
 * over the raw bytes with the secret rendered from the connection (401 for any failure, nothing
 * stored), then the batch split, filter and dedupe; the events and their runs commit in one transaction
 * before the sender gets 2xx.
 */
export class PackWebhookSource {
  private readonly hooks = new Map<string, { hook: PackHook | null; until: number }>();
  private readonly connections = new Map<string, { connection: ResolvedConnection; until: number }>();

  constructor(
    private readonly deps: TriggerDeps,
    private readonly packs: PackTriggerServices,
  ) {}

  invalidate(): void {
    this.hooks.clear();
    this.connections.clear();
  }

  async lookup(token: string): Promise<PackHook | null> {
    const now = this.deps.now();
    const cached = this.hooks.get(token);
    if (cached && cached.until > now) return cached.hook;
    const row = await triggerRepo.byToken(this.deps.database.db, token);
    if (row && row.active === 1 && !row.kind.startsWith('core/') && row.version_id) {
      const resolved = await this.packs.registry.trigger(row.kind);
      if (resolved && resolved.trigger.kind !== 'poll') {
        const config = fromJson<PackTriggerConfig>(row.config)!;
        const state = readPackTriggerState(fromJson(row.state));
        const open = (sealed: string | undefined) => openTriggerSecret(this.packs.box, triggerSecretOwner.trigger(row.id), sealed, this.deps.log);
        const webhookSecret = open(state.hookSecret) ?? open(state.subscription?.secret);
        const subscription = state.subscription && openSubscription(this.packs.box, row.id, state.subscription, this.deps.log);
        await sealLegacyCaptured(this.deps, this.packs, row);
        const hook = { token, triggerId: row.id, recipeId: row.recipe_id, versionId: row.version_id, use: row.kind, config, state, webhookSecret, subscription, resolved: { ...resolved, trigger: resolved.trigger }, maxBodyBytes: packHookMaxBodyBytes };
        if (this.hooks.size > 10_000) this.hooks.clear();
        this.hooks.set(token, { hook, until: now + lookupTtlMs });
        return hook;
      }
    }
    // Not cached: a subscribe call in flight needs its handshake answered the moment it arrives.
    return this.pendingHook(token, now);
  }

  async deliver(hook: PackHook, incoming: IncomingDelivery): Promise<PackWebhookAnswer> {
    const answer = await this.answer(hook, incoming);
    return hook.resolved.trigger.emptyReply ? { ...answer, body: undefined } : answer;
  }

  private async answer(hook: PackHook, incoming: IncomingDelivery): Promise<PackWebhookAnswer> {
    const spec = hook.resolved.trigger;
    const parsed = parseDeliveryBody(incoming.rawBody, incoming.headers['content-type']);
    const handshake = await this.handshake(hook, incoming, parsed.ok ? parsed.body : undefined);
    if (handshake) return handshake;
    if (hook.triggerId === null) return refuse(404, 'WEBHOOK_NOT_FOUND', 'no live recipe listens at this address');
    const checked = await this.checked(hook, incoming);
    if (!checked.ok) return refuse(401, 'SIGNATURE_INVALID', checked.reason);
    const { scope } = checked.context;
    if (!parsed.ok) return refuse(parsed.status, parsed.code, parsed.message);
    const now = this.deps.now();
    const split = packDeliveryEvents(spec, { ...scope, headers: incoming.headers, query: incoming.query, body: parsed.body }, now);
    if (!split.ok) return refuse(422, 'EVENTS_NOT_FOUND', split.message);
    const deliveries: Delivery[] = split.events.map(({ event, dedupeKey }) => ({
      source: hook.triggerId!,
      dedupeKey,
      run: { recipeId: hook.recipeId, versionId: hook.versionId, triggerKind: hook.use, event, deadlineAt: now + this.deps.runTimeoutMs },
    }));
    const results = await this.deps.deliveries.enqueueAll(deliveries);
    const runIds = results.filter((result) => !result.duplicate).map((result) => result.runId);
    if (runIds.length > 0) this.deps.onEnqueued();
    return { status: 200, body: { accepted: true, runIds, duplicates: results.length - runIds.length, filtered: split.filtered } };
  }

  /**
   * The delivery's context, checked against the trigger's verification (when it has one). A check that
   * fails on a cached connection is made once more on a freshly read one: its secret may just have changed.
   */
  private async checked(hook: PackHook, incoming: IncomingDelivery): Promise<{ ok: true; context: HookContext } | { ok: false; reason: string }> {
    const spec = hook.resolved.trigger.verification;
    try {
      let context = await this.context(hook, false);
      if (!spec) return { ok: true, context };
      let verdict = await this.verify(spec, context, incoming);
      if (!verdict.ok && context.cached) {
        context = await this.context(hook, true);
        verdict = await this.verify(spec, context, incoming);
      }
      return verdict.ok ? { ok: true, context } : verdict;
    } catch (error) {
      if (isUnavailable(error)) throw error;
      this.deps.log.warn({ trigger: hook.triggerId, err: error }, 'pack webhook refused: its connection or input cannot be used');
      return { ok: false, reason: 'the delivery cannot be verified: the connection or the trigger input is not usable' };
    }
  }

  private verify(spec: VerificationSpec, context: HookContext, incoming: IncomingDelivery) {
    return verifyPackDelivery(spec, context.scope, context.previousFields, incoming, this.deps.now());
  }

  /** What the trigger's templates see besides the delivery: input, connection fields, our hook secret, the subscription. */
  private async context(hook: PackHook, fresh: boolean): Promise<HookContext> {
    const { connection, cached } = await this.connection(hook, fresh);
    return {
      scope: {
        input: packTriggerInput(hook.resolved.trigger, hook.config.input),
        connection: connection?.fields ?? {},
        webhook: { secret: hook.webhookSecret ?? '' },
        subscription: hook.subscription ? subscriptionScope(hook.subscription) : {},
      },
      previousFields: connection?.previousFields,
      cached,
    };
  }

  private async connection(hook: PackHook, fresh: boolean): Promise<{ connection: ResolvedConnection | undefined; cached: boolean }> {
    const id = hook.config.connection;
    if (!id) return { connection: undefined, cached: false };
    const now = this.deps.now();
    const hit = this.connections.get(id);
    if (!fresh && hit && hit.until > now) return { connection: hit.connection, cached: true };
    const connection = await this.packs.connections.resolve(id, hook.resolved.manifest);
    if (this.connections.size > 10_000) this.connections.clear();
    this.connections.set(id, { connection, until: now + connectionTtlMs });
    return { connection, cached: false };
  }

  /** Answers a vendor's proof-of-ownership request, or null when this is not one. */
  private async handshake(hook: PackHook, incoming: IncomingDelivery, body: unknown): Promise<PackWebhookAnswer | null> {
    const spec = hook.resolved.trigger;
    if (!spec.handshake) return null;
    if (spec.handshake.type === 'slack_url_verification' || spec.handshake.type === 'challenge') {
      const rule = challengeRule(spec.handshake);
      const challenge = readChallenge(rule, body);
      if (challenge === null) return null;
      // A live trigger's challenge is checked like a delivery (Slack's only when signed), so a stranger cannot probe it.
      const signed = rule.signatureHeader === undefined || incoming.headers[rule.signatureHeader] !== undefined;
      if (spec.verification && signed && hook.triggerId !== null) {
        const checked = await this.checked(hook, incoming);
        if (!checked.ok) return refuse(401, 'SIGNATURE_INVALID', checked.reason);
      }
      return { status: 200, body: { [rule.field]: challenge } };
    }
    const secret = spec.handshake.type === 'echo_header' ? incoming.headers[spec.handshake.header.toLowerCase()] : readBodyPath(body, spec.handshake.path);
    if (typeof secret !== 'string' || secret === '') return null;
    const now = this.deps.now();
    if (await this.pendingHandshake(hook.token, now)) {
      // Our subscribe call is in flight: it takes the secret from here when the vendor answers.
      const sealed = sealTriggerSecret(this.packs.box, triggerSecretOwner.pendingHandshake(hook.token), secret);
      await this.deps.database.write((trx) => kvRepo.set(trx, HANDSHAKE_SCOPE, hook.token, { use: hook.use, until: now + 60_000, secret: sealed }, now));
    } else if (hook.triggerId === null || hook.state.hookSecret !== undefined) {
      // A secret is taken once: a later "handshake" from anyone who learnt the URL must not replace it.
      return refuse(401, 'SIGNATURE_INVALID', 'no handshake is expected at this address now');
    } else {
      await this.deps.database.write(async (trx) => {
        const row = await triggerRepo.byId(trx, hook.triggerId!);
        const state = readPackTriggerState(fromJson(row?.state ?? null));
        if (row && state.hookSecret === undefined) {
          await triggerRepo.setState(trx, row.id, { ...state, hookSecret: sealTriggerSecret(this.packs.box, triggerSecretOwner.trigger(row.id), secret) });
        }
      });
    }
    this.hooks.delete(hook.token);
    return { status: 200, body: {}, ...(spec.handshake.type === 'echo_header' && { headers: { [spec.handshake.header]: secret } }) };
  }

  private async pendingHandshake(token: string, now: number): Promise<{ use: string } | null> {
    const pending = (await kvRepo.get(this.deps.database.db, HANDSHAKE_SCOPE, token)) as { use?: unknown; until?: unknown } | undefined;
    return pending && typeof pending.use === 'string' && typeof pending.until === 'number' && pending.until > now ? { use: pending.use } : null;
  }

  /** A subscription whose subscribe call is in flight for a recipe not yet live: only its handshake is answered. */
  private async pendingHook(token: string, now: number): Promise<PackHook | null> {
    const pending = await this.pendingHandshake(token, now);
    const resolved = pending ? await this.packs.registry.trigger(pending.use) : undefined;
    if (!pending || !resolved || resolved.trigger.kind !== 'subscription') return null;
    return { token, triggerId: null, recipeId: '', versionId: '', use: pending.use, config: { use: pending.use }, state: {}, webhookSecret: undefined, subscription: undefined, resolved: { ...resolved, trigger: resolved.trigger }, maxBodyBytes: packHookMaxBodyBytes };
  }
}

function refuse(status: number, code: string, message: string): PackWebhookAnswer {
  return { status, body: { error: { code, message } } };
}
