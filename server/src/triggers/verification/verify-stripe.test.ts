import { createHmac } from 'node:crypto';
import Stripe from 'stripe';
import { describe, expect, it } from 'vitest';
import { stripeVerificationSchema } from './verification-config.js';
import { verifyStripe } from './verify-stripe.js';

const stripe = new Stripe('sk_test_unused');
const secret = 'whsec_current';
const oldSecret = 'whsec_previous';
const config = stripeVerificationSchema.parse({ scheme: 'stripe', secret, previousSecrets: [oldSecret] });
const now = Date.UTC(2026, 10, 20, 12, 0, 0);
const seconds = now / 1000;
const body = '{\n  "id": "evt_1", "type": "invoice.paid"\n}';

function verify(header: string | string[] | undefined, payload = body, at = now, settings = config) {
  const headers = { 'stripe-signature': header };
  return verifyStripe(settings, { method: 'POST', url: 'https://x.example/hooks/t', headers, rawBody: Buffer.from(payload) }, at);
}

function signed(payload = body, key = secret, timestamp = seconds) {
  return stripe.webhooks.generateTestHeaderString({ payload, secret: key, timestamp });
}

const v1 = (key: string, timestamp = seconds, payload = body) =>
  createHmac('sha256', key).update(`${timestamp}.${payload}`).digest('hex');

describe('verifyStripe', () => {
  it('accepts what the Stripe SDK signs', () => {
    expect(verify(signed())).toEqual({ ok: true });
  });

  it('builds signatures that the Stripe SDK accepts, including one v1 per secret', () => {
    const header = `t=${seconds},v1=${v1('whsec_other')},v1=${v1(secret)},v0=ignored`;
    expect(verify(header)).toEqual({ ok: true });
    expect(stripe.webhooks.constructEvent(body, header, secret, 300, undefined, now)).toMatchObject({ id: 'evt_1' });
  });

  it('refuses a tampered body and a wrong secret', () => {
    expect(verify(signed(), `${body} `)).toEqual({ ok: false, reason: 'no signature matches' });
    expect(verify(signed(body, 'whsec_wrong'))).toEqual({ ok: false, reason: 'no signature matches' });
  });

  it('accepts a previous secret during rotation, and only while it is listed', () => {
    expect(verify(signed(body, oldSecret))).toEqual({ ok: true });
    const current = stripeVerificationSchema.parse({ scheme: 'stripe', secret });
    expect(verify(signed(body, oldSecret), body, now, current)).toMatchObject({ ok: false });
  });

  it('refuses timestamps outside the tolerance in both directions', () => {
    expect(verify(signed(), body, now + 300_000)).toEqual({ ok: true });
    expect(verify(signed(), body, now + 301_000)).toEqual({ ok: false, reason: 'timestamp too old' });
    expect(verify(signed(), body, now - 301_000)).toEqual({ ok: false, reason: 'timestamp too far in the future' });
    const tight = stripeVerificationSchema.parse({ scheme: 'stripe', secret, toleranceSeconds: 10 });
    expect(verify(signed(), body, now + 11_000, tight)).toEqual({ ok: false, reason: 'timestamp too old' });
  });

  it('binds the timestamp: a signature moved to another t= fails', () => {
    expect(verify(`t=${seconds + 1},v1=${v1(secret)}`)).toEqual({ ok: false, reason: 'no signature matches' });
  });

  it('refuses malformed headers with a reason', () => {
    const good = signed();
    const cases: [string | string[] | undefined, string][] = [
      [undefined, 'missing stripe-signature header'],
      ['', 'empty stripe-signature header'],
      [[good, good], 'duplicated stripe-signature header'],
      // Two headers joined by a proxy or Node ("a, b") do not parse as one.
      [`${good}, ${good}`, 'stripe-signature is not a list of key=value'],
      [`v1=${v1(secret)}`, 'stripe-signature has no t='],
      [`t=${seconds}`, 'stripe-signature has no v1= signature'],
      [`t=${seconds},t=${seconds},v1=${v1(secret)}`, 'stripe-signature has more than one t='],
      [`t=${seconds};v1=${v1(secret)}`, 'timestamp is not unix seconds'],
      [`t=${seconds},v1`, 'stripe-signature is not a list of key=value'],
      [`t=2026-11-20,v1=${v1(secret)}`, 'timestamp is not unix seconds'],
      [`t=${seconds},v1=${v1(secret).toUpperCase().replace(/.$/, 'G')}`, 'no signature matches'],
      [`t=${seconds},v1=${v1(secret)}00`, 'no signature matches'],
      [`t=${seconds},v1=${'é'.repeat(64)}`, 'no signature matches'],
      [`t=${seconds},v1=${'a'.repeat(9000)}`, 'stripe-signature header too long'],
    ];
    for (const [header, reason] of cases) expect(verify(header)).toEqual({ ok: false, reason });
  });

  it('checks only the first ten v1 signatures', () => {
    const junk = Array.from({ length: 10 }, () => `v1=${'0'.repeat(64)}`).join(',');
    expect(verify(`t=${seconds},${junk},v1=${v1(secret)}`)).toEqual({ ok: false, reason: 'no signature matches' });
    expect(verify(`t=${seconds},${junk.slice(68)},v1=${v1(secret)}`)).toEqual({ ok: true });
  });
});
