import { createHmac } from 'node:crypto';
import { isValidSlackRequest } from '@slack/bolt';
import { describe, expect, it } from 'vitest';
import { slackVerificationSchema } from './verification-config.js';
import { verifySlack } from './verify-slack.js';

const config = slackVerificationSchema.parse({ scheme: 'slack', secret: 'signing-secret', previousSecrets: ['old-secret'] });
const now = Date.UTC(2026, 10, 20, 12, 0, 0);
const seconds = now / 1000;
const body = 'token=x&team_id=T1&command=%2Fdeploy&text=prod+now';
// Slack ships no signer; this is its documented basestring, checked against Bolt's verifier below.
const sign = (secret: string, timestamp = seconds, payload = body) =>
  `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${payload}`).digest('hex')}`;

function verify(signature: string | string[] | undefined, payload = body, at = now, timestamp: string | string[] | null = String(seconds)) {
  const headers = { 'x-slack-signature': signature, 'x-slack-request-timestamp': timestamp ?? undefined };
  return verifySlack(config, { method: 'POST', url: 'https://x.example/hooks/t', headers, rawBody: Buffer.from(payload) }, at);
}

describe('verifySlack', () => {
  it('accepts the v0 signature, and Bolt accepts the same request', () => {
    const signature = sign('signing-secret');
    expect(verify(signature)).toEqual({ ok: true });
    const headers = { 'x-slack-signature': signature, 'x-slack-request-timestamp': seconds };
    expect(isValidSlackRequest({ signingSecret: 'signing-secret', body, headers, nowMilliseconds: now })).toBe(true);
    expect(isValidSlackRequest({ signingSecret: 'other', body, headers, nowMilliseconds: now })).toBe(false);
  });

  it('refuses a tampered body and a wrong secret; accepts the previous secret during rotation', () => {
    expect(verify(sign('signing-secret'), body.replace('prod', 'dev'))).toEqual({ ok: false, reason: 'signature does not match' });
    expect(verify(sign('wrong'))).toEqual({ ok: false, reason: 'signature does not match' });
    expect(verify(sign('old-secret'))).toEqual({ ok: true });
  });

  it('refuses timestamps outside the tolerance in both directions, and binds the timestamp', () => {
    expect(verify(sign('signing-secret'), body, now - 300_000)).toEqual({ ok: true });
    expect(verify(sign('signing-secret'), body, now + 301_000)).toEqual({ ok: false, reason: 'timestamp too old' });
    expect(verify(sign('signing-secret'), body, now - 301_000)).toEqual({ ok: false, reason: 'timestamp too far in the future' });
    expect(verify(sign('signing-secret'), body, now, String(seconds + 1))).toEqual({ ok: false, reason: 'signature does not match' });
  });

  it('refuses malformed headers with a reason', () => {
    const good = sign('signing-secret');
    const cases: [string | string[] | undefined, string | string[] | null, string][] = [
      [undefined, String(seconds), 'missing x-slack-signature header'],
      [good, null, 'missing x-slack-request-timestamp header'],
      [[good, good], String(seconds), 'duplicated x-slack-signature header'],
      [good, [String(seconds), String(seconds)], 'duplicated x-slack-request-timestamp header'],
      [good.replace('v0=', 'v1='), String(seconds), 'signature does not start with "v0="'],
      ['v0=', String(seconds), 'signature is not a sha256 digest in hex'],
      [good, `${seconds}.5`, 'timestamp is not unix seconds'],
      [good, String(now), 'timestamp is not unix seconds'],
    ];
    for (const [signature, timestamp, reason] of cases) expect(verify(signature, body, now, timestamp)).toEqual({ ok: false, reason });
  });
});
