import { createHmac } from 'node:crypto';
import { VendorFake, recordRequest, type FakeReply as Reply, type RecordedRequest, type ReceivedRequest } from '../../support/fake-vendor-server.js';
import { answerGraphql, type ShopifyStore } from './shopify-fake-graphql.js';

export type ShopifyRequest = RecordedRequest;

export const apiVersion = '2025-10';
export const shopDomain = 'my-store.myshopify.com';
const invalidToken = { errors: '[API] Invalid API key or access token (unrecognized login or wrong password)' };

/** Shopify's signature on its OAuth redirects: HMAC-SHA256 (hex) with the app's client secret over the other parameters, sorted and form-encoded. */
export function signQuery(secret: string, params: Record<string, string>): string {
  const sorted = Object.entries(params).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return createHmac('sha256', secret).update(new URLSearchParams(sorted).toString()).digest('hex');
}

/**
 * A local stand-in for one shop's Admin API (https://shopify.dev/docs/api/admin-graphql, version 2025-10) on
 * 127.0.0.1: the access token in `X-Shopify-Access-Token` (anything else is a 401 with Shopify's body), REST
 * `shop.json`, the GraphQL endpoint (`shopify-fake-graphql.ts`: userErrors and THROTTLED as Shopify sends them),
 * and the authorization code grant with a signed redirect. It records every request.
 */
export class ShopifyFake extends VendorFake<ShopifyRequest> {
  readonly store: ShopifyStore = { products: [], customers: [], orders: [], subscriptions: new Map(), inventory: new Map(), throttleNext: 0, nextId: 1000 };
  /** The app registered at this shop, and the offline token its OAuth issues. */
  readonly app = { clientId: '5f1b2e1c0a9d8e7f6a5b4c3d2e1f0a9b', clientSecret: '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', token: 'shpua_6a1e0c9d8b7a6f5e4d3c2b1a0f9e8d7c' };
  private readonly codes = new Map<string, string>();

  private constructor(readonly tokens: Set<string>) {
    super({ record: recordRequest, contentType: 'application/json; charset=utf-8' });
  }

  static async start(tokens: string[]): Promise<ShopifyFake> {
    const fake = new ShopifyFake(new Set(tokens));
    await fake.server.listen();
    return fake;
  }

  /** GraphQL requests naming this operation (`productCreate`, `orders`, …), oldest first. */
  graphqlCalls(operation: string): ShopifyRequest[] {
    return this.requests.filter((request) => request.path === `/admin/api/${apiVersion}/graphql.json` && new RegExp(`\\b${operation}\\s*\\(`).test(String((request.json as { query?: unknown } | undefined)?.query)));
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }

  protected answer(request: ShopifyRequest, { url }: ReceivedRequest): Reply {
    if (request.method === 'GET' && request.path === '/admin/oauth/authorize') return this.authorize(url);
    if (request.method === 'POST' && request.path === '/admin/oauth/access_token') return this.exchange(request);
    if (!request.path.startsWith(`/admin/api/${apiVersion}/`)) return { status: 404, body: { errors: 'Not Found' } };
    const token = request.headers['x-shopify-access-token'];
    if (typeof token !== 'string' || !this.tokens.has(token)) return { status: 401, body: invalidToken };
    const resource = request.path.slice(`/admin/api/${apiVersion}`.length);
    if (request.method === 'GET' && resource === '/shop.json') {
      return { status: 200, body: { shop: { id: 548380009, name: 'My Store', myshopify_domain: shopDomain, email: 'owner@example.com', currency: 'USD' } } };
    }
    if (request.method === 'POST' && resource === '/graphql.json') return answerGraphql(this.store, request);
    return { status: 404, body: { errors: 'Not Found' } };
  }

  /** The merchant approves at once: back to the redirect URI with a code, the shop, a timestamp and Shopify's hmac. */
  private authorize(url: URL): Reply {
    const redirectUri = url.searchParams.get('redirect_uri');
    if (url.searchParams.get('client_id') !== this.app.clientId || !redirectUri) return { status: 400, body: { errors: 'Invalid client_id or redirect_uri' } };
    const code = `code${this.store.nextId++}`;
    this.codes.set(code, url.searchParams.get('scope') ?? '');
    const params: Record<string, string> = { code, host: Buffer.from(`admin.shopify.com/store/my-store`).toString('base64'), shop: shopDomain, state: url.searchParams.get('state') ?? '', timestamp: String(Math.floor(Date.now() / 1000)) };
    const back = new URL(redirectUri);
    for (const [name, value] of Object.entries({ ...params, hmac: signQuery(this.app.clientSecret, params) })) back.searchParams.set(name, value);
    return { status: 302, headers: { location: back.href } };
  }

  /** The code exchange: client_id, client_secret and code as form or JSON parameters; a code works once. */
  private exchange(request: ShopifyRequest): Reply {
    const params = String(request.headers['content-type']).startsWith('application/json')
      ? new Map(Object.entries((request.json ?? {}) as Record<string, string>))
      : new Map(new URLSearchParams(request.body));
    const code = params.get('code') ?? '';
    const scope = this.codes.get(code);
    this.codes.delete(code);
    if (params.get('client_id') !== this.app.clientId || params.get('client_secret') !== this.app.clientSecret || scope === undefined) {
      return { status: 400, body: { error: 'invalid_request', error_description: 'The authorization code was not found or was already used' } };
    }
    this.tokens.add(this.app.token);
    return { status: 200, body: { access_token: this.app.token, scope } };
  }
}
