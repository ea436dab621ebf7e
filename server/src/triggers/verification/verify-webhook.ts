import type { ConfigOf, VerificationConfig, VerificationScheme } from './verification-config.js';
import { verifyCrisp } from './verify-crisp.js';
import { verifyGithub } from './verify-github.js';
import { verifyHmac } from './verify-hmac.js';
import { verifyHubspotV3 } from './verify-hubspot-v3.js';
import { verifyIntercom } from './verify-intercom.js';
import { verifyJwt } from './verify-jwt.js';
import { verifySendgrid } from './verify-sendgrid.js';
import { verifySentry } from './verify-sentry.js';
import { verifySharedSecret } from './verify-shared-secret.js';
import { verifyShopify } from './verify-shopify.js';
import { verifySlack } from './verify-slack.js';
import { verifyStandardWebhooks } from './verify-standard-webhooks.js';
import { verifyStripe } from './verify-stripe.js';
import { verifyTwilio } from './verify-twilio.js';
import { refused, type VerificationResult, type WebhookRequest, type WebhookVerifier } from './webhook-verifier.js';

/** One verifier per named scheme; a new scheme is one file plus one line here and in the config union. */
const verifiers: { [S in VerificationScheme]: WebhookVerifier<ConfigOf<S>> } = {
  hmac: verifyHmac,
  'shared-secret': verifySharedSecret,
  'standard-webhooks': verifyStandardWebhooks,
  stripe: verifyStripe,
  github: verifyGithub,
  slack: verifySlack,
  shopify: verifyShopify,
  'hubspot-v3': verifyHubspotV3,
  intercom: verifyIntercom,
  sentry: verifySentry,
  twilio: verifyTwilio,
  sendgrid: verifySendgrid,
  crisp: verifyCrisp,
  jwt: verifyJwt,
};

function dispatch<S extends VerificationScheme>(config: ConfigOf<S>, request: WebhookRequest, now: number) {
  const verify: WebhookVerifier<ConfigOf<S>> | undefined = Object.hasOwn(verifiers, config.scheme)
    ? verifiers[config.scheme as S]
    : undefined;
  // Stored configs may name a scheme this build does not have; refuse instead of crashing the request.
  return verify === undefined ? refused(`unknown verification scheme "${config.scheme}"`) : verify(config, request, now);
}

/**
 * Verifies a webhook over its raw bytes with the configured scheme. Never rejects: any failure, including
 * malformed input we did not anticipate, is a refusal the caller answers with 401.
 */
export async function verifyWebhook(config: VerificationConfig, request: WebhookRequest, now: number): Promise<VerificationResult> {
  try {
    return await dispatch(config, request, now);
  } catch {
    return refused('verification failed on malformed input');
  }
}
