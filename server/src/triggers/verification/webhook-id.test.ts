import { describe, expect, it } from 'vitest';
import { deliveryIdFromHeaders } from './webhook-id.js';

describe('deliveryIdFromHeaders', () => {
  it('finds the provider delivery id, case-insensitively', () => {
    expect(deliveryIdFromHeaders({ 'webhook-id': 'msg_1' })).toBe('msg_1');
    expect(deliveryIdFromHeaders({ 'X-GitHub-Delivery': '72d3162e-cc78-11e3-81ab-4c9367dc0958' })).toBe(
      '72d3162e-cc78-11e3-81ab-4c9367dc0958',
    );
    expect(deliveryIdFromHeaders({ 'x-shopify-webhook-id': 'b54557e4' })).toBe('b54557e4');
    expect(deliveryIdFromHeaders({ 'idempotency-key': ' k-1 ' })).toBe('k-1');
    expect(deliveryIdFromHeaders({ 'svix-id': 'msg_2' })).toBe('msg_2');
    expect(deliveryIdFromHeaders({ 'Shopify-Webhook-Id': 'e-1' })).toBe('e-1');
    expect(deliveryIdFromHeaders({ 'I-Twilio-Idempotency-Token': 'tw-1' })).toBe('tw-1');
    expect(deliveryIdFromHeaders({ 'Request-ID': 'sentry-1' })).toBe('sentry-1');
  });

  it('prefers a vendor delivery id over the generic Request-ID', () => {
    expect(deliveryIdFromHeaders({ 'request-id': 'r', 'x-github-delivery': 'g' })).toBe('g');
  });

  it('prefers the Standard Webhooks id over generic keys', () => {
    expect(deliveryIdFromHeaders({ 'idempotency-key': 'k', 'webhook-id': 'msg_1' })).toBe('msg_1');
  });

  it('skips absent, duplicated, empty and oversized values', () => {
    expect(deliveryIdFromHeaders({ 'content-type': 'application/json' })).toBeNull();
    expect(deliveryIdFromHeaders({ 'webhook-id': ['a', 'b'], 'x-github-delivery': 'g' })).toBe('g');
    expect(deliveryIdFromHeaders({ 'webhook-id': '', 'svix-id': 'x'.repeat(256) })).toBeNull();
  });
});
