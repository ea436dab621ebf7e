import { describe, expect, it } from 'vitest';
import { sendgridTestSigner } from './sendgrid-test-signer.js';
import { verificationConfigSchema } from './verification-config.js';
import { sendgridPublicKey, verifySendgrid } from './verify-sendgrid.js';

const now = Date.UTC(2026, 10, 20, 12, 0, 0);
const seconds = String(now / 1000);
const body = JSON.stringify([
  { email: 'ada@example.com', timestamp: 1795000000, event: 'delivered', sg_event_id: 'ZGVsaXZlcmVk-1', sg_message_id: 'msg.1' },
  { email: 'ada@example.com', timestamp: 1795000001, event: 'open', sg_event_id: 'b3Blbg-2', sg_message_id: 'msg.1', useragent: 'Mozilla/5.0 — ü' },
]);
const current = sendgridTestSigner();
const previous = sendgridTestSigner();
const config = verificationConfigSchema.parse({ scheme: 'sendgrid', secret: current.publicKey, previousSecrets: [previous.publicKey] });

function verify(headers: Record<string, string | string[] | undefined>, payload = body, at = now) {
  if (config.scheme !== 'sendgrid') throw new Error('unreachable');
  return verifySendgrid(config, { method: 'POST', url: 'https://x.example/hooks/t', headers, rawBody: Buffer.from(payload) }, at);
}

describe('verifySendgrid', () => {
  it('accepts a signed delivery and refuses a tampered body (the SDK agrees: test/packs/email)', () => {
    const headers = current.sign(seconds, body);
    expect(verify(headers)).toEqual({ ok: true });
    expect(verify(headers, body.replace('delivered', 'bounce'))).toEqual({ ok: false, reason: 'signature does not match' });
  });

  it('checks the SDK\'s own published example (key, signature, timestamp, payload)', () => {
    // From @sendgrid/eventwebhook's own tests: a signature made by SendGrid's signer, not by our test key.
    const publicKey = 'MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEEDr2LjtURuePQzplybdC+u4CwrqDqBaWjcMMsTbhdbcwHBcepxo7yAQGhHPTnlvFYPAZFceEu/1FwCM/QmGUhA==';
    const signature = 'MEUCIQCtIHJeH93Y+qpYeWrySphQgpNGNr/U+UyUlBkU6n7RAwIgJTz2C+8a8xonZGi6BpSzoQsbVRamr2nlxFDWYNH2j/0=';
    const timestamp = '1588788367';
    const payload = JSON.stringify({ category: 'example_payload', event: 'test_event', message_id: 'message_id' });
    const known = verificationConfigSchema.parse({ scheme: 'sendgrid', secret: publicKey, toleranceSeconds: 86_400 });
    if (known.scheme !== 'sendgrid') throw new Error('unreachable');
    const request = (raw: string) => ({
      method: 'POST',
      url: 'https://x.example/hooks/t',
      headers: { 'x-twilio-email-event-webhook-signature': signature, 'x-twilio-email-event-webhook-timestamp': timestamp },
      rawBody: Buffer.from(raw),
    });
    const at = Number(timestamp) * 1000;
    expect(verifySendgrid(known, request(payload), at)).toEqual({ ok: true });
    expect(verifySendgrid(known, request(payload.replace('test_event', 'other')), at)).toEqual({ ok: false, reason: 'signature does not match' });
  });

  it('accepts the previous key during rotation, and a key given with PEM framing', () => {
    expect(verify(previous.sign(seconds, body))).toEqual({ ok: true });
    const pem = `-----BEGIN PUBLIC KEY-----\n${current.publicKey}\n-----END PUBLIC KEY-----\n`;
    expect(sendgridPublicKey(pem)).not.toBeNull();
    expect(verify(sendgridTestSigner().sign(seconds, body))).toEqual({ ok: false, reason: 'signature does not match' });
  });

  it('binds the timestamp and refuses one outside the tolerance in both directions', () => {
    const headers = current.sign(seconds, body);
    expect(verify({ ...headers, 'x-twilio-email-event-webhook-timestamp': String(Number(seconds) + 1) }, body, now + 1000)).toEqual({
      ok: false,
      reason: 'signature does not match',
    });
    expect(verify(headers, body, now + 301_000)).toEqual({ ok: false, reason: 'timestamp too old' });
    expect(verify(headers, body, now - 301_000)).toEqual({ ok: false, reason: 'timestamp too far in the future' });
  });

  it('refuses malformed headers with a reason', () => {
    const good = current.sign(seconds, body);
    const signature = good['x-twilio-email-event-webhook-signature'];
    const cases: [Record<string, string | string[] | undefined>, string][] = [
      [{ 'x-twilio-email-event-webhook-timestamp': seconds }, 'missing x-twilio-email-event-webhook-signature header'],
      [{ 'x-twilio-email-event-webhook-signature': signature }, 'missing x-twilio-email-event-webhook-timestamp header'],
      [{ ...good, 'x-twilio-email-event-webhook-signature': [signature, signature] }, 'duplicated x-twilio-email-event-webhook-signature header'],
      [{ ...good, 'x-twilio-email-event-webhook-signature': 'not base64!' }, 'signature is not a base64 ECDSA signature'],
      [{ ...good, 'x-twilio-email-event-webhook-signature': 'A'.repeat(400) }, 'signature is not a base64 ECDSA signature'],
      [{ ...good, 'x-twilio-email-event-webhook-signature': Buffer.from('not DER').toString('base64') }, 'signature does not match'],
      [{ ...good, 'x-twilio-email-event-webhook-timestamp': `${seconds}.5` }, 'timestamp is not unix seconds'],
    ];
    for (const [headers, reason] of cases) expect(verify(headers)).toEqual({ ok: false, reason });
  });

  it('refuses a configuration whose key is not a P-256 public key', () => {
    const rsa = 'MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA';
    for (const secret of ['not a key', rsa, 'c2VjcmV0']) {
      expect(verificationConfigSchema.safeParse({ scheme: 'sendgrid', secret }).success).toBe(false);
    }
  });
});
