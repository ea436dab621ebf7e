import { packManifestSchema, type PackManifestInput, type RequestTemplate } from '@switchyard/connectors';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEgressClient } from '../egress/create-egress-client.js';
import { EgressError } from '../egress/egress-error.js';
import type { Database } from '../storage/database.js';
import { createVendorClient } from './create-vendor-client.js';
import type { ResolvedConnection } from './resolved-connection.js';
import { startFakeVendor, type FakeVendor, type FakeVendorAnswer, type FakeVendorRequest } from './start-fake-vendor.js';
import type { VendorCall } from './vendor-client.js';
import { VendorError } from './vendor-error.js';

const egress = createEgressClient({ allow: ['127.0.0.1'] });
// No pack here declares a throttle, so the database is never touched.
const vendor = createVendorClient({ egress, database: {} as Database, now: () => Date.now(), log: pino({ level: 'silent' }) });
const answers = new Map<string, (request: FakeVendorRequest) => FakeVendorAnswer>();
let fake: FakeVendor;

beforeAll(async () => {
  fake = await startFakeVendor((request) => answers.get(request.url.pathname)?.(request) ?? { body: { ok: true } });
});
afterAll(async () => {
  await fake.close();
  await egress.close();
});

function pack(extra: Partial<PackManifestInput> = {}) {
  return packManifestSchema.parse({ id: 'acme', name: 'Acme', version: '1.0.0', engine: '^1.0.0', baseUrl: fake.url, auth: { kind: 'none' }, ...extra });
}
const connection: ResolvedConnection = { id: 'con_1', packId: 'acme', fields: { api_key: 'k-123', username: 'ann', password: 'pw', token: 't-9', region: 'eu' }, accessToken: 'at-1' };

function call(request: Partial<RequestTemplate>, extra: Partial<VendorCall> = {}): VendorCall {
  return { pack: pack(), request: { method: 'GET', path: '/thing', ...request }, scope: { input: {} }, ...extra };
}
const last = () => fake.requests.at(-1)!;

async function failure(promise: Promise<unknown>): Promise<VendorError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(VendorError);
  return error as VendorError;
}

describe('auth lands where the pack says', () => {
  const cases: [string, PackManifestInput['auth'], (request: FakeVendorRequest) => unknown][] = [
    ['api_key header', { kind: 'api_key', in: 'header', name: 'X-Api-Key' }, (r) => r.headers['x-api-key']],
    ['api_key query', { kind: 'api_key', in: 'query', name: 'key' }, (r) => r.url.searchParams.get('key')],
    ['basic', { kind: 'basic' }, (r) => r.headers.authorization],
    ['bearer', { kind: 'bearer' }, (r) => r.headers.authorization],
    ['custom', { kind: 'custom', headers: { 'X-User': '{{connection.username}}' }, query: { region: '{{connection.region}}' } }, (r) => [r.headers['x-user'], r.url.searchParams.get('region')]],
    ['oauth2', { kind: 'oauth2', tokenUrl: 'https://acme.example/token' }, (r) => r.headers.authorization],
  ];
  const expected: Record<string, unknown> = {
    'api_key header': 'k-123',
    'api_key query': 'k-123',
    basic: `Basic ${Buffer.from('ann:pw').toString('base64')}`,
    bearer: 'Bearer t-9',
    custom: ['ann', 'eu'],
    oauth2: 'Bearer at-1',
  };
  it.each(cases)('%s', async (name, auth, read) => {
    await vendor.send({ ...call({}), pack: pack({ auth }), connection });
    expect(read(last())).toEqual(expected[name]);
  });

  it('none sends no credentials', async () => {
    await vendor.send(call({}));
    expect(last().headers.authorization).toBeUndefined();
  });

  it('a pack that needs auth refuses to call without a connection', async () => {
    const error = await failure(vendor.send({ ...call({}), pack: pack({ auth: { kind: 'bearer' } }) }));
    expect(error.message).toBe('this step needs a Acme connection');
    expect(fake.requests.at(-1)?.url.pathname).not.toBe('/never');
  });
});

describe('request rendering', () => {
  it('keeps JSON types, drops empty query and header entries, sends pack headers', async () => {
    const response = await vendor.send({
      ...call({
        method: 'POST',
        path: '/contacts/{{input.id}}',
        query: { expand: '{{input.expand}}', fields: 'a,b' },
        headers: { 'X-Trace': '{{input.trace}}' },
        json: { amount: '{{input.amount}}', name: 'Hi {{input.name}}', tags: '{{input.tags}}', active: true },
      }),
      pack: pack({ headers: { 'Acme-Version': '2024-01-01' } }),
      scope: { input: { id: 'c 1', amount: 250, name: 'Ann', tags: ['a', 'b'], expand: '', trace: null } },
    });
    expect(response.status).toBe(200);
    const request = last();
    expect(request.url.pathname).toBe('/contacts/c%201');
    expect([...request.url.searchParams]).toEqual([['fields', 'a,b']]);
    expect(request.headers['x-trace']).toBeUndefined();
    expect(request.headers['acme-version']).toBe('2024-01-01');
    expect(request.headers['content-type']).toBe('application/json');
    expect(JSON.parse(request.body.toString())).toEqual({ amount: 250, name: 'Hi Ann', tags: ['a', 'b'], active: true });
  });

  it('keeps run values inside their path segment and leaves missing JSON fields out', async () => {
    await vendor.send({
      ...call({ method: 'PATCH', path: '/contacts/{{input.id}}/notes', json: { note: '{{input.note}}', owner: '{{input.owner}}', list: ['{{input.owner}}'] } }),
      scope: { input: { id: '../admin?x=1#y', note: 'hi' } },
    });
    expect(last().url.pathname).toBe('/contacts/..%2Fadmin%3Fx%3D1%23y/notes');
    expect([...last().url.searchParams]).toEqual([]);
    expect(JSON.parse(last().body.toString())).toEqual({ note: 'hi', list: [null] });
    const climbing = await failure(vendor.send({ ...call({ path: '/contacts/{{input.id}}' }), scope: { input: { id: '..' } } }));
    expect(climbing.code).toBe('PACK_BAD_PATH');
  });

  it('encodes form bodies', async () => {
    await vendor.send({ ...call({ method: 'POST', form: { name: '{{input.name}}', note: 'a&b=c', empty: '{{input.none}}' } }), scope: { input: { name: 'Zoë' } } });
    expect(last().headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(Object.fromEntries(new URLSearchParams(last().body.toString()))).toEqual({ name: 'Zoë', note: 'a&b=c' });
  });

  it('writes nested form and query values with bracketed keys, as Stripe and qs read them', async () => {
    const input = { metadata: { plan: 'pro', seats: 3 }, lines: [{ price: 'p_1', quantity: 2 }], expand: ['customer', 'invoice'] };
    await vendor.send({
      ...call({ method: 'POST', query: { 'created[gte]': '10', filter: '{{input.metadata}}' }, form: { metadata: '{{input.metadata}}', line_items: '{{input.lines}}', 'expand[]': '{{input.expand}}' } }),
      scope: { input },
    });
    expect([...last().url.searchParams]).toEqual([['created[gte]', '10'], ['filter[plan]', 'pro'], ['filter[seats]', '3']]);
    expect([...new URLSearchParams(last().body.toString())]).toEqual([
      ['metadata[plan]', 'pro'], ['metadata[seats]', '3'],
      ['line_items[0][price]', 'p_1'], ['line_items[0][quantity]', '2'],
      ['expand[]', 'customer'], ['expand[]', 'invoice'],
    ]);
  });

  it('sends a real multipart body with the file part', async () => {
    await vendor.send({
      ...call({
        method: 'POST',
        path: '/upload',
        multipart: { title: '{{input.title}}', file: { file: '{{input.file}}', filename: '{{input.name}}', contentType: 'image/png' } },
      }),
      scope: { input: { title: 'Logo', name: 'logo.png', file: { base64: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0]).toString('base64') } } },
    });
    const request = last();
    expect(request.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
    const form = await new Request('http://fake/', { method: 'POST', headers: { 'content-type': request.headers['content-type']! }, body: request.body }).formData();
    expect(form.get('title')).toBe('Logo');
    const file = form.get('file') as File;
    expect(file.name).toBe('logo.png');
    expect(file.type).toBe('image/png');
    expect([...new Uint8Array(await file.arrayBuffer())]).toEqual([0x89, 0x50, 0x4e, 0x47, 0]);
  });

  it('renders the base URL from connection fields and refuses non-http ones', async () => {
    await vendor.send({ ...call({ path: 'v1/me' }), pack: pack({ baseUrl: `${fake.url}/{{connection.region}}/api/`, auth: { kind: 'bearer' } }), connection });
    expect(last().url.pathname).toBe('/eu/api/v1/me');
    const error = await failure(vendor.send({ ...call({}), pack: pack({ baseUrl: 'file:///etc/{{connection.region}}', auth: { kind: 'bearer' } }), connection }));
    expect(error).toMatchObject({ code: 'PACK_BAD_URL', retryable: false });
    expect(error.message).toMatch(/http or https/);
  });

  it('keeps connection values in the base URL to one word: they cannot name another host or climb the path', async () => {
    const before = fake.requests.length;
    const host = fake.url.replace(/^http:\/\//, '');
    const subdomain = pack({ baseUrl: 'http://{{connection.region}}.acme.invalid/api', auth: { kind: 'bearer' } });
    for (const region of [`${host}/x?`, `${host}#`, `${host}/`]) {
      expect(await failure(vendor.send({ ...call({}), pack: subdomain, connection: { ...connection, fields: { ...connection.fields, region } } }))).toMatchObject({ code: 'PACK_BAD_URL' });
    }
    const segment = pack({ baseUrl: `${fake.url}/{{connection.region}}/api`, auth: { kind: 'bearer' } });
    expect(await failure(vendor.send({ ...call({}), pack: segment, connection: { ...connection, fields: { ...connection.fields, region: '..' } } }))).toMatchObject({ code: 'PACK_BAD_PATH' });
    expect(fake.requests.length).toBe(before);
    await vendor.send({ ...call({ path: '/me' }), pack: pack({ baseUrl: '{{connection.region}}/v2', auth: { kind: 'bearer' } }), connection: { ...connection, fields: { ...connection.fields, region: fake.url } } });
    expect(last().url.pathname).toBe('/v2/me');
  });

  it('lets a run value choose neither the host of an absolute path nor where the credentials go', async () => {
    const bearer = pack({ baseUrl: fake.url, auth: { kind: 'bearer' } });
    const before = fake.requests.length;
    const stolen = await failure(vendor.send({ ...call({ path: '{{input.url}}' }), pack: bearer, connection, scope: { input: { url: 'https://attacker.example/steal' } } }));
    expect(stolen).toMatchObject({ code: 'PACK_OTHER_HOST', retryable: false });
    expect(stolen.message).not.toContain('t-9');
    expect(fake.requests.length).toBe(before);

    await vendor.send({ ...call({ path: '{{input.url}}' }), pack: bearer, connection, scope: { input: { url: `${fake.url}/same-origin` } } });
    expect(last().url.pathname).toBe('/same-origin');
    // A second host the pack writes out is the author's choice.
    await vendor.send({ ...call({ path: `${fake.url}/uploads/{{input.id}}` }), pack: pack({ baseUrl: 'https://api.acme.invalid', auth: { kind: 'bearer' } }), connection, scope: { input: { id: 'a/b' } } });
    expect(last().url.pathname).toBe('/uploads/a%2Fb');
  });

  it('sends the idempotency key in the declared header', async () => {
    await vendor.send(call({ method: 'POST' }, { idempotency: { header: 'Idempotency-Key', key: 'run_1-abc' } }));
    expect(last().headers['idempotency-key']).toBe('run_1-abc');
  });

  it('or in the declared query parameter, beside the query the request renders, shortened to its cap', async () => {
    await vendor.send(call({ method: 'POST', query: { minorversion: '75' } }, { idempotency: { query: { param: 'requestid' }, key: 'run_1-abc' } }));
    expect([...last().url.searchParams]).toEqual([['minorversion', '75'], ['requestid', 'run_1-abc']]);
    const long = `run_${'0'.repeat(32)}-Xy3_kLm9PqRs0TuV`;
    await vendor.send(call({ method: 'POST' }, { idempotency: { query: { param: 'requestid', maxLength: 50 }, key: long } }));
    expect(last().url.searchParams.get('requestid')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(last().headers['idempotency-key']).toBeUndefined();
  });

  it('goes through the egress guard: a private address is refused before connecting', async () => {
    const error = await vendor.send({ ...call({}), pack: pack({ baseUrl: 'http://169.254.169.254/latest' }) }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EgressError);
    expect((error as EgressError).code).toBe('EGRESS_BLOCKED');
  });

  it('parses JSON bodies and keeps other bodies as text', async () => {
    answers.set('/text', () => ({ body: 'plain words' }));
    expect((await vendor.send(call({ path: '/text' }))).body).toBe('plain words');
    expect((await vendor.send(call({ path: '/json' }))).body).toEqual({ ok: true });
  });
});

describe('vendor errors', () => {
  it('maps the error body with the action mapping, byStatus, common shapes, or the status alone', async () => {
    answers.set('/mapped', () => ({ status: 402, body: { fault: { text: 'Card declined', kind: 'card_declined' } } }));
    const mapped = await failure(vendor.send(call({ path: '/mapped' }, { errors: { message: 'fault.text', code: 'fault.kind' } })));
    expect(mapped).toMatchObject({ code: 'HTTP_402', status: 402, retryable: false, message: 'Acme answered 402: Card declined' });
    expect(mapped.options.vendorCode).toBe('card_declined');

    answers.set('/gone', () => ({ status: 404, body: { id: 'c_9' } }));
    const byStatus = await failure(vendor.send(call({ path: '/gone' }, { errors: { byStatus: { '404': 'No contact {{body.id}} (status {{status}})' } } })));
    expect(byStatus.message).toBe('Acme answered 404: No contact c_9 (status 404)');

    for (const body of [{ error: { message: 'bad thing' } }, { message: 'bad thing' }, { error_description: 'bad thing' }, { errors: [{ message: 'bad thing' }] }, { error: 'bad thing' }]) {
      answers.set('/common', () => ({ status: 400, body }));
      expect((await failure(vendor.send(call({ path: '/common' })))).message).toBe('Acme answered 400: bad thing');
    }
    answers.set('/bare', () => ({ status: 403, body: '<html>nope</html>' }));
    expect((await failure(vendor.send(call({ path: '/bare' })))).message).toBe('Acme answered 403');
  });

  it('never repeats a secret or the access token in an error message or the call log', async () => {
    const lines: string[] = [];
    const logged = createVendorClient({ egress, database: {} as Database, now: () => Date.now(), log: pino({ level: 'debug' }, { write: (line: string) => lines.push(line) }) });
    const secret = 'sk live/42';
    const keyed = pack({ auth: { kind: 'api_key', in: 'header', name: 'X-Api-Key', fields: [{ key: 'api_key', label: 'API key', secret: true }] } });
    const withKey = { ...connection, fields: { ...connection.fields, api_key: secret } };
    answers.set(`/bot/${encodeURIComponent(secret)}`, () => ({ status: 401, body: { message: `the key ${secret} was revoked` } }));
    const echoed = await failure(logged.send({ ...call({ path: '/bot/{{connection.api_key}}' }), pack: keyed, connection: withKey }));
    expect(echoed.message).toBe('Acme answered 401: the key *** was revoked');
    expect(lines.join('\n')).toContain('vendor call');
    expect(lines.join('\n')).not.toContain(encodeURIComponent(secret));

    answers.set('/me', () => ({ status: 403, body: { message: 'token at-secret-1 lacks a scope' } }));
    const oauth = pack({ auth: { kind: 'oauth2', tokenUrl: 'https://acme.example/token' } });
    const scoped = await failure(vendor.send({ ...call({ path: '/me' }), pack: oauth, connection: { ...connection, accessToken: 'at-secret-1' } }));
    expect(scoped.message).toBe('Acme answered 403: token *** lacks a scope');
  });

  it('uses the pack mapping when the action has none', async () => {
    answers.set('/packmap', () => ({ status: 422, body: { problem: 'Email is taken' } }));
    const error = await failure(vendor.send({ ...call({ path: '/packmap' }), pack: pack({ errors: { message: 'problem' } }) }));
    expect(error.message).toBe('Acme answered 422: Email is taken');
  });

  it('makes 429 retryable after its Retry-After, 5xx retryable, other 4xx final', async () => {
    answers.set('/busy', () => ({ status: 429, headers: { 'retry-after': '7' }, body: { message: 'slow down' } }));
    expect(await failure(vendor.send(call({ path: '/busy' })))).toMatchObject({ retryable: true, retryAfterMs: 7000, status: 429 });
    answers.set('/down', () => ({ status: 503, body: {} }));
    expect(await failure(vendor.send(call({ path: '/down' })))).toMatchObject({ retryable: true, retryAfterMs: undefined });
    answers.set('/bad', () => ({ status: 400, body: {} }));
    expect(await failure(vendor.send(call({ path: '/bad' })))).toMatchObject({ retryable: false });
  });

  it("makes GitHub's rate-limit 403s retryable after the wait their headers give; any other 403 stays final", async () => {
    const now = 1_700_000_000_000;
    const clocked = createVendorClient({ egress, database: {} as Database, now: () => now, log: pino({ level: 'silent' }) });
    const spent = { 'x-ratelimit-limit': '5000', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(now / 1000 + 90) };
    answers.set('/primary', () => ({ status: 403, headers: spent, body: { message: 'API rate limit exceeded for user ID 1.' } }));
    expect(await failure(clocked.send(call({ path: '/primary' })))).toMatchObject({ retryable: true, retryAfterMs: 90_000, status: 403 });
    answers.set('/secondary', () => ({ status: 403, headers: { 'retry-after': '60' }, body: { message: 'You have exceeded a secondary rate limit.' } }));
    expect(await failure(clocked.send(call({ path: '/secondary' })))).toMatchObject({ retryable: true, retryAfterMs: 60_000 });
    answers.set('/forbidden', () => ({ status: 403, headers: { 'x-ratelimit-remaining': '4999' }, body: { message: 'Resource not accessible by integration' } }));
    expect(await failure(clocked.send(call({ path: '/forbidden' })))).toMatchObject({ retryable: false, retryAfterMs: undefined });
  });

  it('on 401 refreshes once and retries with the new credentials, and never twice', async () => {
    answers.set('/me', (request) => (request.headers.authorization === 'Bearer fresh' ? { body: { me: 'ann' } } : { status: 401, body: { message: 'token expired' } }));
    const stale: ResolvedConnection[] = [];
    const oauth = pack({ auth: { kind: 'oauth2', tokenUrl: 'https://acme.example/token' } });
    const refresh = async (old: ResolvedConnection) => {
      stale.push(old);
      return { ...old, accessToken: stale.length === 1 ? 'fresh' : 'still-bad' };
    };
    const before = fake.requests.length;
    const response = await vendor.send({ ...call({ path: '/me' }), pack: oauth, connection: { ...connection, accessToken: 'old' }, onUnauthorized: refresh });
    expect(response.body).toEqual({ me: 'ann' });
    expect(stale.map((c) => c.accessToken)).toEqual(['old']);
    expect(fake.requests.slice(before).map((r) => r.headers.authorization)).toEqual(['Bearer old', 'Bearer fresh']);

    const again = await failure(vendor.send({ ...call({ path: '/me' }), pack: oauth, connection: { ...connection, accessToken: 'old' }, onUnauthorized: refresh }));
    expect(again).toMatchObject({ status: 401, retryable: false, message: 'Acme answered 401: token expired' });
    expect(stale).toHaveLength(2);
  });
});

describe('redirects', () => {
  it("never carries the pack's credential headers to another origin", async () => {
    const elsewhere = await startFakeVendor(() => ({ body: { moved: true } }));
    try {
      answers.set('/moved', () => ({ status: 302, headers: { location: `${elsewhere.url}/landing` } }));
      const auth = { kind: 'custom', headers: { 'X-Acme-Token': '{{connection.token}}' } } as const;
      const response = await vendor.send({ ...call({ path: '/moved' }), pack: pack({ auth, headers: { 'X-Acme-Tenant': '{{connection.username}}' } }), connection });
      expect(response.body).toEqual({ moved: true });
      const landed = elsewhere.requests[0]!;
      expect(landed.headers['x-acme-token']).toBeUndefined();
      expect(landed.headers['x-acme-tenant']).toBeUndefined();
    } finally {
      answers.delete('/moved');
      await elsewhere.close();
    }
  });
});
