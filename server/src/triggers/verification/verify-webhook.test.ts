import { createHmac } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { verificationSchemes } from '@switchyard/connectors';
import { describe, expect, it } from 'vitest';
import { verificationConfigSchema, type VerificationConfig } from './verification-config.js';
import { verifyWebhook } from './verify-webhook.js';
import type { WebhookRequest } from './webhook-verifier.js';

const target = { method: 'POST', url: 'https://switchyard.example/hooks/t' };
const now = Date.UTC(2026, 10, 20, 12, 0, 0);
const secret = 'whsec_' + Buffer.alloc(32, 1).toString('base64');
const body = Buffer.from('{"ok":true}');

describe('verifyWebhook', () => {
  it('dispatches on the scheme', async () => {
    const standard = verificationConfigSchema.parse({ scheme: 'standard-webhooks', secret });
    const headers = {
      'webhook-id': 'msg_1',
      'webhook-timestamp': String(now / 1000),
      'webhook-signature': new Webhook(secret).sign('msg_1', new Date(now), body),
    };
    expect(await verifyWebhook(standard, { ...target, headers, rawBody: body }, now)).toEqual({ ok: true });

    const hmac = verificationConfigSchema.parse({ scheme: 'hmac', secret: 's', header: 'x-signature' });
    const signature = createHmac('sha256', 's').update(body).digest('hex');
    expect(await verifyWebhook(hmac, { ...target, headers: { 'x-signature': signature }, rawBody: body }, now)).toEqual({ ok: true });
    expect(await verifyWebhook(hmac, { ...target, headers, rawBody: body }, now)).toEqual({ ok: false, reason: 'missing x-signature header' });
  });

  it('has a config for every scheme a pack may name', () => {
    const known = verificationConfigSchema.options.map((option) => option.shape.scheme.value);
    expect([...known].sort()).toEqual([...verificationSchemes].sort());
  });

  it('refuses a scheme this build does not know', async () => {
    const future = { scheme: 'notion', secret: 'x' } as unknown as VerificationConfig;
    expect(await verifyWebhook(future, { ...target, headers: {}, rawBody: body }, now)).toEqual({
      ok: false,
      reason: 'unknown verification scheme "notion"',
    });
    const inherited = { scheme: 'toString' } as unknown as VerificationConfig;
    expect(await verifyWebhook(inherited, { ...target, headers: {}, rawBody: body }, now)).toMatchObject({ ok: false });
  });

  it('never rejects on input outside its types', async () => {
    const hmac = verificationConfigSchema.parse({ scheme: 'hmac', secret: 's', header: 'x-signature' });
    const signature = createHmac('sha256', 's').update(body).digest('hex');
    const hostile: unknown[] = [
      { headers: { 'x-signature': signature }, rawBody: 'not a buffer' },
      { headers: { 'x-signature': 42 }, rawBody: body },
      { headers: null, rawBody: body },
      { headers: { 'x-signature': signature }, rawBody: undefined },
    ];
    for (const request of hostile) {
      await expect(verifyWebhook(hmac, request as WebhookRequest, now)).resolves.toMatchObject({ ok: false });
    }
    const broken = { ...hmac, secret: undefined } as unknown as VerificationConfig;
    expect(await verifyWebhook(broken, { ...target, headers: { 'x-signature': signature }, rawBody: body }, now)).toMatchObject({
      ok: false,
    });
  });
});
