import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { hmacVerificationSchema } from './verification-config.js';
import { verifyHmac } from './verify-hmac.js';
import type { WebhookHeaders } from './webhook-verifier.js';

const target = { method: 'POST', url: 'https://switchyard.example/hooks/t' };
const now = Date.UTC(2026, 10, 20, 12, 0, 0);
const seconds = String(now / 1000);

function check(input: Record<string, unknown>, headers: WebhookHeaders, body: string, at = now) {
  const config = hmacVerificationSchema.parse({ scheme: 'hmac', ...input });
  return verifyHmac(config, { ...target, headers, rawBody: Buffer.from(body) }, at);
}

describe('verifyHmac', () => {
  it('passes the GitHub documentation vector (hex, sha256= prefix)', () => {
    const github = { secret: "It's a Secret to Everybody", header: 'X-Hub-Signature-256', prefix: 'sha256=' };
    const signature = 'sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17';
    expect(check(github, { 'x-hub-signature-256': signature }, 'Hello, World!')).toEqual({ ok: true });
    expect(check(github, { 'x-hub-signature-256': signature.toUpperCase().replace('SHA256=', 'sha256=') }, 'Hello, World!'))
      .toEqual({ ok: true });
    expect(check(github, { 'x-hub-signature-256': signature.slice(7) }, 'Hello, World!')).toEqual({
      ok: false,
      reason: 'signature does not start with "sha256="',
    });
    expect(check(github, { 'x-hub-signature-256': signature }, 'Hello, World! ')).toEqual({
      ok: false,
      reason: 'signature does not match',
    });
  });

  it('supports base64 and the other algorithms', () => {
    const body = '{"id":"gid://shopify/Order/1"}\n';
    for (const algorithm of ['sha1', 'sha256', 'sha512'] as const) {
      for (const encoding of ['hex', 'base64'] as const) {
        const signature = createHmac(algorithm, 'shh').update(body).digest(encoding);
        const input = { secret: 'shh', header: 'x-sig', algorithm, encoding };
        expect(check(input, { 'x-sig': signature }, body)).toEqual({ ok: true });
        expect(check({ ...input, secret: 'other' }, { 'x-sig': signature }, body)).toMatchObject({ ok: false });
      }
    }
  });

  it('refuses malformed or wrong-length signatures', () => {
    const body = 'payload';
    const hex = createHmac('sha256', 'k').update(body).digest('hex');
    const b64 = createHmac('sha256', 'k').update(body).digest('base64');
    for (const signature of [hex.slice(2), `${hex}00`, `${hex.slice(1)}g`, b64, '', ' ', 'zz']) {
      expect(check({ secret: 'k', header: 'x-sig' }, { 'x-sig': signature }, body)).toMatchObject({ ok: false });
    }
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
    // Flipping an unused low bit of the last symbol decodes to the same bytes but is not canonical.
    const nonCanonical = b64.slice(0, 42) + alphabet[alphabet.indexOf(b64[42]) ^ 1] + '=';
    const base64url = Buffer.from(b64, 'base64').toString('base64url');
    for (const signature of [hex, b64.replace(/=$/, ''), base64url, nonCanonical, `${b64} `.repeat(2)]) {
      expect(check({ secret: 'k', header: 'x-sig', encoding: 'base64' }, { 'x-sig': signature }, body)).toMatchObject({
        ok: false,
      });
    }
    expect(check({ secret: 'k', header: 'x-sig' }, { 'x-sig': [hex, hex] }, body)).toEqual({
      ok: false,
      reason: 'duplicated x-sig header',
    });
  });

  describe('with a timestamp header', () => {
    const body = '{"event":"ping"}';
    const signed = createHmac('sha256', 'k').update(`${seconds}.${body}`).digest('hex');
    const input = { secret: 'k', header: 'x-sig', timestampHeader: 'x-ts', signedPayload: 'timestamp.body' };

    it('signs timestamp.body and binds the timestamp', () => {
      expect(check(input, { 'x-sig': signed, 'x-ts': seconds }, body)).toEqual({ ok: true });
      const shifted = String(Number(seconds) + 1);
      expect(check(input, { 'x-sig': signed, 'x-ts': shifted }, body)).toEqual({
        ok: false,
        reason: 'signature does not match',
      });
      expect(check(input, { 'x-sig': signed }, body)).toEqual({ ok: false, reason: 'missing x-ts header' });
    });

    it('refuses stale and future timestamps even when only the body is signed', () => {
      const bodyOnly = { secret: 'k', header: 'x-sig', timestampHeader: 'x-ts', toleranceSeconds: 60 };
      const signature = createHmac('sha256', 'k').update(body).digest('hex');
      const headers = { 'x-sig': signature, 'x-ts': seconds };
      expect(check(bodyOnly, headers, body, now + 60_000)).toEqual({ ok: true });
      expect(check(bodyOnly, headers, body, now + 61_000)).toEqual({ ok: false, reason: 'timestamp too old' });
      expect(check(bodyOnly, headers, body, now - 61_000)).toEqual({
        ok: false,
        reason: 'timestamp too far in the future',
      });
      expect(check(bodyOnly, { ...headers, 'x-ts': '2026-11-20T12:00:00Z' }, body)).toEqual({
        ok: false,
        reason: 'timestamp is not unix seconds',
      });
    });
  });
});
