import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createEgressClient } from './create-egress-client.js';
import type { EgressClient } from './egress-client.js';
import { expectEgressError } from './expect-egress-error.js';
import { startTestServer, type TestServer } from './start-test-server.js';

let server: TestServer;
let other: TestServer;
let internal: TestServer;
let client: EgressClient;

beforeEach(async () => {
  other = await startTestServer((_request, response) => response.end('other'));
  internal = await startTestServer((_request, response) => response.end('internal'), '127.0.0.2');
  const targets: Record<string, [number, string]> = {
    '/found': [302, '/target'],
    '/see-other': [303, '/target'],
    '/temporary': [307, '/target'],
    '/loop': [302, '/loop'],
    '/to-other-origin': [302, `${other.url}/landing`],
    '/to-internal': [302, `http://127.0.0.2:${internal.port}/`],
    '/to-ipv6-loopback': [301, `http://[::1]:${internal.port}/`],
    '/to-file': [302, 'file:///etc/passwd'],
  };
  server = await startTestServer((request, response) => {
    const target = targets[request.url ?? ''];
    if (target) {
      response.writeHead(target[0], { location: target[1] });
      response.end('moved');
    } else {
      response.end('target');
    }
  });
  client = createEgressClient({ allow: ['127.0.0.1'] });
});

afterEach(async () => {
  await client.close();
  await Promise.all([server.close(), other.close(), internal.close()]);
});

describe('redirects', () => {
  it('follows a redirect to an allowed address', async () => {
    const response = await client.request({ url: `${server.url}/found` });
    expect(response.status).toBe(200);
    expect(response.body.toString()).toBe('target');
    expect(response.url).toBe(`${server.url}/target`);
  });

  it('turns a POST into a GET without body on 303', async () => {
    await client.request({
      url: `${server.url}/see-other`,
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"a":1}',
    });
    const followed = server.requests[1];
    expect(followed).toMatchObject({ method: 'GET', url: '/target', body: '' });
    expect(followed?.headers['content-type']).toBeUndefined();
  });

  it('keeps method and body on 307', async () => {
    await client.request({ url: `${server.url}/temporary`, method: 'POST', body: 'payload' });
    expect(server.requests[1]).toMatchObject({ method: 'POST', url: '/target', body: 'payload' });
  });

  it('keeps credentials on the same origin', async () => {
    await client.request({ url: `${server.url}/found`, headers: { Authorization: 'Bearer T' } });
    expect(server.requests[1]?.headers.authorization).toBe('Bearer T');
  });

  it('drops credentials when the redirect leaves the origin', async () => {
    const response = await client.request({
      url: `${server.url}/to-other-origin`,
      headers: { Authorization: 'Bearer T', Cookie: 'session=1', 'X-Keep': 'yes' },
    });
    expect(response.body.toString()).toBe('other');
    const landed = other.requests[0];
    expect(landed?.headers.authorization).toBeUndefined();
    expect(landed?.headers.cookie).toBeUndefined();
    expect(landed?.headers['x-keep']).toBe('yes');
  });

  it("drops the caller's own credential headers when the redirect leaves the origin, and keeps them on it", async () => {
    await client.request({ url: `${server.url}/to-other-origin`, headers: { 'X-Api-Key': 'k', 'X-Keep': 'yes' }, credentialHeaders: ['x-api-key'] });
    expect(other.requests[0]?.headers['x-api-key']).toBeUndefined();
    expect(other.requests[0]?.headers['x-keep']).toBe('yes');
    await client.request({ url: `${server.url}/found`, headers: { 'X-Api-Key': 'k' }, credentialHeaders: ['X-Api-Key'] });
    expect(server.requests.at(-1)?.headers['x-api-key']).toBe('k');
  });

  it.each(['/to-internal', '/to-ipv6-loopback'])('re-checks the target of %s and refuses it', async (path) => {
    const error = await expectEgressError(client.request({ url: `${server.url}${path}` }));
    expect(error.code).toBe('EGRESS_BLOCKED');
    expect(internal.connections).toBe(0);
  });

  it('refuses a redirect to another scheme', async () => {
    const error = await expectEgressError(client.request({ url: `${server.url}/to-file` }));
    expect(error.code).toBe('EGRESS_BAD_URL');
  });

  it('stops after maxRedirects', async () => {
    const error = await expectEgressError(client.request({ url: `${server.url}/loop`, maxRedirects: 2 }));
    expect(error.code).toBe('EGRESS_TOO_MANY_REDIRECTS');
    expect(error.retryable).toBe(false);
    expect(server.requests).toHaveLength(3);
  });

  it('follows five redirects by default', async () => {
    const error = await expectEgressError(client.request({ url: `${server.url}/loop` }));
    expect(error.code).toBe('EGRESS_TOO_MANY_REDIRECTS');
    expect(server.requests).toHaveLength(6);
  });
});
