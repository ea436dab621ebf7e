import { createHmac } from 'node:crypto';
import { sign, verify as octokitVerify } from '@octokit/webhooks-methods';
import { describe, expect, it } from 'vitest';
import { githubVerificationSchema } from './verification-config.js';
import { verifyGithub } from './verify-github.js';

const config = githubVerificationSchema.parse({ scheme: 'github', secret: 'current', previousSecrets: ['previous'] });
const body = '{"action":"opened","number":7}';

function verify(signature: string | string[] | undefined, payload = body, settings = config) {
  const headers = { 'x-hub-signature-256': signature, 'x-github-delivery': '72d3162e-cc78-11e3-81ab-4c9367dc0958' };
  return verifyGithub(settings, { method: 'POST', url: 'https://x.example/hooks/t', headers, rawBody: Buffer.from(payload) }, 0);
}

describe('verifyGithub', () => {
  it("passes GitHub's published example vector", () => {
    const vector = githubVerificationSchema.parse({ scheme: 'github', secret: "It's a Secret to Everybody" });
    const signature = 'sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17';
    expect(verify(signature, 'Hello, World!', vector)).toEqual({ ok: true });
    expect(verify(signature, 'Hello, World?', vector)).toEqual({ ok: false, reason: 'signature does not match' });
  });

  it('accepts what @octokit/webhooks-methods signs, and octokit accepts what we accept', async () => {
    const signature = await sign('current', body);
    expect(verify(signature)).toEqual({ ok: true });
    const ours = `sha256=${createHmac('sha256', 'current').update(body).digest('hex')}`;
    expect(verify(ours)).toEqual({ ok: true });
    expect(await octokitVerify('current', body, ours)).toBe(true);
  });

  it('refuses a tampered body and a wrong secret; accepts the previous secret during rotation', async () => {
    expect(verify(await sign('current', body), `${body}\n`)).toEqual({ ok: false, reason: 'signature does not match' });
    expect(verify(await sign('wrong', body))).toEqual({ ok: false, reason: 'signature does not match' });
    expect(verify(await sign('previous', body))).toEqual({ ok: true });
  });

  it('refuses malformed headers with a reason', async () => {
    const good = await sign('current', body);
    const sha1 = `sha1=${createHmac('sha1', 'current').update(body).digest('hex')}`;
    const cases: [string | string[] | undefined, string][] = [
      [undefined, 'missing x-hub-signature-256 header'],
      [[good, good], 'duplicated x-hub-signature-256 header'],
      [sha1, 'signature does not start with "sha256="'],
      [good.slice(7), 'signature does not start with "sha256="'],
      [`${good}, ${good}`, 'signature is not a sha256 digest in hex'],
      ['sha256=', 'signature is not a sha256 digest in hex'],
      [`sha256=${'zz'.repeat(32)}`, 'signature is not a sha256 digest in hex'],
    ];
    for (const [signature, reason] of cases) expect(verify(signature)).toEqual({ ok: false, reason });
  });
});
