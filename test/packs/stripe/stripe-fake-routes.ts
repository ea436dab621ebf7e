import type { StripeRequest } from './stripe-fake.js';

type StripeObject = Record<string, unknown>;

export interface StripeFakeState {
  customers: Map<string, StripeObject>;
  paymentIntents: Map<string, StripeObject>;
  invoiceItems: Map<string, StripeObject>;
  invoices: Map<string, StripeObject>;
  subscriptions: Map<string, StripeObject>;
  webhookEndpoints: Map<string, StripeObject>;
  /** Creation order, so lists and searches are newest first as Stripe's are. */
  sequence: number;
}

/** Stripe's error body (`{ error: { type, code?, message, param? } }`) with its HTTP status. */
export class StripeFakeError extends Error {
  readonly body: Record<string, string>;
  constructor(
    readonly status: number,
    type: string,
    message: string,
    extra: { code?: string; param?: string; decline_code?: string } = {},
  ) {
    super(message);
    this.body = { type, message, ...extra, ...(extra.code && { doc_url: `https://docs.stripe.com/error-codes/${extra.code.replaceAll('_', '-')}` }) };
  }
}

type Handler = (state: StripeFakeState, request: StripeRequest, params: string[], id: (prefix: string) => string) => unknown;

const now = () => Math.floor(Date.now() / 1000);
const text = (value: unknown) => (typeof value === 'string' && value !== '' ? value : undefined);
const integer = (value: unknown, param: string): number | undefined => {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !/^-?\d+$/.test(value)) throw new StripeFakeError(400, 'invalid_request_error', `Invalid integer: ${String(value)}`, { param });
  return Number(value);
};
const required = (value: unknown, param: string): string => {
  const found = text(value);
  if (found === undefined) throw new StripeFakeError(400, 'invalid_request_error', `Missing required param: ${param}.`, { code: 'parameter_missing', param });
  return found;
};
const missing = (kind: string, id: string, param?: string) =>
  new StripeFakeError(param ? 400 : 404, 'invalid_request_error', `No such ${kind}: '${id}'`, { code: 'resource_missing', ...(param && { param }) });
const metadataOf = (body: StripeObject, previous: unknown = {}) => ({ ...(previous as StripeObject), ...((body['metadata'] as StripeObject | undefined) ?? {}) });

function saveCustomer(state: StripeFakeState, body: StripeObject, existing: StripeObject): StripeObject {
  const fields = ['email', 'name', 'phone', 'description'] as const;
  const customer: StripeObject = { ...existing };
  for (const field of fields) if (body[field] !== undefined) customer[field] = body[field];
  if (body['address'] !== undefined) customer['address'] = { city: null, country: null, line1: null, line2: null, postal_code: null, state: null, ...(existing['address'] as StripeObject | null), ...(body['address'] as StripeObject) };
  customer['metadata'] = metadataOf(body, existing['metadata']);
  state.customers.set(String(customer['id']), customer);
  return customer;
}

function customerOf(state: StripeFakeState, id: string, param?: string): StripeObject {
  const customer = state.customers.get(id);
  if (!customer) throw missing('customer', id, param);
  return customer;
}

/** Stripe's search query language, the part the fake supports: `field:'value'` on email, name or phone. */
function searchCustomers(state: StripeFakeState, request: StripeRequest): unknown {
  const query = required(request.query['query'], 'query');
  const clause = /^(email|name|phone):'((?:[^'\\]|\\.)*)'$/.exec(query);
  if (!clause) throw new StripeFakeError(400, 'invalid_request_error', `Unsupported search query: ${query}`, { param: 'query' });
  const [, field, value] = clause as unknown as [string, string, string];
  const limit = integer(request.query['limit'], 'limit') ?? 10;
  if (limit < 1 || limit > 100) throw new StripeFakeError(400, 'invalid_request_error', 'Limit must be between 1 and 100.', { param: 'limit' });
  const page = text(request.query['page']);
  const offset = page === undefined ? 0 : Number(Buffer.from(page, 'base64url').toString('utf8').replace(/^offset:/, ''));
  if (!Number.isInteger(offset)) throw new StripeFakeError(400, 'invalid_request_error', 'Invalid page cursor.', { param: 'page' });
  const matches = [...state.customers.values()].filter((customer) => customer[field] === value.replace(/\\(.)/g, '$1')).reverse();
  const data = matches.slice(offset, offset + limit);
  const hasMore = offset + limit < matches.length;
  return {
    object: 'search_result',
    data,
    has_more: hasMore,
    next_page: hasMore ? Buffer.from(`offset:${offset + limit}`).toString('base64url') : null,
    url: '/v1/customers/search',
  };
}

function createInvoiceItem(state: StripeFakeState, request: StripeRequest, _params: string[], id: (prefix: string) => string): unknown {
  const { body } = request;
  const customer = customerOf(state, required(body['customer'], 'customer'), 'customer');
  const price = text((body['pricing'] as StripeObject | undefined)?.['price']);
  const amount = integer(body['amount'], 'amount');
  if (price === undefined && amount === undefined) throw new StripeFakeError(400, 'invalid_request_error', 'You must specify either `amount`, `pricing`, or `price_data`.');
  const quantity = integer(body['quantity'], 'quantity') ?? 1;
  const item = {
    id: id('ii'),
    object: 'invoiceitem',
    amount: amount ?? 1000 * quantity,
    currency: text(body['currency']) ?? customer['currency'] ?? 'eur',
    customer: customer['id'],
    date: now(),
    description: text(body['description']) ?? null,
    discountable: true,
    invoice: text(body['invoice']) ?? null,
    livemode: false,
    metadata: metadataOf(body),
    parent: null,
    pricing: price ? { price_details: { price, product: 'prod_fake' }, type: 'price_details', unit_amount_decimal: '1000' } : { price_details: null, type: null, unit_amount_decimal: String(amount) },
    proration: false,
    quantity,
  };
  state.invoiceItems.set(item.id, item);
  return item;
}

function createInvoice(state: StripeFakeState, request: StripeRequest, _params: string[], id: (prefix: string) => string): unknown {
  const { body } = request;
  const customer = customerOf(state, required(body['customer'], 'customer'), 'customer');
  const collection = text(body['collection_method']) ?? 'charge_automatically';
  if (collection === 'send_invoice' && body['days_until_due'] === undefined) {
    throw new StripeFakeError(400, 'invalid_request_error', 'Missing required param: days_until_due.', { code: 'parameter_missing', param: 'days_until_due' });
  }
  const invoiceId = id('in');
  const pending = body['pending_invoice_items_behavior'] === 'include'
    ? [...state.invoiceItems.values()].filter((item) => item['customer'] === customer['id'] && item['invoice'] === null)
    : [];
  for (const item of pending) item['invoice'] = invoiceId;
  const total = pending.reduce((sum, item) => sum + Number(item['amount']), 0);
  const invoice = {
    id: invoiceId,
    object: 'invoice',
    amount_due: total,
    amount_paid: 0,
    amount_remaining: total,
    auto_advance: body['auto_advance'] === 'true',
    collection_method: collection,
    created: now(),
    currency: text(body['currency']) ?? 'eur',
    customer: customer['id'],
    customer_email: customer['email'] ?? null,
    description: text(body['description']) ?? null,
    lines: { object: 'list', data: pending, has_more: false, url: `/v1/invoices/${invoiceId}/lines` },
    livemode: false,
    metadata: metadataOf(body),
    number: null,
    status: 'draft',
    total,
  };
  state.invoices.set(invoiceId, invoice);
  return invoice;
}

function finalizeInvoice(state: StripeFakeState, request: StripeRequest, [invoiceId]: string[]): unknown {
  const invoice = state.invoices.get(invoiceId!);
  if (!invoice) throw missing('invoice', invoiceId!);
  if (invoice['status'] !== 'draft') throw new StripeFakeError(400, 'invalid_request_error', `This invoice is already finalized, you can't re-finalize a non-draft invoice.`, { code: 'invoice_not_editable' });
  Object.assign(invoice, { status: 'open', number: `FAKE-${String(++state.sequence).padStart(4, '0')}`, auto_advance: request.body['auto_advance'] === 'true', hosted_invoice_url: `https://invoice.stripe.com/i/${invoiceId}` });
  return invoice;
}

function createSubscription(state: StripeFakeState, request: StripeRequest, _params: string[], id: (prefix: string) => string): unknown {
  const { body } = request;
  const customer = customerOf(state, required(body['customer'], 'customer'), 'customer');
  const items = body['items'];
  if (!Array.isArray(items) || items.length === 0) throw new StripeFakeError(400, 'invalid_request_error', 'Missing required param: items.', { code: 'parameter_missing', param: 'items' });
  const collection = text(body['collection_method']) ?? 'charge_automatically';
  if (collection === 'send_invoice' && body['days_until_due'] === undefined) {
    throw new StripeFakeError(400, 'invalid_request_error', 'Missing required param: days_until_due.', { code: 'parameter_missing', param: 'days_until_due' });
  }
  const trialDays = integer(body['trial_period_days'], 'trial_period_days');
  const subscriptionId = id('sub');
  const subscription = {
    id: subscriptionId,
    object: 'subscription',
    canceled_at: null,
    cancellation_details: { comment: null, feedback: null, reason: null },
    collection_method: collection,
    created: now(),
    customer: customer['id'],
    days_until_due: integer(body['days_until_due'], 'days_until_due') ?? null,
    ended_at: null,
    items: {
      object: 'list',
      data: items.map((item: StripeObject, index) => ({ id: id('si'), object: 'subscription_item', price: { id: required(item['price'], `items[${index}][price]`), object: 'price' }, quantity: integer(item['quantity'], `items[${index}][quantity]`) ?? 1 })),
      has_more: false,
      url: `/v1/subscription_items?subscription=${subscriptionId}`,
    },
    livemode: false,
    metadata: metadataOf(body),
    status: trialDays ? 'trialing' : 'active',
    trial_end: trialDays ? now() + trialDays * 86_400 : null,
  };
  state.subscriptions.set(subscriptionId, subscription);
  return subscription;
}

function cancelSubscription(state: StripeFakeState, request: StripeRequest, [subscriptionId]: string[]): unknown {
  const subscription = state.subscriptions.get(subscriptionId!);
  if (!subscription) throw missing('subscription', subscriptionId!);
  if (subscription['status'] === 'canceled') {
    throw new StripeFakeError(400, 'invalid_request_error', `A canceled subscription can only update its cancellation_details and metadata.`);
  }
  const details = (request.query['cancellation_details'] as StripeObject | undefined) ?? {};
  Object.assign(subscription, { status: 'canceled', canceled_at: now(), ended_at: now(), cancellation_details: { comment: details['comment'] ?? null, feedback: details['feedback'] ?? null, reason: 'cancellation_requested' } });
  return subscription;
}

function createRefund(state: StripeFakeState, request: StripeRequest, _params: string[], id: (prefix: string) => string): unknown {
  const { body } = request;
  const intentId = text(body['payment_intent']);
  const chargeId = text(body['charge']);
  if (!intentId && !chargeId) throw new StripeFakeError(400, 'invalid_request_error', 'One of the following params should be provided for this request: payment_intent or charge.');
  const intent = intentId ? state.paymentIntents.get(intentId) : [...state.paymentIntents.values()].find((pi) => pi['latest_charge'] === chargeId);
  if (!intent) throw intentId ? missing('payment_intent', intentId, 'payment_intent') : missing('charge', chargeId!, 'charge');
  const amount = integer(body['amount'], 'amount') ?? Number(intent['amount']);
  if (amount > Number(intent['amount'])) {
    throw new StripeFakeError(400, 'invalid_request_error', `Refund amount (${amount}) is greater than charge amount (${String(intent['amount'])})`, { code: 'amount_too_large', param: 'amount' });
  }
  return { id: id('re'), object: 'refund', amount, charge: intent['latest_charge'], created: now(), currency: intent['currency'], metadata: metadataOf(body), payment_intent: intent['id'], reason: text(body['reason']) ?? null, status: 'succeeded' };
}

function retrievePaymentIntent(state: StripeFakeState, request: StripeRequest, [intentId]: string[]): unknown {
  const intent = state.paymentIntents.get(intentId!);
  if (!intent) throw missing('payment_intent', intentId!);
  const expand = (request.query['expand'] as string[] | undefined) ?? [];
  if (!expand.includes('latest_charge')) return intent;
  return { ...intent, latest_charge: { id: intent['latest_charge'], object: 'charge', amount: intent['amount'], paid: true, refunded: false, status: 'succeeded' } };
}

function createPaymentLink(_state: StripeFakeState, request: StripeRequest, _params: string[], id: (prefix: string) => string): unknown {
  const { body } = request;
  const lines = body['line_items'];
  if (!Array.isArray(lines) || lines.length === 0) throw new StripeFakeError(400, 'invalid_request_error', 'Missing required param: line_items.', { code: 'parameter_missing', param: 'line_items' });
  lines.forEach((line: StripeObject, index) => {
    required(line['price'], `line_items[${index}][price]`);
    integer(line['quantity'], `line_items[${index}][quantity]`);
  });
  const linkId = id('plink');
  return { id: linkId, object: 'payment_link', active: true, allow_promotion_codes: body['allow_promotion_codes'] === 'true', livemode: false, metadata: metadataOf(body), url: `https://buy.stripe.com/test_${linkId.slice(6)}` };
}

function createWebhookEndpoint(state: StripeFakeState, request: StripeRequest, _params: string[], id: (prefix: string) => string): unknown {
  const { body } = request;
  const url = required(body['url'], 'url');
  const events = body['enabled_events'];
  if (!Array.isArray(events) || events.length === 0) throw new StripeFakeError(400, 'invalid_request_error', 'Missing required param: enabled_events.', { code: 'parameter_missing', param: 'enabled_events' });
  const endpoint = {
    id: id('we'),
    object: 'webhook_endpoint',
    api_version: text(body['api_version']) ?? null,
    application: null,
    created: now(),
    description: text(body['description']) ?? null,
    enabled_events: events,
    livemode: false,
    metadata: metadataOf(body),
    secret: `whsec_${Buffer.from(id('s')).toString('base64url')}`,
    status: 'enabled',
    url,
  };
  state.webhookEndpoints.set(endpoint.id, endpoint);
  return endpoint;
}

function deleteWebhookEndpoint(state: StripeFakeState, _request: StripeRequest, [endpointId]: string[]): unknown {
  if (!state.webhookEndpoints.delete(endpointId!)) throw missing('webhook_endpoint', endpointId!);
  return { id: endpointId, object: 'webhook_endpoint', deleted: true };
}

const routes: [string, RegExp, Handler][] = [
  ['GET', /^\/v1\/balance$/, () => ({ object: 'balance', available: [{ amount: 0, currency: 'eur', source_types: { card: 0 } }], livemode: false, pending: [{ amount: 0, currency: 'eur', source_types: { card: 0 } }] })],
  ['POST', /^\/v1\/customers$/, (state, { body }, _, id) => saveCustomer(state, body, { id: id('cus'), object: 'customer', address: null, balance: 0, created: now(), currency: null, email: null, livemode: false, name: null, phone: null, description: null })],
  ['GET', /^\/v1\/customers\/search$/, (state, request) => searchCustomers(state, request)],
  ['GET', /^\/v1\/customers\/([^/]+)$/, (state, _request, [customerId]) => customerOf(state, customerId!)],
  ['POST', /^\/v1\/customers\/([^/]+)$/, (state, { body }, [customerId]) => saveCustomer(state, body, customerOf(state, customerId!))],
  ['POST', /^\/v1\/invoiceitems$/, createInvoiceItem],
  ['POST', /^\/v1\/invoices$/, createInvoice],
  ['POST', /^\/v1\/invoices\/([^/]+)\/finalize$/, finalizeInvoice],
  ['POST', /^\/v1\/subscriptions$/, createSubscription],
  ['DELETE', /^\/v1\/subscriptions\/([^/]+)$/, cancelSubscription],
  ['POST', /^\/v1\/refunds$/, createRefund],
  ['GET', /^\/v1\/payment_intents\/([^/]+)$/, retrievePaymentIntent],
  ['POST', /^\/v1\/payment_links$/, createPaymentLink],
  ['POST', /^\/v1\/webhook_endpoints$/, createWebhookEndpoint],
  ['DELETE', /^\/v1\/webhook_endpoints\/([^/]+)$/, deleteWebhookEndpoint],
];

/** The answer to an authenticated request; throws `StripeFakeError` for Stripe's error answers. */
export function stripeFakeRoutes(state: StripeFakeState, request: StripeRequest, id: (prefix: string) => string): unknown {
  for (const [method, pattern, handler] of routes) {
    const match = pattern.exec(request.path);
    if (match && method === request.method) return handler(state, request, match.slice(1).map(decodeURIComponent), id);
  }
  throw new StripeFakeError(404, 'invalid_request_error', `Unrecognized request URL (${request.method}: ${request.path}). Please see https://stripe.com/docs or we can help at https://support.stripe.com/.`);
}
