import { createHmac } from 'node:crypto';
import { sign } from '@octokit/webhooks-methods';
import Stripe from 'stripe';
import { SignJWT } from 'jose';
import { Webhook } from 'standardwebhooks';
import twilio from 'twilio';
import { describe, expect, it } from 'vitest';
import { sendgridTestSigner } from './sendgrid-test-signer.js';
import { verificationConfigSchema, type VerificationScheme } from './verification-config.js';
import { verifyWebhook } from './verify-webhook.js';
import type { WebhookHeaders, WebhookRequest } from './webhook-verifier.js';

const now = Date.UTC(2026, 10, 20, 12, 0, 0);
const seconds = String(now / 1000);
const url = 'https://switchyard.example/hooks/tok?a=1';
const body = '{"event":"ping"}';
const swSecret = 'whsec_' + Buffer.alloc(32, 5).toString('base64');
const sendgrid = sendgridTestSigner();
const hmac = (algorithm: string, secret: string, content: string, encoding: 'hex' | 'base64') =>
  createHmac(algorithm, secret).update(content).digest(encoding);

/** Per scheme: a config, a validly signed request's headers, and the header that carries the signature. */
const schemes: Record<VerificationScheme, { config: object; headers: () => Promise<WebhookHeaders> | WebhookHeaders; signatureHeader: string }> = {
  hmac: { config: { secret: 's', header: 'x-signature' }, headers: () => ({ 'x-signature': hmac('sha256', 's', body, 'hex') }), signatureHeader: 'x-signature' },
  'shared-secret': { config: { secret: 's', header: 'authorization', prefix: 'Bearer ' }, headers: () => ({ authorization: 'Bearer s' }), signatureHeader: 'authorization' },
  'standard-webhooks': {
    config: { secret: swSecret },
    headers: () => ({ 'webhook-id': 'msg_1', 'webhook-timestamp': seconds, 'webhook-signature': new Webhook(swSecret).sign('msg_1', new Date(now), body) }),
    signatureHeader: 'webhook-signature',
  },
  stripe: {
    config: { secret: 'whsec_s' },
    headers: () => ({ 'stripe-signature': new Stripe('sk_test_unused').webhooks.generateTestHeaderString({ payload: body, secret: 'whsec_s', timestamp: now / 1000 }) }),
    signatureHeader: 'stripe-signature',
  },
  github: { config: { secret: 's' }, headers: async () => ({ 'x-hub-signature-256': await sign('s', body) }), signatureHeader: 'x-hub-signature-256' },
  slack: {
    config: { secret: 's' },
    headers: () => ({ 'x-slack-request-timestamp': seconds, 'x-slack-signature': `v0=${hmac('sha256', 's', `v0:${seconds}:${body}`, 'hex')}` }),
    signatureHeader: 'x-slack-signature',
  },
  shopify: { config: { secret: 's' }, headers: () => ({ 'x-shopify-hmac-sha256': hmac('sha256', 's', body, 'base64') }), signatureHeader: 'x-shopify-hmac-sha256' },
  'hubspot-v3': {
    config: { secret: 's' },
    headers: () => ({ 'x-hubspot-request-timestamp': String(now), 'x-hubspot-signature-v3': hmac('sha256', 's', `POST${url}${body}${now}`, 'base64') }),
    signatureHeader: 'x-hubspot-signature-v3',
  },
  intercom: { config: { secret: 's' }, headers: () => ({ 'x-hub-signature': `sha1=${hmac('sha1', 's', body, 'hex')}` }), signatureHeader: 'x-hub-signature' },
  sentry: { config: { secret: 's' }, headers: () => ({ 'sentry-hook-signature': hmac('sha256', 's', body, 'hex') }), signatureHeader: 'sentry-hook-signature' },
  twilio: {
    config: { secret: 's' },
    headers: () => ({ 'x-twilio-signature': twilio.getExpectedTwilioSignature('s', `${url}&bodySHA256=${twilio.getExpectedBodyHash(body)}`, {}) }),
    signatureHeader: 'x-twilio-signature',
  },
  sendgrid: { config: { secret: sendgrid.publicKey }, headers: () => sendgrid.sign(seconds, body), signatureHeader: 'x-twilio-email-event-webhook-signature' },
  crisp: {
    config: { secret: 's' },
    headers: () => ({ 'x-crisp-request-timestamp': seconds, 'x-crisp-signature': hmac('sha256', 's', `[${seconds};${body}]`, 'hex') }),
    signatureHeader: 'x-crisp-signature',
  },
  jwt: {
    config: { secret: 's' },
    headers: async () => ({ authorization: await new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setExpirationTime(now / 1000 + 60).sign(new TextEncoder().encode('s')) }),
    signatureHeader: 'authorization',
  },
};

/** What a hostile or broken sender might put in the signature header. */
const battery: [string, string | string[] | undefined][] = [
  ['missing', undefined],
  ['empty', ''],
  ['blank', '   '],
  ['duplicated', ['a', 'b']],
  ['duplicated, empty list', []],
  ['over-long', 'a'.repeat(9000)],
  ['not hex or base64', 'zz!!'],
  ['unicode garbage', '\u{1F4A5}\u00e9\u202e\u0000'.repeat(16)],
  ['bare prefix sha256=', 'sha256='],
  ['bare prefix v0=', 'v0='],
  ['bare v1,', 'v1,'],
  ['empty stripe fields', 't=,v1='],
  ['separators only', ',,, =='],
  ['a number', '12345'],
];

function requestFor(scheme: VerificationScheme, headers: WebhookHeaders): WebhookRequest {
  const target = scheme === 'twilio' ? `${url}&bodySHA256=${twilio.getExpectedBodyHash(body)}` : url;
  return { method: 'POST', url: target, headers: { 'content-type': 'application/json', ...headers }, rawBody: Buffer.from(body) };
}

describe.each(Object.keys(schemes) as VerificationScheme[])('malformed %s signature headers', (scheme) => {
  const { config, headers, signatureHeader } = schemes[scheme];
  const parsed = verificationConfigSchema.parse({ scheme, ...config });

  it('accepts the well-formed request the battery starts from', async () => {
    expect(await verifyWebhook(parsed, requestFor(scheme, await headers()), now)).toEqual({ ok: true });
  });

  it.each(battery)('refuses %s with a reason, without throwing', async (_, value) => {
    const request = requestFor(scheme, { ...(await headers()), [signatureHeader]: value });
    const result = await verifyWebhook(parsed, request, now);
    expect(result).toEqual({ ok: false, reason: expect.any(String) });
    expect(result.ok === false && result.reason).not.toBe('verification failed on malformed input');
  });
});
