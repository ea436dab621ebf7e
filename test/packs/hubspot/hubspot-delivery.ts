import { createHmac } from 'node:crypto';
import { Signature } from '@hubspot/api-client';
import { expect } from 'vitest';

export interface DeliveryAnswer {
  status: number;
  body: { runIds?: string[]; duplicates?: number; filtered?: number; error?: { code: string } };
}

/**
 * Signs as HubSpot's v3 request validation documents (https://developers.hubspot.com/docs/api/webhooks/validating-requests):
 * base64 HMAC-SHA256, keyed by the app's client secret, of method + URI + body + timestamp (Unix ms). The
 * SDK ships a checker but no signer, so each signature is also confirmed with `Signature.isValid`.
 */
export function signV3(secret: string, url: string, body: string, timestamp: number): string {
  const signature = createHmac('sha256', secret).update(`POST${url}${body}${timestamp}`).digest('base64');
  expect(Signature.isValid({ signatureVersion: 'v3', signature, clientSecret: secret, requestBody: body, url, method: 'POST', timestamp })).toBe(true);
  return signature;
}

/**
 * Posts a batch of events the way HubSpot does to `webhookUrl` (the public URL it was given, which is what it
 * signs); `secret: null` sends no signature.
 */
export async function deliver(webhookUrl: string, events: unknown[], secret: string | null): Promise<DeliveryAnswer> {
  const body = JSON.stringify(events);
  const timestamp = Date.now();
  const headers: Record<string, string> = { 'content-type': 'application/json', 'user-agent': 'HubSpot Connect 2.0 (http://dev.hubspot.com/)' };
  if (secret !== null) {
    headers['x-hubspot-signature-v3'] = signV3(secret, webhookUrl, body, timestamp);
    headers['x-hubspot-request-timestamp'] = String(timestamp);
  }
  const answer = await fetch(webhookUrl, { method: 'POST', headers, body });
  return { status: answer.status, body: (await answer.json()) as DeliveryAnswer['body'] };
}

let nextEventId = 1000;

/** One event as HubSpot batches them; a retry repeats the same ids and `occurredAt`. */
export function hubspotEvent(subscriptionType: string, objectId: string, extra: Record<string, unknown> = {}) {
  return {
    eventId: nextEventId++,
    subscriptionId: 25,
    portalId: 62515,
    appId: 54321,
    occurredAt: 1_717_243_200_000 + nextEventId,
    subscriptionType,
    attemptNumber: 0,
    objectId: Number(objectId),
    changeSource: 'CRM',
    ...extra,
  };
}
