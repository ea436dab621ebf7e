import '@shopify/shopify-api/adapters/node';
import { createAdminApiClient, type AdminApiClient } from '@shopify/admin-api-client';
import { ApiVersion, Session, shopifyApi, type Shopify } from '@shopify/shopify-api';
import { setAbstractFetchFunc } from '@shopify/shopify-api/runtime';
import { expect } from 'vitest';
import { jsonRequestMeaning } from '../../support/request-meaning.js';
import { saveConnection, type SavedConnection } from '../../support/save-connection.js';
import type { SwitchyardProcess } from '../../support/switchyard-process.js';
import { apiVersion, shopDomain, type ShopifyFake, type ShopifyRequest } from './shopify-fake.js';

/** A custom app's Admin API access token, as the shop admin shows it once (the fake accepts exactly this one). */
export const adminToken = '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';
/** The key shown under Settings → Notifications → Webhooks, for webhooks added by hand. */
export const notificationsSecret = 'b7a1d0c9e8f7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d1e0f9a8b7c6d5e4f3a2b1';

/** Saves a Shopify connection with a pasted Admin API access token, its admin URL pointed at the fake. */
export function connectShopify(server: SwitchyardProcess, fake: ShopifyFake, token = adminToken): Promise<SavedConnection> {
  return saveConnection(server, {
    packId: 'shopify',
    name: 'Shopify (my-store)',
    fields: { shop: 'my-store', admin_url: fake.url, client_secret: fake.app.clientSecret, webhook_secret: notificationsSecret },
    token,
  });
}

/** Sends what the SDKs address to https://my-store.myshopify.com to the fake instead (same path, query, headers, body). */
function toFake(fake: ShopifyFake) {
  return (url: string | URL | Request, init?: RequestInit) => fetch(String(url).replace(`https://${shopDomain}`, fake.url), init);
}

/** The GraphQL oracle: `@shopify/admin-api-client` for the same shop and token, its fetch pointed at the fake. */
export function graphqlSdk(fake: ShopifyFake): AdminApiClient {
  return createAdminApiClient({ storeDomain: shopDomain, apiVersion, accessToken: adminToken, customFetchApi: toFake(fake) });
}

/** The REST and webhook oracle: `@shopify/shopify-api` with the app's secret; its runtime fetch goes to the fake. */
export function shopifySdk(fake: ShopifyFake): { api: Shopify; rest: InstanceType<Shopify['clients']['Rest']> } {
  setAbstractFetchFunc(toFake(fake) as never);
  const api = shopifyApi({ apiKey: fake.app.clientId, apiSecretKey: fake.app.clientSecret, hostName: 'switchyard.example', apiVersion: ApiVersion.October25, isEmbeddedApp: false, logger: { level: 0 } as never });
  const session = new Session({ id: 'offline_my-store', shop: shopDomain, state: 'oracle', isOnline: false, accessToken: adminToken });
  return { api, rest: new api.clients.Rest({ session }) };
}

/** What a Shopify request means: method, path, query, decoded JSON body (GraphQL: document and variables) and the token. */
function meaning(request: ShopifyRequest) {
  return {
    ...jsonRequestMeaning(request),
    contentType: request.body === '' ? undefined : String(request.headers['content-type']).split(';')[0],
    token: request.headers['x-shopify-access-token'],
    authorization: request.headers['authorization'],
  };
}

/** Our request and the SDK's for the same operation agree; the token is only ever in X-Shopify-Access-Token. */
export function expectSameRequest(ours: ShopifyRequest, sdk: ShopifyRequest): void {
  expect(meaning(ours)).toEqual(meaning(sdk));
  expect(meaning(ours)).toMatchObject({ token: adminToken, authorization: undefined });
}
