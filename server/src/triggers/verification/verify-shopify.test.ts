import { createHmac } from 'node:crypto';
import '@shopify/shopify-api/adapters/node';
import { ApiVersion, LogSeverity, shopifyApi } from '@shopify/shopify-api';
import { describe, expect, it } from 'vitest';
import { shopifyVerificationSchema } from './verification-config.js';
import { SHOPIFY_RETRY_SPAN_SECONDS, verifyShopify } from './verify-shopify.js';
import type { WebhookHeaders } from './webhook-verifier.js';

const config = shopifyVerificationSchema.parse({ scheme: 'shopify', secret: 'client-secret', previousSecrets: ['old-secret'] });
const now = Date.UTC(2026, 10, 20, 12, 0, 0);
const body = '{"id":820982911946154508,"email":"jon@example.com"}';
// Shopify ships a verifier but no signer: sign base64 HMAC-SHA256 of the body, then check with shopifyApi.
const sign = (secret: string, payload = body) => createHmac('sha256', secret).update(payload).digest('base64');

function headersFor(signature: string | string[] | undefined, triggeredAt?: string): WebhookHeaders {
  return {
    'x-shopify-hmac-sha256': signature,
    'x-shopify-topic': 'orders/create',
    'x-shopify-shop-domain': 'shop.myshopify.com',
    'x-shopify-api-version': '2025-07',
    'x-shopify-webhook-id': 'b54557e4-bdd9-4b37-8a5f-bf7d70bcd043',
    'x-shopify-triggered-at': triggeredAt,
  };
}

function verify(headers: WebhookHeaders, payload = body, at = now) {
  return verifyShopify(config, { method: 'POST', url: 'https://x.example/hooks/t', headers, rawBody: Buffer.from(payload) }, at);
}

describe('verifyShopify', () => {
  it('accepts the base64 body HMAC, and shopify-api validates the same request', async () => {
    const headers = headersFor(sign('client-secret'), new Date(now).toISOString());
    expect(verify(headers)).toEqual({ ok: true });
    const shopify = shopifyApi({
      apiKey: 'app-key', apiSecretKey: 'client-secret', hostName: 'switchyard.example', apiVersion: ApiVersion.July25,
      isEmbeddedApp: false, logger: { level: LogSeverity.Error, log: async () => undefined },
    });
    const rawRequest = { method: 'POST', url: '/hooks/t', headers } as never;
    expect(await shopify.webhooks.validate({ rawBody: body, rawRequest })).toMatchObject({ valid: true, topic: 'ORDERS_CREATE' });
    const forged = { method: 'POST', url: '/hooks/t', headers: headersFor(sign('wrong')) } as never;
    expect(await shopify.webhooks.validate({ rawBody: body, rawRequest: forged })).toMatchObject({ valid: false });
  });

  it('reads the un-prefixed headers of event deliveries', () => {
    expect(verify({ 'shopify-hmac-sha256': sign('client-secret') })).toEqual({ ok: true });
    expect(verify({ 'shopify-hmac-sha256': sign('wrong') })).toEqual({ ok: false, reason: 'signature does not match' });
  });

  it('refuses a tampered body and a wrong secret; accepts the previous secret during rotation', () => {
    expect(verify(headersFor(sign('client-secret')), body.replace('jon', 'eve'))).toEqual({ ok: false, reason: 'signature does not match' });
    expect(verify(headersFor(sign('wrong')))).toEqual({ ok: false, reason: 'signature does not match' });
    expect(verify(headersFor(sign('old-secret')))).toEqual({ ok: true });
  });

  it('drops deliveries older than Shopify retries or stamped in the future, only when Triggered-At parses', () => {
    const at = (offsetSeconds: number) => headersFor(sign('client-secret'), new Date(now - offsetSeconds * 1000).toISOString());
    const oldest = SHOPIFY_RETRY_SPAN_SECONDS + 300;
    expect(verify(at(oldest))).toEqual({ ok: true });
    expect(verify(at(oldest + 1))).toEqual({ ok: false, reason: 'x-shopify-triggered-at: timestamp too old' });
    expect(verify(at(-300))).toEqual({ ok: true });
    expect(verify(at(-301))).toEqual({ ok: false, reason: 'x-shopify-triggered-at: timestamp too far in the future' });
    const nanos = headersFor(sign('client-secret'), '2026-11-20T12:00:00.123456789Z');
    expect(verify(nanos, body, now + 301_000)).toEqual({ ok: true });
    expect(verify(nanos, body, now - 301_000)).toEqual({ ok: false, reason: 'x-shopify-triggered-at: timestamp too far in the future' });
    expect(verify(headersFor(sign('client-secret'), '2026-11-20T13:00:00+01:00'))).toEqual({ ok: true });
    for (const unparseable of ['yesterday', '1790000000', '2026-13-45T99:00:00Z']) {
      expect(verify(headersFor(sign('client-secret'), unparseable), body, now + 86_400_000)).toEqual({ ok: true });
    }
  });

  it('refuses malformed signature headers with a reason', () => {
    const good = sign('client-secret');
    const cases: [string | string[] | undefined, string][] = [
      [undefined, 'missing x-shopify-hmac-sha256 header'],
      [[good, good], 'duplicated x-shopify-hmac-sha256 header'],
      [createHmac('sha256', 'client-secret').update(body).digest('hex'), 'signature is not a sha256 digest in base64'],
      [good.replace(/=$/, ''), 'signature is not a sha256 digest in base64'],
      [`${good}, ${good}`, 'signature is not a sha256 digest in base64'],
    ];
    for (const [signature, reason] of cases) expect(verify(headersFor(signature))).toEqual({ ok: false, reason });
  });
});
