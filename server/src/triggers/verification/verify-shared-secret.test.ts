import { describe, expect, it } from 'vitest';
import { sharedSecretVerificationSchema, verificationConfigSchema } from './verification-config.js';
import { verifySharedSecret } from './verify-shared-secret.js';
import { verifyWebhook } from './verify-webhook.js';
import type { WebhookHeaders } from './webhook-verifier.js';

const bearer = sharedSecretVerificationSchema.parse({ scheme: 'shared-secret', secret: 'ph-secret-1', previousSecrets: ['old-secret'], header: 'Authorization', prefix: 'Bearer ' });
const plain = sharedSecretVerificationSchema.parse({ scheme: 'shared-secret', secret: 'ph-secret-1', header: 'x-webhook-secret' });

function verify(config: typeof bearer, headers: WebhookHeaders) {
  return verifySharedSecret(config, { method: 'POST', url: 'https://x.example/hooks/t', headers, rawBody: Buffer.from('{"event":"$pageview"}') }, 0);
}

describe('verifySharedSecret', () => {
  it('accepts the secret after the prefix, in any header case, and the previous secret during rotation', () => {
    expect(verify(bearer, { authorization: 'Bearer ph-secret-1' })).toEqual({ ok: true });
    expect(verify(bearer, { Authorization: 'Bearer   ph-secret-1  ' })).toEqual({ ok: true });
    expect(verify(bearer, { authorization: 'Bearer old-secret' })).toEqual({ ok: true });
    expect(verify(plain, { 'X-Webhook-Secret': 'ph-secret-1' })).toEqual({ ok: true });
  });

  it('refuses a wrong, partial or longer secret, a missing prefix and a missing header, with reasons', () => {
    const cases: [typeof bearer, WebhookHeaders, string][] = [
      [bearer, { authorization: 'Bearer ph-secret-2' }, 'secret does not match'],
      [bearer, { authorization: 'Bearer ph-secret' }, 'secret does not match'],
      [bearer, { authorization: 'Bearer ph-secret-1x' }, 'secret does not match'],
      [bearer, { authorization: 'Bearer ' }, 'authorization does not start with "Bearer "'],
      [bearer, { authorization: 'ph-secret-1' }, 'authorization does not start with "Bearer "'],
      [bearer, { authorization: 'Basic ph-secret-1' }, 'authorization does not start with "Bearer "'],
      [bearer, {}, 'missing authorization header'],
      [bearer, { authorization: ['Bearer ph-secret-1', 'Bearer ph-secret-1'] }, 'duplicated authorization header'],
      [plain, { 'x-webhook-secret': 'PH-SECRET-1' }, 'secret does not match'],
    ];
    for (const [config, headers, reason] of cases) expect(verify(config, headers)).toEqual({ ok: false, reason });
  });

  it('is reachable through verifyWebhook by its scheme name, with the header required', async () => {
    const config = verificationConfigSchema.parse({ scheme: 'shared-secret', secret: 's', header: 'x-token' });
    const request = { method: 'POST', url: 'https://x.example/hooks/t', headers: { 'x-token': 's' }, rawBody: Buffer.from('{}') };
    expect(await verifyWebhook(config, request, 0)).toEqual({ ok: true });
    expect(verificationConfigSchema.safeParse({ scheme: 'shared-secret', secret: 's' }).success).toBe(false);
  });
});
