import { describe, expect, it } from 'vitest';
import { dripRequest } from '../support/drip-request.js';
import { rawRequest } from '../support/raw-http.js';
import { useResources } from '../support/resources.js';
import { SwitchyardProcess } from '../support/switchyard-process.js';

// The cut-off lands within the timeout plus Node's once-a-second check; 10 s leaves room for a slow CI box
// while still failing a server that would hold the socket until the sender gives up.
const cutOffBoundMs = 10_000;
const acceptedEndings = ['closed', 'answered', 'ECONNRESET', 'EPIPE'];

/** Test battery 29: header floods get 431, slow senders are cut off by the server's timeouts, others are unaffected. */
describe('slow senders and header floods', () => {
  const own = useResources('each');

  it('answers 431 to 64 KB of headers and keeps serving', async () => {
    const server = own(await SwitchyardProcess.launch());
    const head = ['GET /healthz HTTP/1.1', `Host: 127.0.0.1:${server.port}`, `X-Flood: ${'a'.repeat(64 * 1024)}`, '', ''].join('\r\n');
    const answer = await rawRequest(server.port, head, { bytes: 0, chunked: false }, 10_000);
    expect(answer.status, JSON.stringify({ ...answer, head: answer.head.slice(0, 200) })).toBe(431);
    expect(await server.get('/healthz')).toMatchObject({ status: 200, body: { status: 'ok' } });
  });

  it('cuts off a sender that drips its headers, while /healthz still answers', async () => {
    const server = own(await SwitchyardProcess.launch({ env: { SWITCHYARD_HEADERS_TIMEOUT_MS: '1000' } }));
    const head = ['GET /healthz HTTP/1.1', `Host: 127.0.0.1:${server.port}`, 'X-Drip: '].join('\r\n');
    const dripping = dripRequest(server.port, head, { intervalMs: 200, maxBytes: cutOffBoundMs / 200 });
    // Other clients are served while the slow sender holds its socket.
    const health = await server.get('/healthz');
    const outcome = await dripping;
    console.log(`[e2e] header drip cut off after ${outcome.elapsedMs} ms, ${outcome.dripped} bytes, ${outcome.ending} ${outcome.status ?? ''}`);
    expect(health.status).toBe(200);
    expect(acceptedEndings, JSON.stringify(outcome)).toContain(outcome.ending);
    expect([null, 408]).toContain(outcome.status);
    expect(outcome.elapsedMs).toBeLessThan(cutOffBoundMs);
    expect(await server.get('/healthz')).toMatchObject({ status: 200 });
  });

  it('cuts off a sender that drips its body after complete headers', async () => {
    const server = own(await SwitchyardProcess.launch({ env: { SWITCHYARD_REQUEST_TIMEOUT_MS: '2000' } }));
    // An authenticated JSON route, so the handler waits for the whole body rather than answering early.
    const head = [
      'POST /api/v1/recipes/import HTTP/1.1',
      `Host: 127.0.0.1:${server.port}`,
      `Authorization: Bearer ${server.token}`,
      'Content-Type: application/json',
      'Content-Length: 1000',
      '',
      '',
    ].join('\r\n');
    const outcome = await dripRequest(server.port, head, { intervalMs: 200, maxBytes: cutOffBoundMs / 200 });
    console.log(`[e2e] body drip cut off after ${outcome.elapsedMs} ms, ${outcome.dripped} bytes, ${outcome.ending} ${outcome.status ?? ''}`);
    expect(acceptedEndings, JSON.stringify(outcome)).toContain(outcome.ending);
    expect([null, 408]).toContain(outcome.status);
    expect(outcome.elapsedMs).toBeLessThan(cutOffBoundMs);
    expect(await server.get('/healthz')).toMatchObject({ status: 200 });
  });
});
