import type { VerificationSpec } from '@switchyard/connectors';
import { verificationConfigSchema } from '../verification/verification-config.js';
import { verifyWebhook } from '../verification/verify-webhook.js';
import type { IncomingDelivery } from './webhook-source.js';
import { packSigningSecrets } from './pack-signing-secrets.js';

/**
 * Checks a delivery against a pack trigger's verification, its secret rendered from `scope` (connection,
 * input, our hook secret, the subscription). Any of the current secret and those still in their rotation
 * window (`packSigningSecrets`) verifies.
 */
export async function verifyPackDelivery(
  spec: VerificationSpec,
  scope: Record<string, unknown>,
  previousFields: Record<string, unknown[]> | undefined,
  incoming: IncomingDelivery,
  now: number,
): Promise<{ ok: true } | { ok: false; reason: string }> {
  const { secret, previousSecrets } = packSigningSecrets(spec.secret, scope, previousFields);
  if (secret === undefined) return { ok: false, reason: 'no signing secret is set for this trigger' };
  const config = verificationConfigSchema.safeParse({ ...spec, secret });
  if (!config.success) return { ok: false, reason: 'the signing secret does not fit the verification scheme' };
  // An old value that does not fit the scheme (a Standard Webhooks key without `whsec_`) signed nothing.
  const fitting = previousSecrets.filter((previous) => verificationConfigSchema.safeParse({ ...spec, secret: previous }).success);
  return verifyWebhook({ ...config.data, previousSecrets: fitting }, incoming, now);
}
