import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createEgressClient } from './create-egress-client.js';
import type { EgressClient } from './egress-client.js';
import { expectEgressError } from './expect-egress-error.js';
import { scriptedLookup } from './scripted-lookup.js';
import { startTestServer, type TestServer } from './start-test-server.js';


let server: TestServer;
let client: EgressClient;

beforeEach(async () => {
  server = await startTestServer((request, response, body) => {
    response.setHeader('content-type', 'application/json');
    response.setHeader('set-cookie', ['a=1', 'b=2']);
    response.end(JSON.stringify({ method: request.method, body, test: request.headers['x-test'] ?? null }));
  });
});

afterEach(async () => {
  await client.close();
  await server.close();
});

describe('an allow-listed loopback server', () => {
  beforeEach(() => {
    client = createEgressClient({ allow: ['127.0.0.1', '::1', 'localhost'] });
  });

  it('answers GET with status, headers and body', async () => {
    const response = await client.request({ url: `${server.url}/things?id=1`, headers: { 'X-Test': 'yes' } });
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('application/json');
    expect(response.headers['set-cookie']).toBe('a=1, b=2');
    expect(JSON.parse(response.body.toString('utf8'))).toEqual({ method: 'GET', body: '', test: 'yes' });
    expect(response.url).toBe(`${server.url}/things?id=1`);
    expect(server.requests[0]?.url).toBe('/things?id=1');
  });

  it('sends a POST body', async () => {
    const response = await client.request({ url: server.url, method: 'post', body: '{"a":1}' });
    expect(JSON.parse(response.body.toString('utf8'))).toMatchObject({ method: 'POST', body: '{"a":1}' });
  });

  it('reuses keep-alive connections for sequential calls', async () => {
    // undici may open a second socket while the first is still finishing a response; never more.
    for (let i = 0; i < 10; i++) await client.request({ url: server.url });
    expect(server.requests).toHaveLength(10);
    expect(server.connections).toBeLessThanOrEqual(2);
  });

  it('keeps to the configured connections per origin', async () => {
    const single = createEgressClient({ allow: ['127.0.0.1'], connections: 1 });
    await Promise.all(Array.from({ length: 10 }, () => single.request({ url: server.url })));
    await single.close();
    expect(server.requests).toHaveLength(10);
    expect(server.connections).toBe(1);
  });

  it('reaches an allow-listed host name', async () => {
    const dns = scriptedLookup([['127.0.0.1']]);
    const named = createEgressClient({ allow: ['localhost'], lookup: dns.lookup });
    const response = await named.request({ url: `http://LOCALHOST:${server.port}/` });
    await named.close();
    expect(response.status).toBe(200);
    expect(dns.calls).toEqual(['localhost']);
  });

  it('still refuses other schemes', async () => {
    expect((await expectEgressError(client.request({ url: `ftp://127.0.0.1:${server.port}/` }))).code).toBe('EGRESS_BAD_URL');
  });
});

describe('a loopback server that is not allow-listed', () => {
  beforeEach(() => {
    client = createEgressClient();
  });

  it('is refused before anything is sent', async () => {
    const error = await expectEgressError(client.request({ url: server.url, headers: { authorization: 'Bearer SECRET' } }));
    expect(error.code).toBe('EGRESS_BLOCKED');
    expect(error.retryable).toBe(false);
    expect(error.message).toBe('blocked by egress policy: 127.0.0.1 (loopback) for host 127.0.0.1');
    expect(server.connections).toBe(0);
  });

  it('is refused by name through the system resolver', async () => {
    const error = await expectEgressError(client.request({ url: `http://localhost:${server.port}/` }));
    expect(error.code).toBe('EGRESS_BLOCKED');
    expect(error.message).toMatch(/^blocked by egress policy: (127\.0\.0\.1|::1) \(loopback\) for host localhost$/);
    expect(server.connections).toBe(0);
  });

  it.each([
    'http://2130706433:PORT/',
    'http://0x7f000001:PORT/',
    'http://0x7f.1:PORT/',
    'http://0177.0.0.1:PORT/',
    'http://127.1:PORT/',
    'http://127.0.0.1.:PORT/',
    'http://[::ffff:127.0.0.1]:PORT/',
    'http://[::ffff:7f00:1]:PORT/',
    'http://[0:0:0:0:0:0:0:1]:PORT/',
    'http://[::1]:PORT/',
    'http://0.0.0.0:PORT/',
    'http://0:PORT/',
    'http://[::]:PORT/',
    'https://127.0.0.1:PORT/',
  ])('refuses the literal %s', async (template) => {
    const dns = scriptedLookup([]);
    const literal = createEgressClient({ lookup: dns.lookup });
    const error = await expectEgressError(literal.request({ url: template.replace('PORT', String(server.port)) }));
    await literal.close();
    expect(error.code).toBe('EGRESS_BLOCKED');
    expect(server.connections).toBe(0);
  });
});

describe('URLs the client never requests', () => {
  beforeEach(() => {
    client = createEgressClient({ allow: ['127.0.0.1'] });
  });

  it.each(['file:///etc/passwd', 'ftp://example.com/', 'gopher://127.0.0.1:70/_x', 'data:text/plain,hi', 'javascript:alert(1)', 'not a url', '/relative'])(
    'refuses %s',
    async (url) => {
      const error = await expectEgressError(client.request({ url }));
      expect(error.code).toBe('EGRESS_BAD_URL');
      expect(error.retryable).toBe(false);
    },
  );

  it('refuses credentials in the URL without echoing them', async () => {
    const error = await expectEgressError(client.request({ url: `http://user:SECRET@127.0.0.1:${server.port}/` }));
    expect(error.code).toBe('EGRESS_BAD_URL');
    expect(error.message).not.toContain('SECRET');
    expect(server.connections).toBe(0);
  });
});
