import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { crispVerificationSchema } from './verification-config.js';
import { verifyCrisp } from './verify-crisp.js';

const config = crispVerificationSchema.parse({ scheme: 'crisp', secret: 'hook-secret', previousSecrets: ['old-secret'] });
const now = Date.UTC(2026, 10, 20, 12, 0, 0);
const seconds = now / 1000;
const body = '{"website_id":"42286ab3-b29a-4fde-8538-da0ae501d825","event":"message:send","data":{"type":"text","content":"Hello"},"timestamp":1763640000000}';
// Crisp's basestring as crisp-api's verifyHook builds it: `[<timestamp>;<JSON body>]` (test/packs/crisp checks the SDK agrees).
const sign = (secret: string, timestamp = seconds, payload = body) => createHmac('sha256', secret).update(`[${timestamp};${payload}]`).digest('hex');

function verify(signature: string | string[] | undefined, payload = body, at = now, timestamp: string | null = String(seconds)) {
  const headers = { 'x-crisp-signature': signature, 'x-crisp-request-timestamp': timestamp ?? undefined };
  return verifyCrisp(config, { method: 'POST', url: 'https://x.example/hooks/t', headers, rawBody: Buffer.from(payload) }, at);
}

describe('verifyCrisp', () => {
  it('accepts the signature under the current and the previous secret', () => {
    expect(verify(sign('hook-secret'))).toEqual({ ok: true });
    expect(verify(sign('old-secret'))).toEqual({ ok: true });
  });

  it('refuses a tampered body, a wrong secret and a signature over another timestamp', () => {
    expect(verify(sign('hook-secret'), body.replace('Hello', 'Hellp'))).toEqual({ ok: false, reason: 'signature does not match' });
    expect(verify(sign('wrong'))).toEqual({ ok: false, reason: 'signature does not match' });
    expect(verify(sign('hook-secret', seconds - 1))).toEqual({ ok: false, reason: 'signature does not match' });
    // Without the brackets (a plain `ts.body` HMAC) it is another message.
    expect(verify(createHmac('sha256', 'hook-secret').update(`${seconds};${body}`).digest('hex'))).toEqual({ ok: false, reason: 'signature does not match' });
  });

  it('refuses timestamps outside the tolerance in both directions', () => {
    expect(verify(sign('hook-secret'), body, now + 300_000)).toEqual({ ok: true });
    expect(verify(sign('hook-secret'), body, now + 301_000)).toEqual({ ok: false, reason: 'timestamp too old' });
    expect(verify(sign('hook-secret'), body, now - 301_000)).toEqual({ ok: false, reason: 'timestamp too far in the future' });
  });

  it('refuses malformed headers with a reason', () => {
    const good = sign('hook-secret');
    const cases: [string | string[] | undefined, string | null, string][] = [
      [undefined, String(seconds), 'missing x-crisp-signature header'],
      [good, null, 'missing x-crisp-request-timestamp header'],
      [[good, good], String(seconds), 'duplicated x-crisp-signature header'],
      [`sha256=${good}`, String(seconds), 'signature is not a sha256 digest in hex'],
      [good, String(now), 'timestamp is not unix seconds'],
    ];
    for (const [signature, timestamp, reason] of cases) expect(verify(signature, body, now, timestamp)).toEqual({ ok: false, reason });
  });
});
