import { oauth2AuthSchema } from '@switchyard/connectors';
import { describe, expect, it } from 'vitest';
import { callbackSignatureMatches } from './callback-signature.js';

const spec = oauth2AuthSchema.parse({ kind: 'oauth2', tokenUrl: 'https://shop.example/token', callbackSignature: { param: 'hmac' } }).callbackSignature!;

// Shopify's documented example (the "hush" secret of its OAuth verification guide), in a shuffled order.
const query = { timestamp: '1337178173', hmac: '700e2dadb827fcc8609e9d5ce208b2e9cdaab9df07390d2cbca10d7c328fc4bf', state: '0.6784241404160823', shop: 'some-shop.myshopify.com', code: '0907a61c0c8d55e99db179b68161bc00' };

describe('callbackSignatureMatches', () => {
  it("accepts Shopify's example: the other parameters sorted by name, HMAC-SHA256 with the client secret, hex", () => {
    expect(callbackSignatureMatches(spec, 'hush', query)).toBe(true);
  });

  it('refuses a changed parameter, an added one, another secret, no secret and no signature', () => {
    expect(callbackSignatureMatches(spec, 'hush', { ...query, shop: 'other-shop.myshopify.com' })).toBe(false);
    expect(callbackSignatureMatches(spec, 'hush', { ...query, extra: '1' })).toBe(false);
    expect(callbackSignatureMatches(spec, 'hush!', query)).toBe(false);
    expect(callbackSignatureMatches(spec, undefined, query)).toBe(false);
    const { hmac: _hmac, ...unsigned } = query;
    expect(callbackSignatureMatches(spec, 'hush', unsigned)).toBe(false);
    expect(callbackSignatureMatches(spec, 'hush', { ...query, hmac: 'zz' })).toBe(false);
  });
});
