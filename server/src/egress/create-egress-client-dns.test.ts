import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createEgressClient } from './create-egress-client.js';
import { expectEgressError } from './expect-egress-error.js';
import { scriptedLookup } from './scripted-lookup.js';
import { startTestServer, type TestServer } from './start-test-server.js';

// 127.0.0.1 is allow-listed and stands in for a public address; the "internal" server listens on
// 127.0.0.2, which the guard must refuse, so a guard bug would show up as a request it received.
let publicServer: TestServer;
let internalServer: TestServer;

beforeEach(async () => {
  publicServer = await startTestServer((_request, response) => {
    // Closing forces a fresh connect (and so a fresh lookup) on the next call.
    response.setHeader('connection', 'close');
    response.end('public');
  });
  internalServer = await startTestServer((_request, response) => response.end('internal'), '127.0.0.2');
});

afterEach(async () => {
  await publicServer.close();
  await internalServer.close();
});


describe('names resolved by the guard', () => {
  it('refuses a public-looking name that resolves to a blocked address', async () => {
    const dns = scriptedLookup([['127.0.0.2']]);
    const client = createEgressClient({ allow: ['127.0.0.1'], lookup: dns.lookup });
    const error = await expectEgressError(client.request({ url: `http://api.example.com:${internalServer.port}/` }));
    await client.close();
    expect(error.code).toBe('EGRESS_BLOCKED');
    expect(error.message).toBe('blocked by egress policy: 127.0.0.2 (loopback) for host api.example.com');
    expect(internalServer.connections).toBe(0);
  });

  it('refuses a name when one answer is allowed and another blocked', async () => {
    const dns = scriptedLookup([['127.0.0.1', '127.0.0.2']]);
    const client = createEgressClient({ allow: ['127.0.0.1'], lookup: dns.lookup });
    const error = await expectEgressError(client.request({ url: `http://mixed.example.com:${publicServer.port}/` }));
    await client.close();
    expect(error.code).toBe('EGRESS_BLOCKED');
    expect(publicServer.connections).toBe(0);
  });

  it('checks each new connection, so a rebinding answer cannot be connected to', async () => {
    const dns = scriptedLookup([['127.0.0.1'], ['127.0.0.2']]);
    const client = createEgressClient({ allow: ['127.0.0.1'], lookup: dns.lookup });
    const first = await client.request({ url: `http://rebind.example.com:${publicServer.port}/` });
    expect(first.body.toString()).toBe('public');
    const error = await expectEgressError(client.request({ url: `http://rebind.example.com:${internalServer.port}/` }));
    await client.close();
    expect(error.code).toBe('EGRESS_BLOCKED');
    // One lookup per connection: the address checked is the address connected to.
    expect(dns.calls).toEqual(['rebind.example.com', 'rebind.example.com']);
    expect(internalServer.connections).toBe(0);
  });

  it('reports a name without answers as a retryable connect error', async () => {
    const dns = scriptedLookup([[]]);
    const client = createEgressClient({ lookup: dns.lookup });
    const error = await expectEgressError(client.request({ url: 'http://nowhere.example.com/' }));
    await client.close();
    expect(error.code).toBe('EGRESS_CONNECT');
    expect(error.retryable).toBe(true);
  });

  it('reports a refused connection as a retryable connect error', async () => {
    const closed = await startTestServer(() => undefined);
    await closed.close();
    const client = createEgressClient({ allow: ['127.0.0.1'] });
    const error = await expectEgressError(client.request({ url: closed.url }));
    await client.close();
    expect(error.code).toBe('EGRESS_CONNECT');
    expect(error.retryable).toBe(true);
  });
});
