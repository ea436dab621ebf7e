import { errorMappingSchema, packManifestSchema } from '@switchyard/connectors';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEgressClient } from '../egress/create-egress-client.js';
import type { Database } from '../storage/database.js';
import { createVendorClient } from './create-vendor-client.js';
import { mapVendorError, refusesCredentials, reportsFailure } from './map-vendor-error.js';
import { startFakeVendor, type FakeVendor } from './start-fake-vendor.js';
import { VendorError } from './vendor-error.js';

// Slack's shape: HTTP 200 with { ok: false, error: "<code>" } and, for missing_scope, the scope needed.
const slackLike = errorMappingSchema.parse({
  code: 'error',
  failWhen: { path: 'ok', equals: false },
  byCode: {
    channel_not_found: 'the channel does not exist or the app cannot see it',
    missing_scope: 'the app lacks the {{body.needed}} scope; add it and reinstall the app',
  },
  byStatus: { '429': 'too many requests' },
  unauthorizedCodes: ['invalid_auth', 'token_revoked'],
});

describe('mapVendorError', () => {
  it('prefers byCode, then byStatus, then the message path, then common shapes', () => {
    expect(mapVendorError('Slack', slackLike, 200, { ok: false, error: 'missing_scope', needed: 'chat:write' })).toEqual({
      message: 'Slack refused the request: the app lacks the chat:write scope; add it and reinstall the app',
      vendorCode: 'missing_scope',
    });
    expect(mapVendorError('Slack', slackLike, 429, { ok: false, error: 'ratelimited' }).message).toBe('Slack answered 429: too many requests');
    // A code without a sentence falls back to the vendor's own code (the common `error` path).
    expect(mapVendorError('Slack', slackLike, 200, { ok: false, error: 'is_archived' }).message).toBe('Slack refused the request: is_archived');
    expect(mapVendorError('Acme', undefined, 404, { error: { message: 'no such thing', code: 'nf' } })).toEqual({ message: 'Acme answered 404: no such thing', vendorCode: 'nf' });
  });

  it('never reads a byCode entry from the prototype', () => {
    expect(mapVendorError('Slack', slackLike, 200, { ok: false, error: 'constructor' }).message).toBe('Slack refused the request: constructor');
    expect(mapVendorError('Slack', slackLike, 200, { ok: false, error: 'toString' }).message).toBe('Slack refused the request: toString');
  });

  it('falls back to the vendor message when a mapped template cannot render', () => {
    const broken = errorMappingSchema.parse({ code: 'error', byCode: { bad: '{{ body.x | nope }}' } });
    expect(mapVendorError('Slack', broken, 400, { error: 'bad' }).message).toBe('Slack answered 400: bad');
  });
});

describe('reportsFailure', () => {
  it('marks a body whose value at the path equals the rule', () => {
    expect(reportsFailure(slackLike, { ok: false, error: 'x' })).toBe(true);
    expect(reportsFailure(slackLike, { ok: true })).toBe(false);
    // Absent or differently typed values are not failures: "false" is not false.
    expect(reportsFailure(slackLike, { channel: 'C1' })).toBe(false);
    expect(reportsFailure(slackLike, { ok: 'false' })).toBe(false);
    expect(reportsFailure(slackLike, null)).toBe(false);
    expect(reportsFailure(slackLike, 'ok: false')).toBe(false);
    expect(reportsFailure(undefined, { ok: false })).toBe(false);
  });

  it('matches strings, numbers and null too', () => {
    const byStatusText = errorMappingSchema.parse({ failWhen: { path: 'result.status', equals: 'error' } });
    expect(reportsFailure(byStatusText, { result: { status: 'error' } })).toBe(true);
    expect(reportsFailure(byStatusText, { result: { status: 'done' } })).toBe(false);
    expect(reportsFailure(errorMappingSchema.parse({ failWhen: { path: 'code', equals: 1 } }), { code: 1 })).toBe(true);
    expect(reportsFailure(errorMappingSchema.parse({ failWhen: { path: 'data', equals: null } }), { data: null })).toBe(true);
  });

  it('takes a list of rules, and present: true marks any non-null value (GraphQL errors)', () => {
    const graphql = errorMappingSchema.parse({ failWhen: [{ path: 'errors[0]', present: true }, { path: 'data.op.userErrors[0]', present: true }] });
    expect(reportsFailure(graphql, { errors: [{ message: 'Throttled' }] })).toBe(true);
    expect(reportsFailure(graphql, { data: { op: { userErrors: [{ field: ['title'], message: 'Title can\'t be blank' }] } } })).toBe(true);
    expect(reportsFailure(graphql, { data: { op: { userErrors: [], product: { id: 'gid://shopify/Product/1' } } } })).toBe(false);
    expect(reportsFailure(graphql, { data: { op: null }, errors: null })).toBe(false);
  });

  it('the schema refuses an empty path and object values', () => {
    expect(errorMappingSchema.safeParse({ failWhen: { path: '', equals: false } }).success).toBe(false);
    expect(errorMappingSchema.safeParse({ failWhen: { path: 'ok', equals: { a: 1 } } }).success).toBe(false);
  });
});

describe('refusesCredentials', () => {
  it('is 401, or a failed answer whose code is one of unauthorizedCodes', () => {
    expect(refusesCredentials(undefined, 401, null)).toBe(true);
    expect(refusesCredentials(slackLike, 200, { ok: false, error: 'token_revoked' })).toBe(true);
    expect(refusesCredentials(slackLike, 403, { error: 'invalid_auth' })).toBe(true);
    // Other codes, successful answers and mappings without the list are not.
    expect(refusesCredentials(slackLike, 200, { ok: false, error: 'channel_not_found' })).toBe(false);
    expect(refusesCredentials(slackLike, 200, { ok: true, error: 'invalid_auth' })).toBe(false);
    expect(refusesCredentials(errorMappingSchema.parse({ code: 'error', failWhen: { path: 'ok', equals: false } }), 200, { ok: false, error: 'invalid_auth' })).toBe(false);
    expect(refusesCredentials(undefined, 403, { error: { code: 'invalid_auth' } })).toBe(false);
  });
});

describe('a 2xx answer that reports a failure, through the vendor client', () => {
  const egress = createEgressClient({ allow: ['127.0.0.1'] });
  // No pack here declares a throttle, so the database is never touched.
  const vendor = createVendorClient({ egress, database: {} as Database, now: () => Date.now(), log: pino({ level: 'silent' }) });
  let fake: FakeVendor;

  beforeAll(async () => {
    fake = await startFakeVendor((request) => {
      if (request.url.pathname === '/chat.postMessage') return { body: { ok: false, error: 'channel_not_found' } };
      if (request.url.pathname === '/graphql.json') return { body: { errors: [{ message: 'Throttled', extensions: { code: 'THROTTLED' } }] } };
      if (request.url.pathname === '/auth.test' && request.headers.authorization !== 'Bearer fresh') return { body: { ok: false, error: 'invalid_auth' } };
      return { body: { ok: true, channel: 'C1' } };
    });
  });
  afterAll(async () => {
    await fake.close();
    await egress.close();
  });

  const pack = () => packManifestSchema.parse({ id: 'slack', name: 'Slack', version: '1.0.0', engine: '^1.0.0', baseUrl: fake.url, auth: { kind: 'none' }, errors: slackLike });

  it('fails the call with the mapped message, not retryable', async () => {
    const error = await vendor.send({ pack: pack(), request: { method: 'POST', path: '/chat.postMessage' }, scope: {} }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(VendorError);
    const refused = error as VendorError;
    expect(refused.message).toBe('Slack refused the request: the channel does not exist or the app cannot see it');
    expect(refused).toMatchObject({ code: 'VENDOR_REFUSED', status: 200, retryable: false, options: { vendorCode: 'channel_not_found' } });
  });

  it('makes a failure whose code is one of retryCodes retryable (GraphQL THROTTLED inside a 200)', async () => {
    const graphql = errorMappingSchema.parse({ code: 'errors[0].extensions.code', failWhen: { path: 'errors[0]', present: true }, retryCodes: ['THROTTLED'] });
    const error = await vendor.send({ pack: pack(), request: { method: 'POST', path: '/graphql.json' }, scope: {}, errors: graphql }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ code: 'VENDOR_REFUSED', message: 'Slack refused the request: Throttled', retryable: true, options: { vendorCode: 'THROTTLED' } });
  });

  it('takes an unauthorized code like a 401: one refresh, then the fresh token', async () => {
    const stale = { id: 'con_1', packId: 'slack', fields: {}, accessToken: 'stale' };
    const refreshed: string[] = [];
    const answer = await vendor.send({
      pack: { ...pack(), auth: { kind: 'bearer', fields: [], token: '{{connection.token}}' } },
      connection: { ...stale, fields: { token: 'stale' } },
      onUnauthorized: async (connection) => {
        refreshed.push(connection.id);
        return { ...connection, fields: { token: 'fresh' } };
      },
      request: { method: 'POST', path: '/auth.test' },
      scope: {},
    });
    expect(answer.body).toEqual({ ok: true, channel: 'C1' });
    expect(refreshed).toEqual(['con_1']);
    expect(fake.requests.filter((request) => request.url.pathname === '/auth.test').map((request) => request.headers.authorization)).toEqual(['Bearer stale', 'Bearer fresh']);
  });

  it('lets an ok answer through, and an action mapping without failWhen keeps 2xx a success', async () => {
    await expect(vendor.send({ pack: pack(), request: { method: 'POST', path: '/conversations.info' }, scope: {} })).resolves.toMatchObject({ body: { ok: true } });
    const plain = errorMappingSchema.parse({ message: 'error' });
    await expect(vendor.send({ pack: pack(), request: { method: 'POST', path: '/chat.postMessage' }, scope: {}, errors: plain })).resolves.toMatchObject({
      status: 200,
      body: { ok: false },
    });
  });
});
