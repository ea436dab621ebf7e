import { recipeRepo } from '../../storage/recipe-repo.js';
import type { TriggerDeps } from '../trigger-deps.js';
import { webhookTriggerSchema, type WebhookTriggerConfig } from '../core-triggers.js';
import { parseDeliveryBody } from '../sources/parse-delivery-body.js';
import { error, webhookEvent, type IncomingDelivery, type WebhookAnswer } from '../sources/webhook-source.js';
import { verifyWebhook } from '../verification/verify-webhook.js';
import { testTriggerStore, type TestListener } from './test-trigger-store.js';

/** The body limit and verification a test delivery is held to: those of the recipe's newest definition. */
export async function testWebhookConfig(deps: Pick<TriggerDeps, 'database'>, recipeId: string): Promise<WebhookTriggerConfig | null> {
  const row = await recipeRepo.get(deps.database.db, recipeId);
  const version = row ? await recipeRepo.version(deps.database.db, row.latest_version_id) : undefined;
  const trigger = version ? recipeRepo.definitionOf(version).trigger : undefined;
  if (trigger?.use !== 'core/webhook') return null;
  const parsed = webhookTriggerSchema.safeParse(trigger.input ?? {});
  return parsed.success ? parsed.data : null;
}

/**
 * A delivery to a test URL: checked as a real delivery would be (signature, body), then kept for the
 * builder. It never starts a run.
 */
export async function captureTestDelivery(
  deps: Pick<TriggerDeps, 'database' | 'now'>,
  listener: TestListener,
  config: WebhookTriggerConfig,
  incoming: IncomingDelivery,
): Promise<WebhookAnswer> {
  const now = deps.now();
  if (config.verification) {
    const verdict = verifyWebhook(config.verification, incoming, now);
    if (!verdict.ok) return error(401, 'SIGNATURE_INVALID', verdict.reason);
  }
  const parsed = parseDeliveryBody(incoming.rawBody, incoming.headers['content-type']);
  if (!parsed.ok) return error(parsed.status, parsed.code, parsed.message);
  const captured = await testTriggerStore.record(deps.database, listener.recipeId, webhookEvent(incoming, parsed.body), now);
  return { status: 200, body: { captured: true, id: captured.id } };
}
