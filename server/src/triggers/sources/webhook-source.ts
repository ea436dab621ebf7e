import type { Logger } from 'pino';
import type { Delivery } from '../../storage/inbox-repo.js';
import { fromJson } from '../../storage/json-column.js';
import { triggerRepo } from '../../storage/trigger-repo.js';
import { createId } from '../../storage/create-id.js';
import { renderTemplate } from '../../templates/index.js';
import { webhookTriggerSchema, type WebhookTriggerConfig } from '../core-triggers.js';
import type { TriggerDeps } from '../trigger-deps.js';
import { verifyWebhook } from '../verification/verify-webhook.js';
import { deliveryIdFromHeaders } from '../verification/webhook-id.js';
import { parseDeliveryBody } from './parse-delivery-body.js';
import { awaitRunResult } from './await-run-result.js';

export interface ActiveWebhook {
  triggerId: string;
  recipeId: string;
  versionId: string;
  config: WebhookTriggerConfig;
}

export interface IncomingDelivery {
  method: string;
  /** The public URL the sender called, raw query included (some schemes sign it). */
  url: string;
  headers: Record<string, string>;
  query: Record<string, string>;
  rawBody: Buffer;
}

export interface WebhookAnswer {
  status: number;
  body: unknown;
}

const redactedHeaders = new Set(['authorization', 'cookie', 'proxy-authorization']);
/** Other processes may publish or unpublish; a short cache keeps lookups cheap yet current. */
const cacheTtlMs = 1000;

/** `core/webhook`: verifies a delivery over its raw bytes, then makes it durable before anyone answers 2xx. */
export class WebhookSource {
  private readonly cache = new Map<string, { hook: ActiveWebhook | null; until: number }>();

  constructor(private readonly deps: TriggerDeps) {}

  async lookup(token: string): Promise<ActiveWebhook | null> {
    const now = this.deps.now();
    const cached = this.cache.get(token);
    if (cached && cached.until > now) return cached.hook;
    const row = await triggerRepo.byToken(this.deps.database.db, token);
    let hook: ActiveWebhook | null = null;
    if (row && row.active === 1 && row.kind === 'core/webhook' && row.version_id) {
      const parsed = webhookTriggerSchema.safeParse(fromJson<{ input?: unknown }>(row.config)?.input ?? {});
      if (parsed.success) hook = { triggerId: row.id, recipeId: row.recipe_id, versionId: row.version_id, config: parsed.data };
      else this.log.error({ trigger: row.id }, 'stored webhook trigger config is invalid');
    }
    if (this.cache.size > 10_000) this.cache.clear();
    this.cache.set(token, { hook, until: now + cacheTtlMs });
    return hook;
  }

  /** Publishing or unpublishing in this process takes effect at once. */
  invalidate(): void {
    this.cache.clear();
  }

  async deliver(hook: ActiveWebhook, incoming: IncomingDelivery): Promise<WebhookAnswer> {
    const now = this.deps.now();
    if (hook.config.verification) {
      const verdict = await verifyWebhook(hook.config.verification, incoming, now);
      if (!verdict.ok) return error(401, 'SIGNATURE_INVALID', verdict.reason);
    }
    const parsed = parseDeliveryBody(incoming.rawBody, incoming.headers['content-type']);
    if (!parsed.ok) return error(parsed.status, parsed.code, parsed.message);
    const event = webhookEvent(incoming, parsed.body);
    const dedupeKey = this.dedupeKey(hook, event, incoming.headers);
    const delivery: Delivery = {
      source: hook.triggerId,
      dedupeKey,
      run: { recipeId: hook.recipeId, versionId: hook.versionId, triggerKind: 'core/webhook', event, deadlineAt: now + this.deps.runTimeoutMs },
    };
    const result = await this.deps.deliveries.enqueue(delivery);
    if (!result.duplicate) this.deps.onEnqueued();
    const runId = result.runId;
    if (hook.config.response.mode === 'accepted' || runId === null) {
      return { status: 202, body: { accepted: true, runId, duplicate: result.duplicate } };
    }
    return this.answerWithResult(hook, runId);
  }

  private dedupeKey(hook: ActiveWebhook, event: Record<string, unknown>, headers: Record<string, string>): string {
    if (hook.config.dedupe) {
      try {
        const key = renderTemplate(hook.config.dedupe, event);
        if (key !== null && key !== undefined && key !== '') return typeof key === 'string' ? key : JSON.stringify(key);
      } catch (err) {
        this.log.warn({ trigger: hook.triggerId, err }, 'dedupe template failed; falling back to the delivery id');
      }
    }
    return deliveryIdFromHeaders(headers) ?? createId('dlv', this.deps.now());
  }

  private async answerWithResult(hook: ActiveWebhook, runId: string): Promise<WebhookAnswer> {
    const result = await awaitRunResult(this.deps, runId, hook.config.response);
    if (result.kind === 'running') return { status: 202, body: { accepted: true, runId, status: 'running' } };
    if (result.kind === 'succeeded') return { status: 200, body: result.output };
    // Only the step and code: step errors can carry details (internal addresses, vendor texts) the sender must not see.
    const failure = result.error;
    const where = failure?.step ? ` at step "${failure.step}"` : '';
    return { status: 500, body: { error: { code: 'RUN_FAILED', message: `the run ${result.status}${where}${failure?.code ? ` (${failure.code})` : ''}`, runId } } };
  }

  private get log(): Logger {
    return this.deps.log;
  }
}

/** The trigger event a delivery becomes (what `{{trigger.…}}` reads): credentials in headers are not kept. */
export function webhookEvent(incoming: IncomingDelivery, body: unknown) {
  const headers = Object.fromEntries(
    Object.entries(incoming.headers).map(([name, value]) => [name, redactedHeaders.has(name) ? '[redacted]' : value]),
  );
  return { method: incoming.method, headers, query: incoming.query, body };
}

export function error(status: number, code: string, message: string): WebhookAnswer {
  return { status, body: { error: { code, message } } };
}
