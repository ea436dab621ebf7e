import { randomBytes } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StepDefinitionJson } from '../contracts/recipe-definition.js';
import { startTestSystem, stepOf, type TestSystem } from '../test-system.js';

const shout: StepDefinitionJson = { id: 'shout', use: 'core/formatter', input: { operation: 'text.upper', value: '{{trigger.body.word}}' } };

/** A body sent in chunks with no Content-Length, as a chunked HTTP/1.1 request would arrive. */
function chunked(total: number, chunk = 256): ReadableStream<Uint8Array> {
  let sent = 0;
  return new ReadableStream({
    pull(controller) {
      if (sent >= total) return controller.close();
      const size = Math.min(chunk, total - sent);
      sent += size;
      controller.enqueue(new Uint8Array(size).fill(0x61));
    },
  });
}

describe('webhook deliveries', () => {
  let system: TestSystem;
  beforeAll(async () => {
    system = await startTestSystem();
  });
  afterAll(() => system?.close());

  it('answers with the run output in response mode "result", or with a chosen step', async () => {
    const { hookPath } = await system.publish({
      trigger: { use: 'core/webhook', input: { response: { mode: 'result' } } },
      steps: [shout, { id: 'count', use: 'core/formatter', input: { operation: 'text.length', value: '{{steps.shout.output.value}}' } }],
    });
    const answer = await system.postWebhook(hookPath, { word: 'hello' });
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ value: 5 });

    const chosen = await system.publish({ trigger: { use: 'core/webhook', input: { response: { mode: 'result', step: 'shout' } } }, steps: [shout] });
    expect((await system.postWebhook(chosen.hookPath, { word: 'hey' })).body).toEqual({ value: 'HEY' });
  });

  it('answers a failed run in response mode "result" with its step and code, never the step error text', async () => {
    const { hookPath } = await system.publish({
      trigger: { use: 'core/webhook', input: { response: { mode: 'result' } } },
      steps: [{ id: 'call', use: 'core/http', input: { url: 'http://10.1.2.3/internal' } }],
    });
    const answer = await system.postWebhook(hookPath, {});
    expect(answer.status).toBe(500);
    expect(answer.body).toEqual({ error: { code: 'RUN_FAILED', message: 'the run failed at step "call" (EGRESS_BLOCKED)', runId: expect.any(String) } });
    expect(JSON.stringify(answer.body)).not.toContain('10.1.2.3');
  });

  it('answers 202 (still running) when the result takes longer than its timeout', async () => {
    const { hookPath } = await system.publish({
      trigger: { use: 'core/webhook', input: { response: { mode: 'result', timeoutMs: 100 } } },
      steps: [{ id: 'wait', use: 'core/delay', input: { for: { seconds: 1 } } }],
    });
    const answer = await system.postWebhook(hookPath, {});
    expect(answer.status).toBe(202);
    expect(answer.body).toMatchObject({ accepted: true, status: 'running' });
    expect((await system.waitForRun(answer.body.runId)).status).toBe('succeeded');
  });

  it('answers 413 over the trigger body limit, by Content-Length and for chunked bodies', async () => {
    const { recipeId, hookPath } = await system.publish({ trigger: { use: 'core/webhook', input: { maxBodyBytes: 1024 } }, steps: [] });
    const declared = await system.request('POST', hookPath, undefined, {
      token: null,
      raw: 'a'.repeat(2000),
      headers: { 'content-type': 'text/plain', 'content-length': '2000' },
    });
    expect(declared.status).toBe(413);
    expect(declared.body.error.code).toBe('BODY_TOO_LARGE');

    const streamed = await system.request('POST', hookPath, undefined, { token: null, raw: chunked(5000), headers: { 'content-type': 'text/plain' } });
    expect(streamed.status).toBe(413);

    const fits = await system.request('POST', hookPath, undefined, { token: null, raw: chunked(1024), headers: { 'content-type': 'text/plain' } });
    expect(fits.status).toBe(202);
    expect((await system.api('GET', `/runs?recipe=${recipeId}`)).body.runs).toHaveLength(1);
  });

  it('verifies Standard Webhooks signatures made by the official SDK', async () => {
    const secret = `whsec_${randomBytes(24).toString('base64')}`;
    const { recipeId, hookPath } = await system.publish({
      trigger: { use: 'core/webhook', input: { verification: { scheme: 'standard-webhooks', secret } } },
      steps: [shout],
    });
    const signer = new Webhook(secret);
    const signed = (id: string, payload: string, at = new Date()) => ({
      'content-type': 'application/json',
      'webhook-id': id,
      'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
      'webhook-signature': signer.sign(id, at, payload),
    });
    const send = (payload: string, headers: Record<string, string>) => system.request('POST', hookPath, undefined, { token: null, raw: payload, headers });

    const payload = JSON.stringify({ word: 'signed' });
    const accepted = await send(payload, signed('msg_1', payload));
    expect(accepted.status).toBe(202);
    const run = await system.waitForRun(accepted.body.runId);
    expect(run.output).toEqual({ value: 'SIGNED' });
    // The sender's message id is the default dedupe key: a redelivery makes no second run.
    expect((await send(payload, signed('msg_1', payload))).body).toMatchObject({ duplicate: true, runId: accepted.body.runId });

    const tampered = await send(JSON.stringify({ word: 'forged' }), signed('msg_2', payload));
    expect(tampered.status).toBe(401);
    expect(tampered.body.error.code).toBe('SIGNATURE_INVALID');
    const stale = await send(payload, signed('msg_3', payload, new Date(Date.now() - 3_600_000)));
    expect(stale.status).toBe(401);
    const otherKey = new Webhook(`whsec_${randomBytes(24).toString('base64')}`);
    const wrongKey = await send(payload, { ...signed('msg_4', payload), 'webhook-signature': otherKey.sign('msg_4', new Date(), payload) });
    expect(wrongKey.status).toBe(401);
    expect((await send(payload, { 'content-type': 'application/json' })).status).toBe(401);
    expect((await system.api('GET', `/runs?recipe=${recipeId}`)).body.runs).toHaveLength(1);
  });

  it('keeps __proto__ and constructor keys as plain data and pollutes nothing', async () => {
    const { hookPath } = await system.publish({
      trigger: { use: 'core/webhook' },
      steps: [
        { id: 'echo', use: 'core/http', input: { method: 'POST', url: `${system.sink.url}/proto`, json: '{{trigger.body}}' } },
        { id: 'probe', use: 'core/formatter', input: { operation: 'text.upper', value: '{{trigger.body.__proto__.polluted | default: "none"}}' } },
      ],
    });
    const raw = '{"__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}},"word":"ok"}';
    const headers = { 'content-type': 'application/json', authorization: 'Bearer vendor-secret' };
    const answer = await system.request('POST', hookPath, undefined, { token: null, raw, headers });
    expect(answer.status).toBe(202);
    const run = await system.waitForRun(answer.body.runId);
    // Credentials a sender puts in headers are not kept in the run record.
    expect(run.trigger).toMatchObject({ headers: { authorization: '[redacted]' } });
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');

    const body = (run.trigger as { body: object }).body;
    expect(Object.hasOwn(body, '__proto__')).toBe(true);
    expect(Object.getPrototypeOf(body)).toBe(Object.prototype);
    expect(JSON.stringify(body)).toBe(raw);
    expect(system.sink.hits('/proto')[0]!.body).toBe(raw);
    // Templates never resolve __proto__, so the probe sees nothing there, whatever its outcome.
    expect(JSON.stringify(stepOf(run, 'probe'))).not.toContain('YES');
  });

  it('answers 404 for unknown tokens and 405 for other methods', async () => {
    expect((await system.postWebhook('/hooks/AAAAAAAAAAAAAAAAAAAAAA', {})).status).toBe(404);
    expect((await system.postWebhook('/hooks/short', {})).status).toBe(404);
    const { hookPath } = await system.publish({ trigger: { use: 'core/webhook' }, steps: [] });
    expect((await system.request('GET', hookPath, undefined, { token: null })).status).toBe(405);
    const badJson = await system.request('POST', hookPath, undefined, { token: null, raw: '{"a":', headers: { 'content-type': 'application/json' } });
    expect(badJson.status).toBe(400);
    expect(badJson.body.error.code).toBe('INVALID_JSON');
  });
});
