import type { PackManifestInput } from '../../manifest/pack-manifest-schema.js';
import type { FieldInput } from '../../manifest/field-schema.js';
import { minorversion, queryRequest, quoted } from './quickbooks-query.js';
import { customerSample, invoiceSample, salesReceiptSample, sentInvoiceSample } from './quickbooks-samples.js';

type Actions = NonNullable<PackManifestInput['actions']>;

// QuickBooks replays the first answer for a repeated `requestid` (at most 50 characters) instead of creating twice.
const requestId = { param: 'requestid', maxLength: 50 };

const customerField: FieldInput = {
  key: 'customer_id',
  label: 'Customer',
  type: 'select',
  required: true,
  description: 'An active customer; or the Id of one (e.g. from "Find customer": {{steps.find.output.Id}}).',
  dynamicChoices: {
    request: queryRequest('select * from Customer where Active = true orderby DisplayName maxresults 1000'),
    items: 'QueryResponse.Customer',
    label: '{{item.DisplayName}}',
    value: '{{item.Id}}',
  },
};

const linesField: FieldInput = {
  key: 'lines',
  label: 'Line items',
  type: 'json',
  required: true,
  placeholder: '[{ "DetailType": "SalesItemLineDetail", "Amount": 750, "Description": "Consulting", "SalesItemLineDetail": { "ItemRef": { "value": "1" }, "Qty": 5, "UnitPrice": 150 } }]',
  description:
    'A list of QuickBooks lines. Each sales line has DetailType "SalesItemLineDetail", an Amount (quantity × unit price) and SalesItemLineDetail.ItemRef.value, the Id of a product or service; Description, Qty and UnitPrice are optional.',
};

const emailField = (description: string): FieldInput => ({ key: 'email', label: 'Email to', type: 'email', description });

/**
 * The QuickBooks Online Accounting API v3 calls of the pack (developer.intuit.com/app/developer/qbo/docs/api/accounting):
 * entities are created with POST /<entity> and read through the query endpoint. Creates carry QuickBooks'
 * own idempotency: the step's key as the `requestid` query parameter.
 */
export const quickbooksActions: Actions = [
  {
    key: 'create-customer',
    name: 'Create customer',
    description: 'Adds a customer. The display name must be unique among customers, vendors and employees (QuickBooks refuses a duplicate).',
    input: [
      { key: 'display_name', label: 'Display name', required: true, description: 'How the customer is listed; unique across customers, vendors and employees.' },
      { key: 'given_name', label: 'First name', description: "The customer's given name (a person)." },
      { key: 'family_name', label: 'Last name', description: "The customer's family name (a person)." },
      { key: 'company_name', label: 'Company', description: 'The company the customer is or works for.' },
      { key: 'email', label: 'Email', type: 'email', description: 'Where invoices are emailed.' },
      { key: 'phone', label: 'Phone', description: 'As it should appear, e.g. (555) 555-0100.' },
      { key: 'address_line1', label: 'Billing address: street', description: 'First line of the billing address.' },
      { key: 'city', label: 'Billing address: city', description: 'City or town.' },
      { key: 'region', label: 'Billing address: state or region', description: 'E.g. CA.' },
      { key: 'postal_code', label: 'Billing address: postal code', description: 'ZIP or postal code.' },
      { key: 'country', label: 'Billing address: country', description: 'Country name or code, e.g. US.' },
      { key: 'notes', label: 'Notes', type: 'text', description: 'Free text kept with the customer.' },
    ],
    request: {
      method: 'POST',
      path: '/customer',
      query: { minorversion },
      json: {
        DisplayName: '{{input.display_name}}',
        GivenName: '{{input.given_name}}',
        FamilyName: '{{input.family_name}}',
        CompanyName: '{{input.company_name}}',
        PrimaryEmailAddr: { Address: '{{input.email}}' },
        PrimaryPhone: { FreeFormNumber: '{{input.phone}}' },
        BillAddr: {
          Line1: '{{input.address_line1}}',
          City: '{{input.city}}',
          CountrySubDivisionCode: '{{input.region}}',
          PostalCode: '{{input.postal_code}}',
          Country: '{{input.country}}',
        },
        Notes: '{{input.notes}}',
      },
    },
    idempotencyQuery: requestId,
    output: 'Customer',
    sample: customerSample,
  },
  {
    key: 'create-invoice',
    name: 'Create invoice',
    description: 'Creates an invoice for a customer from line items. It is not emailed; use "Send invoice" for that.',
    input: [
      customerField,
      linesField,
      { key: 'txn_date', label: 'Invoice date', type: 'date', description: "Default: today in the company's time zone." },
      { key: 'due_date', label: 'Due date', type: 'date', description: "Default: from the customer's payment terms." },
      { key: 'doc_number', label: 'Invoice number', description: 'Default: the next number, when custom transaction numbers are off in QuickBooks.' },
      emailField('Where "Send invoice" will email it (BillEmail); default: the customer\'s email.'),
      { key: 'customer_memo', label: 'Message on invoice', type: 'text', description: 'Shown to the customer on the invoice.' },
      { key: 'private_note', label: 'Private note', type: 'text', description: 'Kept in QuickBooks, not shown to the customer.' },
    ],
    request: {
      method: 'POST',
      path: '/invoice',
      query: { minorversion },
      json: {
        CustomerRef: { value: '{{input.customer_id}}' },
        Line: '{{input.lines}}',
        TxnDate: '{{input.txn_date}}',
        DueDate: '{{input.due_date}}',
        DocNumber: '{{input.doc_number}}',
        BillEmail: { Address: '{{input.email}}' },
        CustomerMemo: { value: '{{input.customer_memo}}' },
        PrivateNote: '{{input.private_note}}',
      },
    },
    idempotencyQuery: requestId,
    output: 'Invoice',
    sample: invoiceSample,
  },
  {
    key: 'create-sales-receipt',
    name: 'Create sales receipt',
    description: 'Records a sale paid on the spot (no invoice): line items, and optionally how it was paid and where the money went.',
    input: [
      customerField,
      linesField,
      { key: 'txn_date', label: 'Sale date', type: 'date', description: "Default: today in the company's time zone." },
      { key: 'payment_method_id', label: 'Payment method Id', description: 'The Id of a payment method (Cash, Check, Visa, …).' },
      { key: 'deposit_account_id', label: 'Deposit to account Id', description: 'The Id of the bank or Undeposited Funds account; default: Undeposited Funds.' },
      emailField('Where a receipt can be emailed (BillEmail).'),
      { key: 'private_note', label: 'Private note', type: 'text', description: 'Kept in QuickBooks, not shown to the customer.' },
    ],
    request: {
      method: 'POST',
      path: '/salesreceipt',
      query: { minorversion },
      json: {
        CustomerRef: { value: '{{input.customer_id}}' },
        Line: '{{input.lines}}',
        TxnDate: '{{input.txn_date}}',
        PaymentMethodRef: { value: '{{input.payment_method_id}}' },
        DepositToAccountRef: { value: '{{input.deposit_account_id}}' },
        BillEmail: { Address: '{{input.email}}' },
        PrivateNote: '{{input.private_note}}',
      },
    },
    idempotencyQuery: requestId,
    output: 'SalesReceipt',
    sample: salesReceiptSample,
  },
  {
    key: 'find-customer',
    kind: 'search',
    name: 'Find customer',
    description:
      'The first customer whose display name or email is exactly the given value (active or not); the output is empty when none matches. Display names are unique in QuickBooks.',
    input: [
      {
        key: 'by',
        label: 'Find by',
        type: 'select',
        required: true,
        default: 'DisplayName',
        description: 'Which customer property must equal the value.',
        choices: [
          { label: 'Display name', value: 'DisplayName' },
          { label: 'Email', value: 'PrimaryEmailAddr' },
        ],
      },
      { key: 'value', label: 'Display name or email', required: true, placeholder: 'Ada Lovelace', description: 'Matched exactly (apostrophes are fine).' },
    ],
    request: queryRequest(`select * from Customer where {{input.by}} = ${quoted('value')}`),
    output: 'QueryResponse.Customer[0]',
    sample: customerSample,
  },
  {
    key: 'send-invoice',
    name: 'Send invoice',
    description: 'Emails the invoice (as a PDF with a pay link when online payments are on) and marks it sent; a retried step emails once.',
    input: [
      { key: 'invoice_id', label: 'Invoice Id', required: true, placeholder: '{{steps.invoice.output.Id}}', description: 'The Id of the invoice, e.g. from "Create invoice".' },
      emailField("Default: the invoice's email (BillEmail). Given here, it also replaces that email on the invoice."),
    ],
    request: { method: 'POST', path: '/invoice/{{input.invoice_id}}/send', query: { sendTo: '{{input.email}}', minorversion } },
    // A retried step gets the first answer back instead of emailing the customer twice.
    idempotencyQuery: requestId,
    output: 'Invoice',
    sample: sentInvoiceSample,
  },
];
