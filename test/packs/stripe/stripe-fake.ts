import { randomBytes } from 'node:crypto';
import Stripe from 'stripe';
import { VendorFake, type FakeReply, type ReceivedRequest } from '../../support/fake-vendor-server.js';
import { decodeStripeForm } from './decode-stripe-form.js';
import { StripeFakeError, stripeFakeRoutes, type StripeFakeState } from './stripe-fake-routes.js';

/** One request as the fake received it. */
export interface StripeRequest {
  method: string;
  path: string;
  rawQuery: string;
  /** The query decoded as Stripe reads it (bracketed keys nested). */
  query: Record<string, unknown>;
  /** Lower-case names. */
  headers: Record<string, string>;
  rawBody: string;
  /** The form body decoded as Stripe reads it. */
  body: Record<string, unknown>;
}

interface Stored {
  method: string;
  path: string;
  params: string;
  status: number;
  body: unknown;
}

const apiVersionPattern = /^\d{4}-\d{2}-\d{2}(\.[a-z]+)?$/;

/**
 * A local Stripe API on 127.0.0.1 following https://docs.stripe.com/api: Bearer secret-key auth, form
 * bodies with bracketed keys, `Stripe-Version` checked for shape, idempotent POSTs (the same key with other
 * parameters is an `idempotency_error`, with the same ones the first answer is replayed), Stripe's error
 * body, search pagination by `page`/`next_page`, and webhook endpoints that it delivers signed events to.
 */
export class StripeFake extends VendorFake<StripeRequest> {
  readonly state: StripeFakeState = { customers: new Map(), paymentIntents: new Map(), invoiceItems: new Map(), invoices: new Map(), subscriptions: new Map(), webhookEndpoints: new Map(), sequence: 0 };
  private readonly idempotent = new Map<string, Stored>();
  private readonly signer = new Stripe('sk_test_signer_only');

  private constructor(readonly secretKey: string) {
    super({ record: stripeRequest, contentType: 'application/json' });
  }

  static async start(secretKey: string): Promise<StripeFake> {
    const fake = new StripeFake(secretKey);
    await fake.server.listen();
    return fake;
  }

  /** Requests to `path` (optionally of one method), in arrival order. */
  requestsTo(path: string, method?: string): StripeRequest[] {
    return this.requests.filter((request) => request.path === path && (method === undefined || request.method === method));
  }

  /** Adds a succeeded payment intent (with its charge) as if a customer had paid. */
  addPaymentIntent(fields: { amount: number; currency?: string; customer?: string | null; metadata?: Record<string, string> }): Record<string, unknown> {
    const id = this.id('pi');
    const intent = {
      id,
      object: 'payment_intent',
      amount: fields.amount,
      amount_received: fields.amount,
      currency: fields.currency ?? 'eur',
      customer: fields.customer ?? null,
      created: Math.floor(Date.now() / 1000),
      latest_charge: this.id('ch'),
      livemode: false,
      metadata: fields.metadata ?? {},
      payment_method_types: ['card'],
      status: 'succeeded',
    };
    this.state.paymentIntents.set(id, intent);
    return intent;
  }

  /** An event as Stripe builds it for an object. */
  event(type: string, object: Record<string, unknown>): Record<string, unknown> {
    return { id: this.id('evt'), object: 'event', api_version: null, created: Math.floor(Date.now() / 1000), data: { object }, livemode: false, pending_webhooks: 1, request: { id: null, idempotency_key: null }, type };
  }

  /**
   * Sends `event` to every enabled endpoint that listens for its type, signed with that endpoint's secret by
   * the stripe SDK (`Stripe-Signature`), as Stripe does; answers each endpoint's HTTP status.
   */
  async emit(event: Record<string, unknown>): Promise<{ endpoint: string; status: number }[]> {
    const sent: { endpoint: string; status: number }[] = [];
    for (const endpoint of this.state.webhookEndpoints.values()) {
      const events = endpoint['enabled_events'] as string[];
      if (!events.includes('*') && !events.includes(String(event['type']))) continue;
      const payload = JSON.stringify({ ...event, api_version: endpoint['api_version'] });
      const signature = this.signer.webhooks.generateTestHeaderString({ payload, secret: String(endpoint['secret']) });
      const answer = await fetch(String(endpoint['url']), { method: 'POST', headers: { 'content-type': 'application/json; charset=utf-8', 'stripe-signature': signature }, body: payload });
      await answer.arrayBuffer();
      sent.push({ endpoint: String(endpoint['id']), status: answer.status });
    }
    return sent;
  }

  private id(prefix: string): string {
    return `${prefix}_${randomBytes(7).toString('hex')}`;
  }

  protected answer(request: StripeRequest): FakeReply {
    const { status, body, replayed } = this.outcome(request);
    return { status, body, headers: { 'request-id': `req_${randomBytes(6).toString('hex')}`, ...(replayed && { 'idempotent-replayed': 'true' }) } };
  }

  private outcome(request: StripeRequest): { status: number; body: unknown; replayed?: boolean } {
    try {
      this.authenticate(request);
      const key = request.headers['idempotency-key'];
      const params = JSON.stringify(sorted(request.body));
      const stored = key === undefined || request.method !== 'POST' ? undefined : this.idempotent.get(key);
      if (stored) {
        if (stored.method !== request.method || stored.path !== request.path || stored.params !== params) {
          throw new StripeFakeError(400, 'idempotency_error', `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${key}' if you meant to execute a different request.`);
        }
        return { status: stored.status, body: stored.body, replayed: true };
      }
      const body = stripeFakeRoutes(this.state, request, (prefix) => this.id(prefix));
      if (key !== undefined && request.method === 'POST') this.idempotent.set(key, { method: request.method, path: request.path, params, status: 200, body });
      return { status: 200, body };
    } catch (error) {
      // A bug in the fake answers like a Stripe outage instead of leaving the client waiting.
      if (!(error instanceof StripeFakeError)) return { status: 500, body: { error: { type: 'api_error', message: String(error) } } };
      return { status: error.status, body: { error: error.body } };
    }
  }

  private authenticate(request: StripeRequest): void {
    const auth = request.headers['authorization'] ?? '';
    if (auth === '') {
      throw new StripeFakeError(401, 'invalid_request_error', "You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY').");
    }
    const key = /^Bearer (\S+)$/.exec(auth)?.[1];
    if (key !== this.secretKey) {
      const shown = key ? `${key.slice(0, 8)}${'*'.repeat(Math.max(0, key.length - 12))}${key.slice(-4)}` : 'none';
      throw new StripeFakeError(401, 'invalid_request_error', `Invalid API Key provided: ${shown}`);
    }
    const version = request.headers['stripe-version'];
    if (version !== undefined && !apiVersionPattern.test(version)) {
      throw new StripeFakeError(400, 'invalid_request_error', `Invalid Stripe API version: ${version}`);
    }
    if (request.method === 'POST' && request.rawBody !== '' && !request.headers['content-type']?.startsWith('application/x-www-form-urlencoded')) {
      throw new StripeFakeError(400, 'invalid_request_error', 'Invalid request: the body must be application/x-www-form-urlencoded.');
    }
  }
}

function stripeRequest({ method, url, headers, body }: ReceivedRequest): StripeRequest {
  return {
    method,
    path: url.pathname,
    rawQuery: url.search.slice(1),
    query: decodeStripeForm(url.search.slice(1)),
    headers: Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, Array.isArray(value) ? value.join(', ') : (value ?? '')])),
    rawBody: body,
    body: decodeStripeForm(body),
  };
}

/** Keys in a fixed order, so the same parameters compare equal whatever order they were sent in. */
export function sorted(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sorted);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.keys(value).sort().map((key) => [key, sorted((value as Record<string, unknown>)[key])]));
}
