import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import Stripe from 'stripe';
import twilio from 'twilio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSystem, type TestSystem } from '../test-system.js';

const stripe = new Stripe('sk_test_unused');

describe('webhook verification over HTTP', () => {
  let system: TestSystem;
  beforeAll(async () => {
    system = await startTestSystem();
  });
  afterAll(() => system?.close());

  it('answers 401 (never 500) to a malformed Stripe-Signature and 202 to a Stripe-SDK-signed body', async () => {
    const secret = 'whsec_e2e_current';
    const { recipeId, hookPath } = await system.publish({
      trigger: { use: 'core/webhook', input: { verification: { scheme: 'stripe', secret, previousSecrets: ['whsec_e2e_old'] } } },
      steps: [{ id: 'echo', use: 'core/formatter', input: { operation: 'text.upper', value: '{{trigger.body.type}}' } }],
    });
    const payload = JSON.stringify({ id: 'evt_e2e', type: 'invoice.paid' });
    const send = (signature: string | undefined) =>
      system.request('POST', hookPath, undefined, {
        token: null,
        raw: payload,
        headers: { 'content-type': 'application/json', ...(signature !== undefined && { 'stripe-signature': signature }) },
      });

    const timestamp = Math.floor(Date.now() / 1000);
    const good = stripe.webhooks.generateTestHeaderString({ payload, secret, timestamp });
    const malformed = [undefined, '', 'garbage', 't=,v1=', `${good}, ${good}`, `t=${timestamp},v1=${'é'.repeat(64)}`, 'v1='.repeat(3000)];
    for (const signature of malformed) {
      const answer = await send(signature);
      expect(answer.status).toBe(401);
      expect(answer.body.error.code).toBe('SIGNATURE_INVALID');
    }
    expect((await send(stripe.webhooks.generateTestHeaderString({ payload, secret: 'whsec_wrong', timestamp }))).status).toBe(401);

    const accepted = await send(good);
    expect(accepted.status).toBe(202);
    expect((await system.waitForRun(accepted.body.runId)).output).toEqual({ value: 'INVOICE.PAID' });
    const rotated = await send(stripe.webhooks.generateTestHeaderString({ payload, secret: 'whsec_e2e_old', timestamp: timestamp + 1 }));
    expect(rotated.status).toBe(202);
    expect((await system.api('GET', `/runs?recipe=${recipeId}`)).body.runs).toHaveLength(2);
  });

  it('passes Twilio the public URL with the query as sent, so a URL-signed form post verifies', async () => {
    const token = 'twilio-auth-token';
    const { hookPath } = await system.publish({
      trigger: { use: 'core/webhook', input: { verification: { scheme: 'twilio', secret: token } } },
      steps: [],
    });
    const form = 'From=%2B15557654321&Body=Hello+there';
    const params = { From: '+15557654321', Body: 'Hello there' };
    const publicUrl = `${system.wired.appDeps.publicUrl}${hookPath}?source=sms&tag=a%20b`;
    const send = (signature: string, path = `${hookPath}?source=sms&tag=a%20b`) =>
      system.request('POST', path, undefined, {
        token: null,
        raw: form,
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature },
      });

    expect((await send(twilio.getExpectedTwilioSignature(token, publicUrl, params))).status).toBe(202);
    expect((await send(twilio.getExpectedTwilioSignature(token, publicUrl, params), hookPath)).status).toBe(401);
    expect((await send(twilio.getExpectedTwilioSignature(token, `${system.wired.appDeps.publicUrl}${hookPath}`, params))).status).toBe(401);
  });

  it('signs over the raw query a real socket received, not a re-encoded one', async () => {
    const token = 'twilio-auth-token-2';
    const { hookPath } = await system.publish({ trigger: { use: 'core/webhook', input: { verification: { scheme: 'twilio', secret: token } } }, steps: [] });
    const server = await new Promise<ServerType>((resolve) => {
      const started = serve({ fetch: system.app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(started));
    });
    try {
      const { port } = server.address() as AddressInfo;
      // `'` stays as sent on the wire; WHATWG URL parsing would turn it into %27 and break the signature.
      const query = "?name=o'brien&x=%7E";
      const signature = twilio.getExpectedTwilioSignature(token, `${system.wired.appDeps.publicUrl}${hookPath}${query}`, { Body: 'hi' });
      // node:http sends the path byte for byte (fetch would normalise it first).
      const status = await new Promise<number | undefined>((resolve, reject) => {
        const sent = request(
          { host: '127.0.0.1', port, method: 'POST', path: `${hookPath}${query}`, headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature } },
          (response) => resolve(response.resume().statusCode),
        );
        sent.once('error', reject);
        sent.end('Body=hi');
      });
      expect(status).toBe(202);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
