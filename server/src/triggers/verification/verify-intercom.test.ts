import { createHmac } from 'node:crypto';
import { sign } from '@octokit/webhooks-methods';
import { describe, expect, it } from 'vitest';
import { intercomVerificationSchema } from './verification-config.js';
import { verifyIntercom } from './verify-intercom.js';

const config = intercomVerificationSchema.parse({ scheme: 'intercom', secret: 'client-secret', previousSecrets: ['old-secret'] });
const body = '{"type":"notification_event","topic":"conversation.user.created"}';
// @octokit/webhooks-methods 6 signs SHA-256 only, so the SHA-1 signature is built with node:crypto.
const sha1 = (secret: string, payload = body) => `sha1=${createHmac('sha1', secret).update(payload).digest('hex')}`;

function verify(signature: string | string[] | undefined, payload = body) {
  const headers = { 'x-hub-signature': signature };
  return verifyIntercom(config, { method: 'POST', url: 'https://x.example/hooks/t', headers, rawBody: Buffer.from(payload) }, 0);
}

describe('verifyIntercom', () => {
  it('accepts HMAC-SHA1 of the raw body as sha1=<hex>', () => {
    expect(verify(sha1('client-secret'))).toEqual({ ok: true });
    expect(verify(sha1('client-secret').toUpperCase().replace('SHA1=', 'sha1='))).toEqual({ ok: true });
  });

  it('refuses a tampered body and a wrong secret; accepts the previous secret during rotation', () => {
    expect(verify(sha1('client-secret'), body.replace('created', 'closed'))).toEqual({ ok: false, reason: 'signature does not match' });
    expect(verify(sha1('nope'))).toEqual({ ok: false, reason: 'signature does not match' });
    expect(verify(sha1('old-secret'))).toEqual({ ok: true });
  });

  it('refuses a SHA-256 GitHub-style signature and malformed headers', async () => {
    const cases: [string | string[] | undefined, string][] = [
      [await sign('client-secret', body), 'signature does not start with "sha1="'],
      [undefined, 'missing x-hub-signature header'],
      [[sha1('client-secret'), sha1('client-secret')], 'duplicated x-hub-signature header'],
      ['sha1=', 'signature is not a sha1 digest in hex'],
      [`sha1=${'ü'.repeat(40)}`, 'signature is not a sha1 digest in hex'],
    ];
    for (const [signature, reason] of cases) expect(verify(signature)).toEqual({ ok: false, reason });
  });
});
