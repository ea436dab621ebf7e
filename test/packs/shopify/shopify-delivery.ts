import { createHmac, randomUUID } from 'node:crypto';
import type { Shopify } from '@shopify/shopify-api';
import type { SwitchyardProcess } from '../../support/switchyard-process.js';
import { apiVersion, shopDomain } from './shopify-fake.js';

export interface DeliveryAnswer {
  status: number;
  body: { runIds?: string[]; duplicates?: number; filtered?: number; error?: { code: string } };
}

export interface Delivery {
  topic: string;
  payload: unknown;
  /** Signs the raw body with this secret (HMAC-SHA256, base64, as Shopify does); null sends no signature. */
  secret: string | null;
  /** X-Shopify-Webhook-Id; Shopify keeps it when it retries a delivery. */
  id?: string;
}

function headersFor(delivery: Delivery, body: string, id: string): Record<string, string> {
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'x-shopify-topic': delivery.topic,
    'x-shopify-shop-domain': shopDomain,
    'x-shopify-api-version': apiVersion,
    'x-shopify-webhook-id': id,
    'x-shopify-event-id': randomUUID(),
    'x-shopify-triggered-at': new Date().toISOString(),
  };
  if (delivery.secret !== null) headers['x-shopify-hmac-sha256'] = createHmac('sha256', delivery.secret).update(body).digest('base64');
  return headers;
}

/** Posts a delivery the way Shopify does: the JSON body, topic, shop and ids as headers, the body's signature. */
export async function deliver(server: SwitchyardProcess, hookPath: string, delivery: Delivery): Promise<DeliveryAnswer & { id: string }> {
  const id = delivery.id ?? randomUUID();
  const body = JSON.stringify(delivery.payload);
  const answer = await fetch(`${server.baseUrl}${hookPath}`, { method: 'POST', headers: headersFor(delivery, body, id), body });
  return { id, status: answer.status, body: (await answer.json()) as DeliveryAnswer['body'] };
}

/** The oracle for our signatures: whether `@shopify/shopify-api`'s webhooks.validate, keyed by its app secret, accepts the delivery. */
export async function sdkAccepts(api: Shopify, delivery: Delivery): Promise<boolean> {
  const body = JSON.stringify(delivery.payload);
  const rawRequest = { method: 'POST', url: '/webhooks', headers: headersFor(delivery, body, randomUUID()) };
  const result = await api.webhooks.validate({ rawBody: body, rawRequest: rawRequest as never, rawResponse: {} as never });
  return result.valid;
}

/** An `orders/create` payload as Shopify sends it (trimmed to what the recipes read). */
export function orderPayload(name: string, total: string, email = 'jon@example.com') {
  return {
    id: 820982911946154500 + Number(name.replace('#', '')),
    admin_graphql_api_id: `gid://shopify/Order/${name.replace('#', '')}`,
    name,
    email,
    total_price: total,
    currency: 'USD',
    financial_status: 'paid',
    customer: { id: 115310627314723950, email, first_name: 'Jon', last_name: 'Snow' },
    line_items: [{ id: 866550311766439000, variant_id: 808950810, sku: 'IPOD2008PINK', title: 'IPod Nano - 8GB', quantity: 1, price: total }],
  };
}
