import type { CrmObject } from './hubspot-objects.js';

/** A CRM record as the v3 objects API returns it (ids and property values are strings). */
export function recordSample(object: CrmObject): Record<string, unknown> {
  const values: Record<string, Record<string, string>> = {
    contacts: { email: 'ada@example.com', firstname: 'Ada', lastname: 'Lovelace', lifecyclestage: 'lead', lastmodifieddate: '2024-06-01T12:00:00.000Z' },
    companies: { name: 'Analytical Engines Ltd', domain: 'engines.example', hs_lastmodifieddate: '2024-06-01T12:00:00.000Z' },
    deals: { dealname: 'Engine No. 2', amount: '12000', pipeline: 'default', dealstage: 'appointmentscheduled', hs_lastmodifieddate: '2024-06-01T12:00:00.000Z' },
  };
  return {
    id: '512',
    properties: { hs_object_id: '512', createdate: '2024-06-01T12:00:00.000Z', ...values[object.type] },
    createdAt: '2024-06-01T12:00:00.000Z',
    updatedAt: '2024-06-01T12:00:00.000Z',
    archived: false,
  };
}

export const noteSample = {
  id: '8001',
  properties: { hs_note_body: 'Called about the renewal.', hs_timestamp: '2024-06-01T12:00:00.000Z', hs_object_id: '8001' },
  createdAt: '2024-06-01T12:00:00.000Z',
  updatedAt: '2024-06-01T12:00:00.000Z',
  archived: false,
};

/** The answer to PUT …/associations/default/…: both directions of the default association. */
export const associationSample = {
  status: 'COMPLETE',
  results: [
    { from: { id: '512' }, to: { id: '1001' }, associationSpec: { associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 279 } },
    { from: { id: '1001' }, to: { id: '512' }, associationSpec: { associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 280 } },
  ],
  startedAt: '2024-06-01T12:00:00.000Z',
  completedAt: '2024-06-01T12:00:00.010Z',
};

/** One event of a webhook delivery (HubSpot sends a JSON list of up to 100). */
export const webhookEventSample = {
  eventId: 1640,
  subscriptionId: 25,
  portalId: 62515,
  appId: 54321,
  occurredAt: 1717243200000,
  subscriptionType: 'contact.propertyChange',
  attemptNumber: 0,
  objectId: 512,
  changeSource: 'CRM',
  propertyName: 'lifecyclestage',
  propertyValue: 'customer',
};
