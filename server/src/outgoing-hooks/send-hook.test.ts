import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEgressClient } from '../egress/create-egress-client.js';
import type { EgressClient } from '../egress/egress-client.js';
import { startTestServer, type TestServer } from '../egress/start-test-server.js';
import { hookMaxResponseBytes, sendHook } from './send-hook.js';
import { createSubscriptionSecret } from './subscription-secret.js';

describe('sendHook', () => {
  let server: TestServer;
  let egress: EgressClient;
  const secret = createSubscriptionSecret();
  const answers: Record<string, (respond: (status: number, headers?: Record<string, string>, body?: string) => void) => void> = {
    '/ok': (respond) => respond(204),
    '/teapot': (respond) => respond(418),
    '/busy': (respond) => respond(429, { 'retry-after': '1' }),
    '/gone': (respond) => respond(410),
    '/moved': (respond) => respond(307, { location: '/ok' }),
    '/chatty': (respond) => respond(200, {}, 'x'.repeat(hookMaxResponseBytes + 1)),
  };

  beforeAll(async () => {
    server = await startTestServer((request, response) =>
      answers[request.url ?? '']!((status, headers = {}, body = '') => {
        response.writeHead(status, headers);
        response.end(body);
      }),
    );
    egress = createEgressClient({ allow: ['127.0.0.1'] });
  });
  afterAll(async () => {
    await egress.close();
    await server.close();
  });

  const send = (path: string) => sendHook(egress, { id: 'msg_1', targetUrl: `${server.url}${path}`, secret, payload: '{"type":"run.succeeded"}' }, Date.now());

  it('signs with the Standard Webhooks headers, which the standardwebhooks package verifies', async () => {
    expect(await send('/ok')).toEqual({ outcome: 'delivered', httpStatus: 204 });
    const request = server.requests.at(-1)!;
    expect(request.method).toBe('POST');
    expect(request.headers['content-type']).toBe('application/json');
    expect(request.headers['webhook-id']).toBe('msg_1');
    expect(request.headers['webhook-signature']).toMatch(/^v1,[A-Za-z0-9+/]+=*$/);
    expect(new Webhook(secret).verify(request.body, request.headers as Record<string, string>)).toEqual({ type: 'run.succeeded' });
    expect(() => new Webhook(createSubscriptionSecret()).verify(request.body, request.headers as Record<string, string>)).toThrow('No matching signature found');
  });

  it('retries 429 and connection errors, not other 4xx; 410 means gone', async () => {
    expect(await send('/busy')).toEqual({ outcome: 'retry', httpStatus: 429, error: 'the target answered 429' });
    expect(await send('/teapot')).toEqual({ outcome: 'failed', httpStatus: 418, error: 'the target answered 418' });
    expect(await send('/gone')).toMatchObject({ outcome: 'gone', httpStatus: 410 });
    const refused = await sendHook(egress, { id: 'msg_2', targetUrl: 'http://127.0.0.1:1/', secret, payload: '{}' }, Date.now());
    expect(refused).toMatchObject({ outcome: 'retry', httpStatus: null, error: expect.stringMatching(/^EGRESS_CONNECT: /) });
  });

  it('follows no redirect and fails an answer over the cap', async () => {
    const before = server.requests.length;
    expect(await send('/moved')).toEqual({ outcome: 'failed', httpStatus: null, error: 'the target answered with a redirect, which is not followed' });
    expect(server.requests.slice(before).map((request) => request.url)).toEqual(['/moved']);
    expect(await send('/chatty')).toMatchObject({ outcome: 'failed', error: expect.stringMatching(/^EGRESS_RESPONSE_TOO_LARGE: /) });
  });
});
