import { createHmac } from 'node:crypto';
import { Signature } from '@hubspot/api-client';
import { describe, expect, it } from 'vitest';
import { hubspotV3VerificationSchema } from './verification-config.js';
import { hubspotSignedUri, verifyHubspotV3 } from './verify-hubspot-v3.js';

const config = hubspotV3VerificationSchema.parse({ scheme: 'hubspot-v3', secret: 'client-secret', previousSecrets: ['old-secret'] });
const now = Date.UTC(2026, 10, 20, 12, 0, 0);
const url = 'https://switchyard.example/hooks/tok?portal=42&email=ada%40example.com';
const body = '[{"eventId":1,"subscriptionType":"contact.creation"}]';
// HubSpot ships a verifier but no signer: sign its documented string, then check with Signature.isValid.
const sign = (secret: string, at = now, uri = hubspotSignedUri(url), payload = body, method = 'POST') =>
  createHmac('sha256', secret).update(`${method}${uri}${payload}${at}`).digest('base64');

function verify(signature: string | string[] | undefined, options: { payload?: string; at?: number; timestamp?: string; method?: string; target?: string } = {}) {
  const headers = { 'x-hubspot-signature-v3': signature, 'x-hubspot-request-timestamp': options.timestamp ?? String(now) };
  const request = { method: options.method ?? 'POST', url: options.target ?? url, headers, rawBody: Buffer.from(options.payload ?? body) };
  return verifyHubspotV3(config, request, options.at ?? now);
}

describe('verifyHubspotV3', () => {
  it('decodes the escapes HubSpot lists, and only those', () => {
    expect(hubspotSignedUri('https://h.example/p%3a%2F?q=%40%21%24%27%28%29%2a%2C%3B%3F&r=%20%25%2B')).toBe(
      "https://h.example/p:/?q=@!$'()*,;?&r=%20%25%2B",
    );
  });

  it('accepts what we sign, and @hubspot/api-client accepts the same signature', () => {
    const at = Date.now();
    const signature = sign('client-secret', at);
    expect(verify(signature, { at, timestamp: String(at) })).toEqual({ ok: true });
    const options = { signatureVersion: 'v3', signature, clientSecret: 'client-secret', requestBody: body, url: hubspotSignedUri(url), method: 'POST', timestamp: at };
    expect(Signature.isValid(options)).toBe(true);
    expect(Signature.isValid({ ...options, clientSecret: 'other' })).toBe(false);
  });

  it('signs method, URI, body and timestamp', () => {
    expect(verify(sign('client-secret'))).toEqual({ ok: true });
    const mismatch = { ok: false, reason: 'signature does not match' };
    expect(verify(sign('client-secret'), { payload: `${body} ` })).toEqual(mismatch);
    expect(verify(sign('client-secret'), { method: 'PUT' })).toEqual(mismatch);
    expect(verify(sign('client-secret'), { target: url.replace('42', '43') })).toEqual(mismatch);
    expect(verify(sign('client-secret', now - 1), { timestamp: String(now) })).toEqual(mismatch);
    expect(verify(sign('wrong'))).toEqual(mismatch);
  });

  it('accepts the previous secret during rotation', () => {
    expect(verify(sign('old-secret'))).toEqual({ ok: true });
  });

  it('reads the timestamp as milliseconds and checks it in both directions', () => {
    expect(verify(sign('client-secret'), { at: now + 300_000 })).toEqual({ ok: true });
    expect(verify(sign('client-secret'), { at: now + 300_001 })).toEqual({ ok: false, reason: 'timestamp too old' });
    expect(verify(sign('client-secret'), { at: now - 300_001 })).toEqual({ ok: false, reason: 'timestamp too far in the future' });
    const inSeconds = String(now / 1000);
    expect(verify(sign('client-secret', now / 1000), { timestamp: inSeconds })).toEqual({ ok: false, reason: 'timestamp too old' });
  });

  it('refuses malformed headers with a reason', () => {
    const good = sign('client-secret');
    const cases: [string | string[] | undefined, string][] = [
      [undefined, 'missing x-hubspot-signature-v3 header'],
      [[good, good], 'duplicated x-hubspot-signature-v3 header'],
      [good.replace(/=$/, ''), 'signature is not a sha256 digest in base64'],
      [Buffer.from(good, 'base64').toString('hex'), 'signature is not a sha256 digest in base64'],
      [`${good.slice(0, 20)} ${good.slice(21)}`, 'signature is not a sha256 digest in base64'],
      [`${good.slice(0, 20)}é${good.slice(21)}`, 'signature is not a sha256 digest in base64'],
    ];
    for (const [signature, reason] of cases) expect(verify(signature)).toEqual({ ok: false, reason });
    expect(verify(good, { timestamp: '' })).toEqual({ ok: false, reason: 'empty x-hubspot-request-timestamp header' });
    expect(verify(good, { timestamp: 'soon' })).toEqual({ ok: false, reason: 'timestamp is not unix milliseconds' });
  });
});
