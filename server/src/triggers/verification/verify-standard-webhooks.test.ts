import { Webhook } from 'standardwebhooks';
import { Webhook as Svix } from 'svix';
import { describe, expect, it } from 'vitest';
import { standardWebhooksVerificationSchema } from './verification-config.js';
import { MAX_SIGNATURES_CHECKED } from './hmac-matches.js';
import { verifyStandardWebhooks } from './verify-standard-webhooks.js';
import type { WebhookHeaders } from './webhook-verifier.js';

const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const config = standardWebhooksVerificationSchema.parse({ scheme: 'standard-webhooks', secret });
const target = { method: 'POST', url: 'https://switchyard.example/hooks/t' };
const now = Date.UTC(2026, 10, 20, 12, 0, 0);
const oracle = new Webhook(secret);

function signedHeaders(body: string, at = now, id = 'msg_2pLZ1') {
  return {
    'webhook-id': id,
    'webhook-timestamp': String(Math.floor(at / 1000)),
    'webhook-signature': oracle.sign(id, new Date(at), body),
  };
}

function verify(headers: WebhookHeaders, body: string | Buffer, at = now) {
  return verifyStandardWebhooks(config, { ...target, headers, rawBody: Buffer.from(body) }, at);
}

describe('verifyStandardWebhooks', () => {
  const body = '{"type":"invoice.paid","amount":1200}';

  it('accepts a request signed by the standardwebhooks package', () => {
    expect(verify(signedHeaders(body), body)).toEqual({ ok: true });
  });

  it('accepts the secret without its whsec_ prefix', () => {
    const bare = standardWebhooksVerificationSchema.parse({ scheme: 'standard-webhooks', secret: secret.slice(6) });
    const result = verifyStandardWebhooks(bare, { ...target, headers: signedHeaders(body), rawBody: Buffer.from(body) }, now);
    expect(result).toEqual({ ok: true });
  });

  it('verifies the raw bytes: whitespace, CRLF and unicode escapes survive, a re-serialised body fails', () => {
    const raw = '{\r\n  "name" : "Ren\\u00e9e",\t"emoji": "\u{1F680}",\n  "n": 1.50 }\r\n';
    const headers = signedHeaders(raw);
    expect(verify(headers, raw)).toEqual({ ok: true });
    expect(verify(headers, JSON.stringify(JSON.parse(raw)))).toMatchObject({ ok: false });
    expect(verify(headers, `${raw} `)).toMatchObject({ ok: false });
  });

  it('accepts any matching signature in a rotation list and ignores other versions', () => {
    const headers = signedHeaders(body);
    const good = headers['webhook-signature'];
    const other = new Webhook('whsec_' + Buffer.alloc(32, 7).toString('base64')).sign('msg_2pLZ1', new Date(now), body);
    expect(verify({ ...headers, 'webhook-signature': `${other} v1a,AAAA ${good}` }, body)).toEqual({ ok: true });
    expect(verify({ ...headers, 'webhook-signature': other }, body)).toEqual({ ok: false, reason: 'no signature matches' });
  });

  it('refuses missing, empty and duplicated headers', () => {
    const headers = signedHeaders(body);
    for (const name of ['webhook-id', 'webhook-timestamp', 'webhook-signature'] as const) {
      expect(verify({ ...headers, [name]: undefined }, body)).toEqual({ ok: false, reason: `missing ${name} header` });
      expect(verify({ ...headers, [name]: '' }, body)).toEqual({ ok: false, reason: `empty ${name} header` });
      const twice = [headers[name], headers[name]];
      expect(verify({ ...headers, [name]: twice }, body)).toEqual({ ok: false, reason: `duplicated ${name} header` });
    }
    const mixedCase = { ...headers, 'Webhook-Signature': headers['webhook-signature'] };
    expect(verify(mixedCase, body)).toEqual({ ok: false, reason: 'duplicated webhook-signature header' });
  });

  it('refuses malformed signatures without throwing', () => {
    const headers = signedHeaders(body);
    const good = headers['webhook-signature'].slice(3);
    const malformed = ['v1,', 'v1', ',', 'v1,!!!not-base64!!!', 'v1,AAAA', `v1,${good.slice(0, -4)}`, `v1,${good}x`,
      `v1,${good.replace(/=$/, '')}`, `v2,${good}`, `v1,${Buffer.from(good, 'base64').toString('hex')}`];
    for (const signature of malformed) {
      expect(verify({ ...headers, 'webhook-signature': signature }, body)).toMatchObject({ ok: false });
    }
  });

  it('refuses 10,000 signatures quickly, and checks at most the first ten', () => {
    const headers = signedHeaders(body);
    const bad = 'v1,' + Buffer.alloc(32).toString('base64');
    const flood = Array.from({ length: 10_000 }, () => bad).join(' ');
    expect(verify({ ...headers, 'webhook-signature': flood }, body)).toEqual({
      ok: false,
      reason: 'webhook-signature header too long',
    });
    const padded = [...Array.from({ length: MAX_SIGNATURES_CHECKED }, () => bad), headers['webhook-signature']];
    expect(verify({ ...headers, 'webhook-signature': padded.join(' ') }, body)).toMatchObject({ ok: false });
    expect(verify({ ...headers, 'webhook-signature': padded.slice(1).join(' ') }, body)).toEqual({ ok: true });
  });

  it('refuses timestamps outside the tolerance in both directions', () => {
    const headers = signedHeaders(body);
    expect(verify(headers, body, now + 300_000)).toEqual({ ok: true });
    expect(verify(headers, body, now - 300_000)).toEqual({ ok: true });
    expect(verify(headers, body, now + 301_000)).toEqual({ ok: false, reason: 'timestamp too old' });
    expect(verify(headers, body, now - 301_000)).toEqual({ ok: false, reason: 'timestamp too far in the future' });
    const millis = { ...headers, 'webhook-timestamp': String(now) };
    expect(verify(millis, body)).toEqual({ ok: false, reason: 'timestamp is not unix seconds' });
    expect(verify({ ...headers, 'webhook-timestamp': '-5' }, body)).toMatchObject({ ok: false });
  });

  it('refuses a tampered id and an id containing a dot', () => {
    const headers = signedHeaders(body);
    expect(verify({ ...headers, 'webhook-id': 'msg_other' }, body)).toMatchObject({ ok: false });
    const dotted = signedHeaders(body, now, 'msg.1');
    expect(verify(dotted, body)).toEqual({ ok: false, reason: 'webhook-id contains "."' });
  });
});

describe('verifyStandardWebhooks with Svix', () => {
  const body = '{"type":"user.created"}';
  const svixHeaders = (signer: Svix, at = now, id = 'msg_svix1') => ({
    'svix-id': id,
    'svix-timestamp': String(Math.floor(at / 1000)),
    'svix-signature': signer.sign(id, new Date(at), body),
  });

  it('accepts svix-* headers signed by the svix package, and svix accepts what we accept', () => {
    const headers = svixHeaders(new Svix(secret));
    expect(verify(headers, body)).toEqual({ ok: true });
    expect(new Svix(secret).verify(body, { ...signedHeaders(body, Date.now()) })).toEqual(JSON.parse(body));
  });

  it('prefers svix-* over webhook-* when both are sent, as the svix library does', () => {
    const headers = svixHeaders(new Svix(secret));
    expect(verify({ ...headers, 'webhook-signature': 'v1,garbage' }, body)).toEqual({ ok: true });
    expect(verify({ ...signedHeaders(body), 'svix-signature': 'v1,AAAA' }, body)).toEqual({ ok: false, reason: 'no signature matches' });
    expect(verify({ ...headers, 'svix-id': 'msg.1' }, body)).toEqual({ ok: false, reason: 'svix-id contains "."' });
  });

  it('refuses svix timestamps outside the window in both directions', () => {
    const headers = svixHeaders(new Svix(secret));
    expect(verify(headers, body, now + 301_000)).toEqual({ ok: false, reason: 'timestamp too old' });
    expect(verify(headers, body, now - 301_000)).toEqual({ ok: false, reason: 'timestamp too far in the future' });
  });
});

describe('verifyStandardWebhooks during secret rotation', () => {
  const body = '{"type":"invoice.paid"}';
  const next = 'whsec_' + Buffer.alloc(32, 9).toString('base64');
  const rotating = standardWebhooksVerificationSchema.parse({ scheme: 'standard-webhooks', secret: next, previousSecrets: [secret] });

  it('accepts a signature made with a previous secret, and any v1 under any secret', () => {
    const headers = signedHeaders(body);
    const check = (h: WebhookHeaders) => verifyStandardWebhooks(rotating, { ...target, headers: h, rawBody: Buffer.from(body) }, now);
    expect(check(headers)).toEqual({ ok: true });
    const both = `${new Webhook(next).sign('msg_2pLZ1', new Date(now), body)} ${headers['webhook-signature']}`;
    expect(check({ ...headers, 'webhook-signature': both })).toEqual({ ok: true });
    const stranger = new Webhook('whsec_' + Buffer.alloc(32, 3).toString('base64')).sign('msg_2pLZ1', new Date(now), body);
    expect(check({ ...headers, 'webhook-signature': stranger })).toEqual({ ok: false, reason: 'no signature matches' });
  });

  it('requires every previous secret to be a base64 key', () => {
    const result = standardWebhooksVerificationSchema.safeParse({ scheme: 'standard-webhooks', secret: next, previousSecrets: ['whsec_not base64'] });
    expect(result.success ? [] : result.error.issues.map((issue) => issue.path.join('/'))).toEqual(['previousSecrets/0']);
  });
});
