import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createEgressClient } from './create-egress-client.js';
import type { EgressClient } from './egress-client.js';
import { expectEgressError } from './expect-egress-error.js';
import { startTestServer, type TestServer } from './start-test-server.js';

let server: TestServer;
let client: EgressClient;
const timers = new Set<NodeJS.Timeout>();

beforeEach(async () => {
  server = await startTestServer((request, response) => {
    switch (request.url) {
      case '/never':
        return;
      case '/drip': {
        response.writeHead(200, { 'content-type': 'text/plain' });
        const timer = setInterval(() => response.write('x'), 20);
        timers.add(timer);
        response.on('close', () => clearInterval(timer));
        return;
      }
      case '/sized':
        response.setHeader('content-length', 2048);
        response.end(request.method === 'HEAD' ? undefined : Buffer.alloc(2048, 'a'));
        return;
      case '/chunked':
        response.write(Buffer.alloc(700, 'a'));
        response.end(Buffer.alloc(700, 'b'));
        return;
      default:
        response.end(Buffer.alloc(1024, 'c'));
    }
  });
  client = createEgressClient({ allow: ['127.0.0.1'] });
});

afterEach(async () => {
  for (const timer of timers) clearInterval(timer);
  await client.close();
  await server.close();
});

describe('the total deadline', () => {
  it('times out a server that never answers', async () => {
    const started = Date.now();
    const error = await expectEgressError(client.request({ url: `${server.url}/never`, timeoutMs: 300 }));
    expect(error.code).toBe('EGRESS_TIMEOUT');
    expect(error.retryable).toBe(true);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('times out a server that drips its body', async () => {
    const error = await expectEgressError(client.request({ url: `${server.url}/drip`, timeoutMs: 300 }));
    expect(error.code).toBe('EGRESS_TIMEOUT');
  });

  it('uses the client default when the request sets none', async () => {
    const quick = createEgressClient({ allow: ['127.0.0.1'], defaultTimeoutMs: 200 });
    const error = await expectEgressError(quick.request({ url: `${server.url}/never` }));
    await quick.close();
    expect(error.code).toBe('EGRESS_TIMEOUT');
  });
});

describe('the response size cap', () => {
  it('refuses a declared length over the cap', async () => {
    const error = await expectEgressError(client.request({ url: `${server.url}/sized`, maxResponseBytes: 1024 }));
    expect(error.code).toBe('EGRESS_RESPONSE_TOO_LARGE');
    expect(error.retryable).toBe(false);
  });

  it('aborts a chunked body once it passes the cap', async () => {
    const error = await expectEgressError(client.request({ url: `${server.url}/chunked`, maxResponseBytes: 1024 }));
    expect(error.code).toBe('EGRESS_RESPONSE_TOO_LARGE');
  });

  it('aborts an endless body at the client-wide cap', async () => {
    const capped = createEgressClient({ allow: ['127.0.0.1'], maxResponseBytes: 5 });
    const error = await expectEgressError(capped.request({ url: `${server.url}/drip` }));
    await capped.close();
    expect(error.code).toBe('EGRESS_RESPONSE_TOO_LARGE');
  });

  it('does not hold the declared length of a HEAD answer against the cap', async () => {
    const response = await client.request({ url: `${server.url}/sized`, method: 'HEAD', maxResponseBytes: 1024 });
    expect(response.status).toBe(200);
    expect(response.headers['content-length']).toBe('2048');
    expect(response.body).toHaveLength(0);
  });

  it('accepts a body of exactly the cap', async () => {
    const response = await client.request({ url: `${server.url}/exact`, maxResponseBytes: 1024 });
    expect(response.body).toHaveLength(1024);
  });
});

describe('the caller signal', () => {
  it('cancels a call in flight', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const error = await expectEgressError(client.request({ url: `${server.url}/never`, signal: controller.signal }));
    expect(error.code).toBe('EGRESS_ABORTED');
    expect(error.retryable).toBe(false);
  });

  it('sends nothing when already aborted', async () => {
    const error = await expectEgressError(client.request({ url: server.url, signal: AbortSignal.abort() }));
    expect(error.code).toBe('EGRESS_ABORTED');
    expect(server.requests).toHaveLength(0);
  });
});
