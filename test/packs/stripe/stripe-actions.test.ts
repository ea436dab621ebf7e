import type Stripe from 'stripe';
import { beforeAll, describe, expect, it } from 'vitest';
import { PackStepHarness } from '../../support/pack-step-harness.js';
import { useResources } from '../../support/resources.js';
import { saveConnection } from '../../support/save-connection.js';
import { SwitchyardProcess } from '../../support/switchyard-process.js';
import { connectStripe, pinnedApiVersion, secretKey, stripeSdk } from './stripe-connection.js';
import { StripeFake, type StripeRequest } from './stripe-fake.js';

type Output = Record<string, unknown> & { id?: string; items?: unknown[] };

/**
 * Every Stripe action run through Switchyard (the builder's "test step", which runs the engine's own path)
 * against the fake, and the same operation run by the official `stripe` SDK: the two requests must agree in
 * method, path, query and form body as Stripe decodes them, auth, Stripe-Version and Idempotency-Key. The
 * SDK reuses our idempotency key, so the fake also proves the parameters equal: a key reused with other
 * parameters is Stripe's `idempotency_error`, with the same ones the first answer is replayed.
 */
describe('Stripe actions match the stripe SDK', () => {
  const own = useResources('all');
  let fake: StripeFake;
  let server: SwitchyardProcess;
  let sdk: Stripe;
  let harness: PackStepHarness<StripeRequest, Output, keyof typeof steps>;
  let apiVersion: string;
  let paymentIntent: Record<string, unknown>;

  const steps = {
    customer: { use: 'stripe/create-customer', input: { email: 'ada@example.com', name: 'Ada Lovelace', address_line1: 'Torstraße 12', address_country: 'DE', metadata: { crm_id: '4711', plan: 'pro' } } },
    update: { use: 'stripe/update-customer', input: { customer: '{{steps.customer.output.id}}', phone: '+49301234567', metadata: { plan: 'team' } } },
    update_missing: { use: 'stripe/update-customer', input: { customer: 'cus_missing', name: 'Nobody' } },
    get_customer: { use: 'stripe/retrieve-customer', input: { customer: '{{steps.customer.output.id}}' } },
    subscription: { use: 'stripe/create-subscription', input: { customer: '{{steps.customer.output.id}}', price: 'price_1Q8pWidgetMonthly', quantity: 2, trial_period_days: 14, metadata: { plan: 'widget-monthly' } } },
    cancel: { use: 'stripe/cancel-subscription', input: { subscription: '{{steps.subscription.output.id}}', prorate: true, comment: 'Moved to annual' } },
    find: { use: 'stripe/find-customer', input: { email: 'many@example.com' } },
    item: { use: 'stripe/create-invoice-item', input: { customer: '{{steps.customer.output.id}}', amount: 1500, currency: 'eur', description: 'Express shipping', metadata: { order_id: '1042' } } },
    item_price: { use: 'stripe/create-invoice-item', input: { customer: '{{steps.customer.output.id}}', price: 'price_1Q8pWidget', quantity: 3 } },
    invoice: { use: 'stripe/create-invoice', input: { customer: '{{steps.customer.output.id}}', collection_method: 'send_invoice', days_until_due: 30, description: 'Extras for order #1042', metadata: { order_id: '1042' } } },
    finalize: { use: 'stripe/finalize-invoice', input: { invoice: '{{steps.invoice.output.id}}', auto_advance: false } },
    refund: { use: 'stripe/create-refund', input: { payment_intent: '{{trigger.pi}}', amount: 2500, reason: 'requested_by_customer', metadata: { ticket: 'T-9' } } },
    refund_too_much: { use: 'stripe/create-refund', input: { payment_intent: '{{trigger.pi}}', amount: 999_999 } },
    intent: { use: 'stripe/retrieve-payment-intent', input: { payment_intent: '{{trigger.pi}}', expand: 'latest_charge' } },
    link: { use: 'stripe/create-payment-link', input: { line_items: [{ price: 'price_1Q8pA', quantity: 2 }, { price: 'price_1Q8pB', quantity: 1 }], allow_promotion_codes: true, metadata: { campaign: 'spring' } } },
  };

  beforeAll(async () => {
    fake = own(await StripeFake.start(secretKey));
    server = own(await SwitchyardProcess.launch());
    apiVersion = await pinnedApiVersion(server);
    sdk = stripeSdk(fake, apiVersion);
    const connection = await connectStripe(server, fake);
    paymentIntent = fake.addPaymentIntent({ amount: 7500 });
    harness = await PackStepHarness.importAllSteps({ server, fake, name: 'Every Stripe action', connection, steps, trigger: { pi: paymentIntent['id'] } });
  });

  /** Tests one step on the earlier outputs; answers its result and the last request it sent. */
  async function runStep(stepId: keyof typeof steps) {
    const { result, requests } = await harness.runStep(stepId);
    expect(requests.length).toBeGreaterThan(0);
    return { result, request: requests.at(-1)! };
  }

  /** Runs the SDK call and answers the request it sent. */
  async function sdkRequest(call: () => Promise<unknown>): Promise<{ value: unknown; request: StripeRequest }> {
    const before = fake.requests.length;
    const value = await call();
    expect(fake.requests.length).toBe(before + 1);
    return { value, request: fake.requests.at(-1)! };
  }

  function expectSameRequest(ours: StripeRequest, theirs: StripeRequest): void {
    expect(ours.method).toBe(theirs.method);
    expect(ours.path).toBe(theirs.path);
    expect(ours.query).toEqual(theirs.query);
    expect(ours.body).toEqual(theirs.body);
    expect(ours.headers['authorization']).toBe(`Bearer ${secretKey}`);
    expect(ours.headers['authorization']).toBe(theirs.headers['authorization']);
    expect(ours.headers['stripe-version']).toBe(theirs.headers['stripe-version']);
    expect(ours.headers['idempotency-key']).toBe(theirs.headers['idempotency-key']);
    if (ours.method === 'POST') {
      expect(ours.headers['content-type']).toBe('application/x-www-form-urlencoded');
      expect(theirs.headers['content-type']).toBe('application/x-www-form-urlencoded');
      expect(ours.headers['idempotency-key']).toMatch(/\S{8,}/);
    } else {
      expect(ours.headers['idempotency-key']).toBeUndefined();
    }
  }

  /** Our POST, then the SDK's with our key: same request, and the fake replays the first answer. */
  async function expectPostLikeSdk(stepId: keyof typeof steps, call: (options: Stripe.RequestOptions) => Promise<{ id: string }>): Promise<StripeRequest> {
    const { result, request } = await runStep(stepId);
    expect(result.error).toBeUndefined();
    const idempotencyKey = request.headers['idempotency-key']!;
    const theirs = await sdkRequest(() => call({ idempotencyKey }));
    expectSameRequest(request, theirs.request);
    expect((theirs.value as { id: string }).id).toBe(result.output!.id);
    return request;
  }

  it('pins the SDK\'s API version and checks the key when a connection is saved', async () => {
    expect(apiVersion).toBe('2026-10-28.endive');
    const balance = fake.requestsTo('/v1/balance');
    expect(balance.length).toBeGreaterThan(0);
    expect(balance.at(-1)!.headers['authorization']).toBe(`Bearer ${secretKey}`);

    const refused = await saveConnection(server, { packId: 'stripe', name: 'typo', fields: { secret_key: 'sk_test_wrongkey123456789', base_url: fake.url } });
    expect(refused.status).toBe(422);
    expect(refused.message).toContain('Stripe refused the secret key: Invalid API Key provided: sk_test_');
    expect(refused.message).not.toContain('wrongkey123456789');
  });

  it('creates and updates customers with nested address and metadata fields', async () => {
    const created = await expectPostLikeSdk('customer', (options) =>
      sdk.customers.create({ email: 'ada@example.com', name: 'Ada Lovelace', address: { line1: 'Torstraße 12', country: 'DE' }, metadata: { crm_id: '4711', plan: 'pro' } }, options),
    );
    expect(created.rawBody).toContain('metadata%5Bcrm_id%5D=4711');
    expect(created.body).toEqual({ email: 'ada@example.com', name: 'Ada Lovelace', address: { line1: 'Torstraße 12', country: 'DE' }, metadata: { crm_id: '4711', plan: 'pro' } });
    const customerId = String((harness.outputs['customer'] as { id: string }).id);
    await expectPostLikeSdk('update', (options) => sdk.customers.update(customerId, { phone: '+49301234567', metadata: { plan: 'team' } }, options));
    expect(harness.outputs['update']).toMatchObject({ id: customerId, phone: '+49301234567', metadata: { crm_id: '4711', plan: 'team' } });
  });

  it('reads a customer, subscribes it to a price and cancels the subscription', async () => {
    const customer = String((harness.outputs['customer'] as { id: string }).id);
    const read = await runStep('get_customer');
    const theirs = await sdkRequest(() => sdk.customers.retrieve(customer));
    expectSameRequest(read.request, theirs.request);
    expect(read.result.output).toEqual(JSON.parse(JSON.stringify(theirs.value)));

    const created = await expectPostLikeSdk('subscription', (options) =>
      sdk.subscriptions.create({ customer, items: [{ price: 'price_1Q8pWidgetMonthly', quantity: 2 }], trial_period_days: 14, metadata: { plan: 'widget-monthly' } }, options),
    );
    expect(created.rawBody).toContain('items%5B0%5D%5Bprice%5D=price_1Q8pWidgetMonthly');
    expect(harness.outputs['subscription']).toMatchObject({ status: 'trialing', items: { data: [{ quantity: 2 }] } });
    const subscription = String((harness.outputs['subscription'] as { id: string }).id);

    const cancelled = await runStep('cancel');
    expect(cancelled.result.output).toMatchObject({ id: subscription, status: 'canceled', cancellation_details: { comment: 'Moved to annual' } });
    // DELETE carries its parameters in the query, as the SDK sends them; Stripe refuses a second cancel.
    const again = (await sdk.subscriptions.cancel(subscription, { prorate: true, cancellation_details: { comment: 'Moved to annual' } }).catch((error: unknown) => error)) as Stripe.errors.StripeError;
    expect(again.statusCode).toBe(400);
    expectSameRequest(cancelled.request, fake.requests.at(-1)!);
    expect(cancelled.request.query).toEqual({ prorate: 'true', cancellation_details: { comment: 'Moved to annual' } });
  });

  it("maps Stripe's error body to the SDK's message", async () => {
    const { result } = await runStep('update_missing');
    expect(result.ok).toBe(false);
    const sdkError = await sdk.customers.update('cus_missing', { name: 'Nobody' }).catch((error: Stripe.errors.StripeError) => error);
    expect(sdkError).toMatchObject({ type: 'StripeInvalidRequestError', statusCode: 404, code: 'resource_missing' });
    expect(result.error!.message).toBe(`Stripe answered 404: ${(sdkError as Stripe.errors.StripeError).message} (test-mode and live-mode objects are separate: check the key and the ID)`);

    const tooMuch = await runStep('refund_too_much');
    const sdkRefundError = (await sdk.refunds.create({ payment_intent: String(paymentIntent['id']), amount: 999_999 }).catch((error: unknown) => error)) as Stripe.errors.StripeError;
    expect(sdkRefundError.param).toBe('amount');
    expect(tooMuch.result.error!.message).toBe(`Stripe answered 400: ${sdkRefundError.message} (invalid_request_error, parameter: amount)`);
  });

  it('finds customers over pages of the search API as the SDK pages them', async () => {
    for (let n = 0; n < 120; n++) await sdk.customers.create({ email: 'many@example.com', name: `Many ${n}` });
    const before = fake.requests.length;
    const { result } = await runStep('find');
    const ours = fake.requests.slice(before);
    expect(result.output!.items).toHaveLength(120);
    const sdkStart = fake.requests.length;
    const all = await sdk.customers.search({ query: "email:'many@example.com'", limit: 100 }).autoPagingToArray({ limit: 1000 });
    const theirs = fake.requests.slice(sdkStart);
    expect(all.map((customer) => customer.id)).toEqual((result.output!.items as { id: string }[]).map((customer) => customer.id));
    expect(ours).toHaveLength(2);
    expect(theirs).toHaveLength(2);
    ours.forEach((request, index) => expectSameRequest(request, theirs[index]!));
    expect(ours[1]!.query['page']).toEqual(expect.any(String));
  });

  it('creates invoice items (amount or price) and an invoice that takes them, then finalizes it', async () => {
    const customer = String((harness.outputs['customer'] as { id: string }).id);
    await expectPostLikeSdk('item', (options) => sdk.invoiceItems.create({ customer, amount: 1500, currency: 'eur', description: 'Express shipping', metadata: { order_id: '1042' } }, options));
    const priced = await expectPostLikeSdk('item_price', (options) => sdk.invoiceItems.create({ customer, pricing: { price: 'price_1Q8pWidget' }, quantity: 3 }, options));
    expect(priced.body).toEqual({ customer, pricing: { price: 'price_1Q8pWidget' }, quantity: '3' });
    await expectPostLikeSdk('invoice', (options) =>
      sdk.invoices.create({ customer, collection_method: 'send_invoice', days_until_due: 30, pending_invoice_items_behavior: 'include', description: 'Extras for order #1042', metadata: { order_id: '1042' } }, options),
    );
    expect(harness.outputs['invoice']).toMatchObject({ status: 'draft', amount_due: 4500 });
    const invoice = String((harness.outputs['invoice'] as { id: string }).id);
    await expectPostLikeSdk('finalize', (options) => sdk.invoices.finalizeInvoice(invoice, { auto_advance: false }, options));
    expect(harness.outputs['finalize']).toMatchObject({ id: invoice, status: 'open' });
  });

  it('refunds part of a payment and reads the payment intent with its charge expanded', async () => {
    const intent = String(paymentIntent['id']);
    await expectPostLikeSdk('refund', (options) => sdk.refunds.create({ payment_intent: intent, amount: 2500, reason: 'requested_by_customer', metadata: { ticket: 'T-9' } }, options));
    expect(harness.outputs['refund']).toMatchObject({ object: 'refund', amount: 2500, payment_intent: intent });

    const { result, request } = await runStep('intent');
    const theirs = await sdkRequest(() => sdk.paymentIntents.retrieve(intent, { expand: ['latest_charge'] }));
    expectSameRequest(request, theirs.request);
    expect(request.rawQuery).toBe('expand%5B0%5D=latest_charge');
    expect(result.output).toEqual(JSON.parse(JSON.stringify(theirs.value)));
    expect(result.output).toMatchObject({ id: intent, latest_charge: { object: 'charge' } });
  });

  it('creates a payment link from a list of line items', async () => {
    const request = await expectPostLikeSdk('link', (options) =>
      sdk.paymentLinks.create({ line_items: [{ price: 'price_1Q8pA', quantity: 2 }, { price: 'price_1Q8pB', quantity: 1 }], allow_promotion_codes: true, metadata: { campaign: 'spring' } }, options),
    );
    expect(request.rawBody).toContain('line_items%5B1%5D%5Bprice%5D=price_1Q8pB');
    expect(harness.outputs['link']).toMatchObject({ object: 'payment_link', url: expect.stringMatching(/^https:\/\/buy\.stripe\.com\//) });
  });
});
