import type { FieldInput } from '../../manifest/field-schema.js';

/**
 * The organisation (Xero "tenant") a step works in, sent as the `xero-tenant-id` header. One Xero
 * connection may be authorised for several organisations, so each step chooses, from the connections
 * endpoint (GET https://api.xero.com/connections, one entry per organisation), as Zapier's Xero steps do.
 * A connection field could not offer this list: connection forms take no fetched choices.
 */
export const tenantField: FieldInput = {
  key: 'tenant_id',
  label: 'Organisation',
  type: 'select',
  required: true,
  description: "One of the organisations this connection is authorised for; or its tenant id (a webhook event's tenantId).",
  dynamicChoices: {
    request: { method: 'GET', path: '{{connection.connections_url}}' },
    items: '',
    label: '{{item.tenantName}}',
    value: '{{item.tenantId}}',
  },
};

/** Every Accounting API call names the organisation. */
export const tenantHeaders = { 'xero-tenant-id': '{{input.tenant_id}}' };
