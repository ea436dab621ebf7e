import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { sentryVerificationSchema } from './verification-config.js';
import { verifySentry } from './verify-sentry.js';

const config = sentryVerificationSchema.parse({ scheme: 'sentry', secret: 'client-secret', previousSecrets: ['old-secret'] });
const body = '{"action":"created","data":{"issue":{"id":"1"}}}';
// Sentry publishes no signing package; its docs give HMAC-SHA256 hex of the body keyed by the client secret.
const hex = (secret: string, payload = body) => createHmac('sha256', secret).update(payload).digest('hex');

function verify(signature: string | string[] | undefined, payload = body, timestamp = '1') {
  const headers = { 'sentry-hook-signature': signature, 'sentry-hook-timestamp': timestamp, 'request-id': 'r-1' };
  return verifySentry(config, { method: 'POST', url: 'https://x.example/hooks/t', headers, rawBody: Buffer.from(payload) }, 0);
}

describe('verifySentry', () => {
  it('accepts HMAC-SHA256 hex of the raw body, whatever the unsigned timestamp header says', () => {
    expect(verify(hex('client-secret'))).toEqual({ ok: true });
    expect(verify(hex('client-secret'), body, 'garbage')).toEqual({ ok: true });
  });

  it('refuses a tampered body and a wrong secret; accepts the previous secret during rotation', () => {
    expect(verify(hex('client-secret'), `${body} `)).toEqual({ ok: false, reason: 'signature does not match' });
    expect(verify(hex('wrong'))).toEqual({ ok: false, reason: 'signature does not match' });
    expect(verify(hex('old-secret'))).toEqual({ ok: true });
  });

  it('refuses malformed headers with a reason', () => {
    const cases: [string | string[] | undefined, string][] = [
      [undefined, 'missing sentry-hook-signature header'],
      [[hex('client-secret'), hex('client-secret')], 'duplicated sentry-hook-signature header'],
      [`sha256=${hex('client-secret')}`, 'signature is not a sha256 digest in hex'],
      [Buffer.from(hex('client-secret'), 'hex').toString('base64'), 'signature is not a sha256 digest in hex'],
    ];
    for (const [signature, reason] of cases) expect(verify(signature)).toEqual({ ok: false, reason });
  });
});
