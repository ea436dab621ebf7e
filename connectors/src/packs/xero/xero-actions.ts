import type { PackManifestInput } from '../../manifest/pack-manifest-schema.js';
import { contactSample, invoiceSample, paymentSample } from './xero-samples.js';
import { tenantField, tenantHeaders } from './xero-tenant-field.js';

type Actions = NonNullable<PackManifestInput['actions']>;

// Xero keeps the answer to a create for a repeated Idempotency-Key (at most 128 characters) instead of creating twice.
const idempotencyHeader = 'Idempotency-Key';

/**
 * The Accounting API calls of the Xero pack (developer.xero.com/documentation/api/accounting), written as
 * xero-node's AccountingApi sends them: contacts and invoices are created with PUT and a wrapped list
 * ({ "Contacts": [ … ] }), a payment with POST and the payment itself; each create carries the step's
 * idempotency key.
 */
export const xeroActions: Actions = [
  {
    key: 'create-contact',
    name: 'Create contact',
    description: 'Adds a customer or supplier. The name must be unique in the organisation (Xero refuses a duplicate).',
    input: [
      tenantField,
      { key: 'name', label: 'Name', required: true, description: 'The contact (person or company) name; unique in the organisation.' },
      { key: 'first_name', label: 'First name', description: 'Of the contact person.' },
      { key: 'last_name', label: 'Last name', description: 'Of the contact person.' },
      { key: 'email', label: 'Email', type: 'email', description: 'Where invoices are emailed.' },
      { key: 'phone', label: 'Phone', description: 'Kept as the default phone number.' },
      { key: 'account_number', label: 'Account number', description: 'Your own reference for the contact; unique in the organisation.' },
      { key: 'tax_number', label: 'Tax number', description: 'VAT, GST or ABN number.', advanced: true },
    ],
    request: {
      method: 'PUT',
      path: '/Contacts',
      headers: tenantHeaders,
      json: {
        Contacts: [
          {
            Name: '{{input.name}}',
            FirstName: '{{input.first_name}}',
            LastName: '{{input.last_name}}',
            EmailAddress: '{{input.email}}',
            Phones: [{ PhoneType: 'DEFAULT', PhoneNumber: '{{input.phone}}' }],
            AccountNumber: '{{input.account_number}}',
            TaxNumber: '{{input.tax_number}}',
          },
        ],
      },
    },
    idempotencyHeader,
    output: 'Contacts[0]',
    sample: contactSample,
  },
  {
    key: 'create-invoice',
    name: 'Create invoice',
    description: 'Creates a sales invoice (or a bill) for a contact from line items; as a draft unless another status is chosen.',
    input: [
      tenantField,
      { key: 'contact_id', label: 'Contact ID', required: true, placeholder: '{{steps.contact.output.ContactID}}', description: 'The ContactID, e.g. from "Find contact" or "Create contact".' },
      {
        key: 'line_items',
        label: 'Line items',
        type: 'json',
        required: true,
        placeholder: '[{ "Description": "Consulting", "Quantity": 5, "UnitAmount": 150, "AccountCode": "200" }]',
        description: 'A list of Xero line items: Description, Quantity, UnitAmount and AccountCode (a revenue account code), or ItemCode; TaxType and DiscountRate optional.',
      },
      {
        key: 'type',
        label: 'Type',
        type: 'select',
        required: true,
        default: 'ACCREC',
        description: 'A sales invoice (money owed to you) or a bill (money you owe).',
        choices: [
          { label: 'Sales invoice (accounts receivable)', value: 'ACCREC' },
          { label: 'Bill (accounts payable)', value: 'ACCPAY' },
        ],
      },
      {
        key: 'status',
        label: 'Status',
        type: 'select',
        default: 'DRAFT',
        description: 'Only an approved (AUTHORISED) invoice can take a payment.',
        choices: [
          { label: 'Draft', value: 'DRAFT' },
          { label: 'Awaiting approval', value: 'SUBMITTED' },
          { label: 'Approved', value: 'AUTHORISED' },
        ],
      },
      { key: 'date', label: 'Date', type: 'date', description: 'Default: today.' },
      { key: 'due_date', label: 'Due date', type: 'date', description: "Required for an approved invoice unless the contact has payment terms." },
      { key: 'invoice_number', label: 'Invoice number', description: 'Default: the next number in the organisation\'s sequence (sales invoices).' },
      { key: 'reference', label: 'Reference', description: 'Shown on the invoice (sales invoices).' },
      {
        key: 'line_amount_types',
        label: 'Amounts are',
        type: 'select',
        advanced: true,
        description: "Default: the organisation's setting.",
        choices: [
          { label: 'Tax exclusive', value: 'Exclusive' },
          { label: 'Tax inclusive', value: 'Inclusive' },
          { label: 'No tax', value: 'NoTax' },
        ],
      },
      { key: 'currency_code', label: 'Currency', placeholder: 'USD', advanced: true, description: "Default: the organisation's base currency." },
    ],
    request: {
      method: 'PUT',
      path: '/Invoices',
      headers: tenantHeaders,
      json: {
        Invoices: [
          {
            Type: '{{input.type}}',
            Contact: { ContactID: '{{input.contact_id}}' },
            LineItems: '{{input.line_items}}',
            Date: '{{input.date}}',
            DueDate: '{{input.due_date}}',
            InvoiceNumber: '{{input.invoice_number}}',
            Reference: '{{input.reference}}',
            Status: '{{input.status}}',
            LineAmountTypes: '{{input.line_amount_types}}',
            CurrencyCode: '{{input.currency_code}}',
          },
        ],
      },
    },
    idempotencyHeader,
    output: 'Invoices[0]',
    sample: invoiceSample,
  },
  {
    key: 'create-payment',
    name: 'Create payment',
    description: 'Records a payment against an approved invoice or bill, paid into (or out of) a bank account.',
    input: [
      tenantField,
      { key: 'invoice_id', label: 'Invoice ID', required: true, placeholder: '{{trigger.resourceId}}', description: "The InvoiceID (an INVOICE event's resourceId)." },
      { key: 'account_code', label: 'Bank account code', required: true, placeholder: '090', description: 'The code of the bank account (or an account with payments enabled) the money goes to.' },
      { key: 'amount', label: 'Amount', type: 'number', required: true, description: 'At most the amount due on the invoice.' },
      { key: 'date', label: 'Date', type: 'date', required: true, description: 'The day the payment was made, e.g. 2024-06-03.' },
      { key: 'reference', label: 'Reference', description: 'E.g. the bank transfer reference.' },
    ],
    request: {
      method: 'POST',
      path: '/Payments',
      headers: tenantHeaders,
      json: {
        Invoice: { InvoiceID: '{{input.invoice_id}}' },
        Account: { Code: '{{input.account_code}}' },
        Amount: '{{input.amount}}',
        Date: '{{input.date}}',
        Reference: '{{input.reference}}',
      },
    },
    idempotencyHeader,
    output: 'Payments[0]',
    sample: paymentSample,
  },
  {
    key: 'find-contacts',
    kind: 'search',
    name: 'Find contacts',
    description:
      'Contacts matching a search term (any part of the name, first or last name, account number or email) and/or a where filter, 100 to a page, up to 10 pages.',
    input: [
      tenantField,
      { key: 'search_term', label: 'Search term', placeholder: 'lovelace', description: 'Case-insensitive; matches part of the name, first name, last name, contact number, company number or email.' },
      {
        key: 'where',
        label: 'Where filter',
        placeholder: 'EmailAddress=="ada@example.com"',
        description: 'Xero\'s filter syntax, e.g. EmailAddress=="ada@example.com" or Name.StartsWith("Ada"). Left empty: every contact the search term matches.',
      },
      { key: 'include_archived', label: 'Include archived contacts', type: 'boolean', default: false, description: 'Archived contacts are left out unless this is on.' },
    ],
    request: {
      method: 'GET',
      path: '/Contacts',
      headers: tenantHeaders,
      query: { searchTerm: '{{input.search_term}}', where: '{{input.where}}', includeArchived: '{{input.include_archived}}' },
    },
    pagination: { type: 'offset', items: 'Contacts', offsetParam: 'page', limitParam: 'pageSize', pageSize: 100, unit: 'page', maxPages: 10 },
    sample: { items: [contactSample] },
  },
];
