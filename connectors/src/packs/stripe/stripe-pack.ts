import type { FieldInput } from '../../manifest/field-schema.js';
import { definePack } from '../define-pack.js';
import { stripeApiVersion } from './stripe-api-version.js';
import {
  sampleCustomer,
  sampleInvoice,
  sampleInvoiceItem,
  samplePaymentIntent,
  samplePaymentLink,
  sampleRefund,
  sampleSubscription,
} from './stripe-samples.js';
import { stripeTriggers } from './stripe-triggers.js';

const icon =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><rect width="24" height="24" rx="5" fill="#635bff"/>' +
  '<path d="M15.6 8.4c-.9-.5-2-.8-3.1-.8-1.5 0-2.5.6-2.5 1.6 0 2.4 6 1.3 6 5 0 1.9-1.6 3.2-4.1 3.2-1.3 0-2.6-.3-3.6-.9" ' +
  'stroke="#fff" stroke-width="2" fill="none" stroke-linecap="round"/></svg>';

const metadataField: FieldInput = {
  key: 'metadata',
  label: 'Metadata',
  type: 'json',
  placeholder: '{ "order_id": "1042" }',
  description: 'Key-value pairs stored on the object (up to 50 keys); sent as metadata[key]=value.',
};

const currencyField: FieldInput = {
  key: 'currency',
  label: 'Currency',
  placeholder: 'eur',
  description: 'Three-letter ISO code in lower case, e.g. usd or eur.',
};

const customerFields: FieldInput[] = [
  { key: 'email', label: 'Email', type: 'email' },
  { key: 'name', label: 'Name', description: "The customer's full name or business name." },
  { key: 'phone', label: 'Phone' },
  { key: 'description', label: 'Description', type: 'text', description: 'Shown next to the customer in the Dashboard.' },
  { key: 'address_line1', label: 'Address line 1' },
  { key: 'address_line2', label: 'Address line 2' },
  { key: 'address_city', label: 'City' },
  { key: 'address_postal_code', label: 'Postal code' },
  { key: 'address_state', label: 'State or region' },
  { key: 'address_country', label: 'Country', placeholder: 'DE', description: 'Two-letter ISO country code.' },
  metadataField,
];

// Form fields that render empty are left out, so an update changes only what the step sets.
const customerForm = {
  email: '{{input.email}}',
  name: '{{input.name}}',
  phone: '{{input.phone}}',
  description: '{{input.description}}',
  'address[line1]': '{{input.address_line1}}',
  'address[line2]': '{{input.address_line2}}',
  'address[city]': '{{input.address_city}}',
  'address[postal_code]': '{{input.address_postal_code}}',
  'address[state]': '{{input.address_state}}',
  'address[country]': '{{input.address_country}}',
  metadata: '{{input.metadata}}',
};

/**
 * Stripe (https://docs.stripe.com/api): customers, invoice items and invoices, subscriptions, refunds,
 * payment intents and payment links, and events by webhook. Requests are form-encoded with Stripe's bracketed keys (`metadata[order_id]`,
 * `line_items[0][price]`), authenticated with the secret key as a Bearer token, pinned to one API version,
 * and every POST carries the step's `Idempotency-Key` so a retried step acts once.
 */
export const stripePack = definePack({
  id: 'stripe',
  name: 'Stripe',
  version: '1.0.0',
  engine: '^1.0.0',
  description: 'Customers, invoices, subscriptions, refunds, payments and payment links in Stripe, and recipes started by Stripe events.',
  homepage: 'https://stripe.com',
  icon,
  baseUrl: '{{connection.base_url}}',
  auth: {
    kind: 'bearer',
    token: '{{connection.secret_key}}',
    fields: [
      {
        key: 'secret_key',
        label: 'Secret key',
        required: true,
        secret: true,
        placeholder: 'sk_live_… or rk_live_…',
        description:
          'Dashboard → Developers → API keys. A restricted key (rk_…) works when it may read and write the objects your recipes use. Use an sk_test_… key to try recipes in test mode.',
      },
      {
        key: 'webhook_secret',
        label: 'Webhook signing secret',
        secret: true,
        placeholder: 'whsec_…',
        description:
          'Only for the "Event received (webhook you add)" trigger: Dashboard → Developers → Webhooks → your endpoint → Signing secret. The "New event" trigger creates its own endpoint and needs none.',
      },
      {
        key: 'base_url',
        label: 'API base URL',
        type: 'url',
        required: true,
        advanced: true,
        default: 'https://api.stripe.com',
        description: 'Leave as is; change only for a proxy or a test server.',
      },
    ],
    // Any valid key may read its balance; a wrong or revoked key answers 401.
    test: { method: 'GET', path: '/v1/balance' },
  },
  headers: { 'Stripe-Version': stripeApiVersion },
  // Stripe allows 25 requests a second in test mode and 100 in live mode; the lower one keeps both safe.
  throttle: { requests: 25, perSeconds: 1 },
  // Stripe's error body: { "error": { "type", "code", "decline_code", "message", "param", "doc_url" } }.
  errors: {
    message: 'error.message',
    code: 'error.code',
    byStatus: {
      '400': '{{body.error.message}} ({{body.error.type}}, parameter: {{body.error.param | default: "none"}})',
      '401': 'Stripe refused the secret key: {{body.error.message}} Copy a current key from Dashboard → Developers → API keys.',
      '402': '{{body.error.message}} ({{body.error.type}}, decline code: {{body.error.decline_code | default: "none"}})',
      '403': '{{body.error.message}} A restricted key needs the permission for this resource.',
      '404': '{{body.error.message}} (test-mode and live-mode objects are separate: check the key and the ID)',
    },
  },
  actions: [
    {
      key: 'create-customer',
      name: 'Create customer',
      description: 'Adds a customer. Running the step again with the same idempotency key creates it once.',
      input: customerFields,
      request: { method: 'POST', path: '/v1/customers', form: customerForm },
      idempotencyHeader: 'Idempotency-Key',
      sample: sampleCustomer,
    },
    {
      key: 'update-customer',
      name: 'Update customer',
      description: 'Changes the fields you set and keeps the others; metadata keys are merged.',
      input: [{ key: 'customer', label: 'Customer ID', required: true, placeholder: 'cus_…' }, ...customerFields],
      request: { method: 'POST', path: '/v1/customers/{{input.customer}}', form: customerForm },
      idempotencyHeader: 'Idempotency-Key',
      sample: sampleCustomer,
    },
    {
      key: 'retrieve-customer',
      name: 'Get customer',
      description: 'Reads a customer by ID: email, name, address, balance and metadata.',
      input: [{ key: 'customer', label: 'Customer ID', required: true, placeholder: 'cus_…' }],
      request: { method: 'GET', path: '/v1/customers/{{input.customer}}' },
      sample: sampleCustomer,
    },
    {
      key: 'find-customer',
      kind: 'search',
      name: 'Find customers by email',
      description:
        "Customers with this email, through Stripe's search (up to 500). Search can lag about a minute behind changes, so a customer created moments ago may not be found yet.",
      input: [{ key: 'email', label: 'Email', type: 'email', required: true }],
      request: {
        method: 'GET',
        path: '/v1/customers/search',
        query: { query: "email:'{{input.email}}'", limit: '100' },
      },
      pagination: { type: 'cursor', items: 'data', cursor: 'next_page', param: 'page', maxPages: 5 },
      sample: { items: [sampleCustomer] },
    },
    {
      key: 'create-invoice-item',
      name: 'Create invoice item',
      description:
        "Adds a line to a customer's next invoice (or to a draft invoice). Give an amount and currency, or a price.",
      input: [
        { key: 'customer', label: 'Customer ID', required: true, placeholder: 'cus_…' },
        { key: 'amount', label: 'Amount (in cents)', type: 'integer', description: 'In the smallest unit of the currency: 1500 is €15.00. Negative amounts are credits.' },
        currencyField,
        { key: 'description', label: 'Description', description: 'Shown on the invoice.' },
        { key: 'price', label: 'Price ID', placeholder: 'price_…', description: 'Instead of an amount: bill a price from your catalogue.' },
        { key: 'quantity', label: 'Quantity', type: 'integer', description: 'With a price; default 1.' },
        { key: 'invoice', label: 'Draft invoice ID', placeholder: 'in_…', description: "Leave empty to add it to the customer's next invoice." },
        metadataField,
      ],
      request: {
        method: 'POST',
        path: '/v1/invoiceitems',
        form: {
          customer: '{{input.customer}}',
          amount: '{{input.amount}}',
          currency: '{{input.currency}}',
          description: '{{input.description}}',
          'pricing[price]': '{{input.price}}',
          quantity: '{{input.quantity}}',
          invoice: '{{input.invoice}}',
          metadata: '{{input.metadata}}',
        },
      },
      idempotencyHeader: 'Idempotency-Key',
      sample: sampleInvoiceItem,
    },
    {
      key: 'create-invoice',
      name: 'Create invoice',
      description: "Creates a draft invoice for a customer, by default with the customer's pending invoice items.",
      input: [
        { key: 'customer', label: 'Customer ID', required: true, placeholder: 'cus_…' },
        {
          key: 'collection_method',
          label: 'Collection',
          type: 'select',
          choices: [
            { label: 'Charge the default payment method', value: 'charge_automatically' },
            { label: 'Email the invoice for payment', value: 'send_invoice' },
          ],
          description: 'Stripe charges automatically when not set.',
        },
        { key: 'days_until_due', label: 'Days until due', type: 'integer', description: 'Required when the invoice is emailed.' },
        {
          key: 'pending_invoice_items_behavior',
          label: 'Pending invoice items',
          type: 'select',
          default: 'include',
          choices: [
            { label: 'Include them', value: 'include' },
            { label: 'Leave them for a later invoice', value: 'exclude' },
          ],
        },
        { key: 'auto_advance', label: 'Finalize automatically', type: 'boolean', description: 'Let Stripe finalize (and collect) the draft after about an hour.' },
        currencyField,
        { key: 'description', label: 'Memo', type: 'text', description: 'Shown on the invoice.' },
        metadataField,
      ],
      request: {
        method: 'POST',
        path: '/v1/invoices',
        form: {
          customer: '{{input.customer}}',
          collection_method: '{{input.collection_method}}',
          days_until_due: '{{input.days_until_due}}',
          pending_invoice_items_behavior: '{{input.pending_invoice_items_behavior}}',
          auto_advance: '{{input.auto_advance}}',
          currency: '{{input.currency}}',
          description: '{{input.description}}',
          metadata: '{{input.metadata}}',
        },
      },
      idempotencyHeader: 'Idempotency-Key',
      sample: sampleInvoice,
    },
    {
      key: 'finalize-invoice',
      name: 'Finalize invoice',
      description: 'Turns a draft invoice into an open one that can be paid (and emailed, for invoices collected by email).',
      input: [
        { key: 'invoice', label: 'Invoice ID', required: true, placeholder: 'in_…' },
        { key: 'auto_advance', label: 'Collect automatically', type: 'boolean', description: 'Let Stripe charge or email the invoice once it is final.' },
      ],
      request: { method: 'POST', path: '/v1/invoices/{{input.invoice}}/finalize', form: { auto_advance: '{{input.auto_advance}}' } },
      idempotencyHeader: 'Idempotency-Key',
      sample: { ...sampleInvoice, status: 'open', number: '4B7D1C2E-0001', hosted_invoice_url: 'https://invoice.stripe.com/i/acct_1Q8p/test_YWNjdF8x' },
    },
    {
      key: 'create-subscription',
      name: 'Create subscription',
      description: 'Subscribes a customer to a recurring price. Without a saved payment method, collect by email invoice or start a trial.',
      input: [
        { key: 'customer', label: 'Customer ID', required: true, placeholder: 'cus_…' },
        { key: 'price', label: 'Recurring price ID', required: true, placeholder: 'price_…' },
        { key: 'quantity', label: 'Quantity', type: 'integer', description: 'Default 1.' },
        { key: 'trial_period_days', label: 'Trial days', type: 'integer' },
        {
          key: 'collection_method',
          label: 'Collection',
          type: 'select',
          choices: [
            { label: 'Charge the default payment method', value: 'charge_automatically' },
            { label: 'Email each invoice for payment', value: 'send_invoice' },
          ],
        },
        { key: 'days_until_due', label: 'Days until due', type: 'integer', description: 'Required when invoices are emailed.' },
        metadataField,
      ],
      request: {
        method: 'POST',
        path: '/v1/subscriptions',
        form: {
          customer: '{{input.customer}}',
          'items[0][price]': '{{input.price}}',
          'items[0][quantity]': '{{input.quantity}}',
          trial_period_days: '{{input.trial_period_days}}',
          collection_method: '{{input.collection_method}}',
          days_until_due: '{{input.days_until_due}}',
          metadata: '{{input.metadata}}',
        },
      },
      idempotencyHeader: 'Idempotency-Key',
      sample: sampleSubscription,
    },
    {
      key: 'cancel-subscription',
      name: 'Cancel subscription',
      description: 'Ends a subscription now. The customer is not charged again; past invoices stay as they are.',
      input: [
        { key: 'subscription', label: 'Subscription ID', required: true, placeholder: 'sub_…' },
        { key: 'prorate', label: 'Credit unused time', type: 'boolean', description: 'Adds a proration credit for the rest of the period.' },
        { key: 'invoice_now', label: 'Invoice now', type: 'boolean', description: 'Bills pending usage and prorations at once.' },
        { key: 'comment', label: 'Cancellation comment', description: "Kept with the subscription's cancellation details." },
      ],
      request: {
        method: 'DELETE',
        path: '/v1/subscriptions/{{input.subscription}}',
        query: { prorate: '{{input.prorate}}', invoice_now: '{{input.invoice_now}}', 'cancellation_details[comment]': '{{input.comment}}' },
      },
      sample: { ...sampleSubscription, status: 'canceled', canceled_at: sampleSubscription.created + 86_400, ended_at: sampleSubscription.created + 86_400 },
    },
    {
      key: 'create-refund',
      name: 'Create refund',
      description: 'Refunds a payment in full or in part. Give the payment intent or the charge.',
      input: [
        { key: 'payment_intent', label: 'Payment intent ID', placeholder: 'pi_…' },
        { key: 'charge', label: 'Charge ID', placeholder: 'ch_…', description: 'Instead of a payment intent.' },
        { key: 'amount', label: 'Amount (in cents)', type: 'integer', description: 'Leave empty to refund everything not yet refunded.' },
        {
          key: 'reason',
          label: 'Reason',
          type: 'select',
          choices: [
            { label: 'Requested by the customer', value: 'requested_by_customer' },
            { label: 'Duplicate', value: 'duplicate' },
            { label: 'Fraudulent', value: 'fraudulent' },
          ],
        },
        metadataField,
      ],
      request: {
        method: 'POST',
        path: '/v1/refunds',
        form: {
          payment_intent: '{{input.payment_intent}}',
          charge: '{{input.charge}}',
          amount: '{{input.amount}}',
          reason: '{{input.reason}}',
          metadata: '{{input.metadata}}',
        },
      },
      idempotencyHeader: 'Idempotency-Key',
      sample: sampleRefund,
    },
    {
      key: 'retrieve-payment-intent',
      name: 'Get payment intent',
      description: 'Reads a payment intent: amount, status, customer and the latest charge.',
      input: [
        { key: 'payment_intent', label: 'Payment intent ID', required: true, placeholder: 'pi_…' },
        {
          key: 'expand',
          label: 'Include in full',
          type: 'select',
          choices: [
            { label: 'Latest charge', value: 'latest_charge' },
            { label: 'Customer', value: 'customer' },
            { label: 'Payment method', value: 'payment_method' },
          ],
          description: 'Returns this related object instead of just its ID.',
        },
      ],
      request: {
        method: 'GET',
        path: '/v1/payment_intents/{{input.payment_intent}}',
        query: { 'expand[0]': '{{input.expand}}' },
      },
      sample: samplePaymentIntent,
    },
    {
      key: 'create-payment-link',
      name: 'Create payment link',
      description: 'A shareable checkout page for one or more prices; the link is in the output as url.',
      input: [
        {
          key: 'line_items',
          label: 'Line items',
          type: 'json',
          required: true,
          placeholder: '[{ "price": "price_…", "quantity": 1 }]',
          description: 'A list of { price, quantity }; sent as line_items[0][price], line_items[0][quantity], …',
        },
        { key: 'allow_promotion_codes', label: 'Allow promotion codes', type: 'boolean' },
        metadataField,
      ],
      request: {
        method: 'POST',
        path: '/v1/payment_links',
        form: {
          line_items: '{{input.line_items}}',
          allow_promotion_codes: '{{input.allow_promotion_codes}}',
          metadata: '{{input.metadata}}',
        },
      },
      idempotencyHeader: 'Idempotency-Key',
      sample: samplePaymentLink,
    },
  ],
  triggers: stripeTriggers,
});
