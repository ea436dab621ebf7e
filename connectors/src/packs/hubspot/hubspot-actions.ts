import type { PackManifestInput } from '../../manifest/pack-manifest-schema.js';
import { crmObjects, propertiesTemplate, readProperties, type CrmObject } from './hubspot-objects.js';
import { associationSample, noteSample, recordSample } from './hubspot-samples.js';

type Actions = NonNullable<PackManifestInput['actions']>;

const objectTypeChoices = [
  { label: 'Contact', value: 'contacts' },
  { label: 'Company', value: 'companies' },
  { label: 'Deal', value: 'deals' },
  { label: 'Ticket', value: 'tickets' },
];

const recordIdField = (object: CrmObject) => ({
  key: 'record_id',
  label: `${object.title} ID`,
  required: true,
  placeholder: '512',
  description: `The ${object.singular}'s record ID (in its HubSpot URL, or from a trigger or a find step).`,
});

function createAction(object: CrmObject): Actions[number] {
  return {
    key: `create-${object.singular}`,
    name: `Create ${object.singular}`,
    description: `Adds a ${object.singular} with the properties filled in below.`,
    input: object.fields.map((field, index) => (index === 0 ? { ...field, required: true } : field)),
    request: { method: 'POST', path: `/crm/v3/objects/${object.type}`, json: { properties: propertiesTemplate(object) } },
    sample: recordSample(object),
  };
}

function updateAction(object: CrmObject): Actions[number] {
  return {
    key: `update-${object.singular}`,
    name: `Update ${object.singular}`,
    description: `Changes the properties filled in below; empty ones stay as they are.`,
    input: [recordIdField(object), ...object.fields],
    request: { method: 'PATCH', path: `/crm/v3/objects/${object.type}/{{input.record_id}}`, json: { properties: propertiesTemplate(object) } },
    sample: recordSample(object),
  };
}

/** CRM search with one equality filter, gathered over pages through the body's `after` cursor. */
function findAction(object: CrmObject): Actions[number] {
  return {
    key: `find-${object.singular}`,
    kind: 'search',
    name: `Find ${object.singular}`,
    description: `${object.title} records whose property equals a value (HubSpot's CRM search, up to 1,000 results).`,
    input: [
      {
        key: 'property',
        label: 'Property',
        required: true,
        default: object.fields[0]!.key,
        placeholder: object.fields[0]!.key,
        description: `The internal name of any ${object.singular} property (Settings → Properties), e.g. ${object.fields[0]!.key}.`,
      },
      { key: 'value', label: 'Equals', required: true, description: 'HubSpot compares text without regard to case.' },
    ],
    request: {
      method: 'POST',
      path: `/crm/v3/objects/${object.type}/search`,
      json: {
        filterGroups: [{ filters: [{ propertyName: '{{input.property}}', operator: 'EQ', value: '{{input.value}}' }] }],
        properties: readProperties(object),
        limit: 100,
      },
    },
    pagination: { type: 'cursor', items: 'results', cursor: 'paging.next.after', param: 'after', in: 'body', maxPages: 10 },
    sideEffect: false,
    sample: { items: [recordSample(object)] },
  };
}

/**
 * HubSpot's CRM (https://developers.hubspot.com/docs/api/crm/understanding-the-crm): create, update and find
 * contacts, companies and deals, link two records (v4 default association) and log a note on a record.
 */
export const hubspotActions: Actions = [
  ...crmObjects.flatMap((object) => [createAction(object), updateAction(object), findAction(object)]),
  {
    key: 'associate-records',
    name: 'Associate records',
    description: "Links two records with HubSpot's default (unlabeled) association, e.g. a contact to its company or a deal to its contact.",
    input: [
      { key: 'from_type', label: 'From record type', type: 'select', required: true, choices: objectTypeChoices },
      { key: 'from_id', label: 'From record ID', required: true },
      { key: 'to_type', label: 'To record type', type: 'select', required: true, choices: objectTypeChoices },
      { key: 'to_id', label: 'To record ID', required: true },
    ],
    request: { method: 'PUT', path: '/crm/v4/objects/{{input.from_type}}/{{input.from_id}}/associations/default/{{input.to_type}}/{{input.to_id}}' },
    sample: associationSample,
  },
  {
    key: 'add-note',
    name: 'Add note',
    description: "Logs a note on a contact's, company's or deal's timeline.",
    input: [
      {
        key: 'record_type',
        label: 'Record type',
        type: 'select',
        required: true,
        // HubSpot's default association type from a note to each object (https://developers.hubspot.com/docs/api/crm/associations/association-details).
        choices: [
          { label: 'Contact', value: '202' },
          { label: 'Company', value: '190' },
          { label: 'Deal', value: '214' },
        ],
      },
      { key: 'record_id', label: 'Record ID', required: true },
      { key: 'body', label: 'Note', type: 'text', required: true, description: 'Up to 65,536 characters; simple HTML such as <b> and <br> is shown formatted.' },
      {
        key: 'timestamp',
        label: 'Time of the note',
        type: 'datetime',
        required: true,
        description: "Where the note sits on the timeline, e.g. the trigger's time.",
      },
    ],
    request: {
      method: 'POST',
      path: '/crm/v3/objects/notes',
      json: {
        properties: { hs_note_body: '{{input.body}}', hs_timestamp: '{{input.timestamp}}' },
        associations: [{ to: { id: '{{input.record_id}}' }, types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: '{{input.record_type | number}}' }] }],
      },
    },
    sample: noteSample,
  },
];
