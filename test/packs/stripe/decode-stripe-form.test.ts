import { describe, expect, it } from 'vitest';
import { decodeStripeForm } from './decode-stripe-form.js';

// The fake's reading of form bodies decides whether two requests "match"; it must follow Stripe's rules.
describe('decodeStripeForm', () => {
  it('nests bracketed keys, encoded or not', () => {
    expect(decodeStripeForm('email=a%40b.c&metadata%5Bplan%5D=pro&address[line1]=Main+St&a[b][c]=1')).toEqual({
      email: 'a@b.c',
      metadata: { plan: 'pro' },
      address: { line1: 'Main St' },
      a: { b: { c: '1' } },
    });
  });

  it('reads name[]=… and indexed keys as the same list', () => {
    const appended = decodeStripeForm('enabled_events%5B%5D=invoice.paid&enabled_events%5B%5D=charge.refunded');
    const indexed = decodeStripeForm('enabled_events[0]=invoice.paid&enabled_events[1]=charge.refunded');
    expect(appended).toEqual({ enabled_events: ['invoice.paid', 'charge.refunded'] });
    expect(indexed).toEqual(appended);
  });

  it('reads lists of objects and keeps non-consecutive numeric keys as an object', () => {
    expect(decodeStripeForm('line_items[0][price]=p_1&line_items[0][quantity]=2&line_items[1][price]=p_2')).toEqual({
      line_items: [{ price: 'p_1', quantity: '2' }, { price: 'p_2' }],
    });
    expect(decodeStripeForm('metadata[1]=x')).toEqual({ metadata: { 1: 'x' } });
  });

  it('refuses malformed keys', () => {
    expect(() => decodeStripeForm('a[b=1')).toThrow('malformed form key');
  });
});
