import { definePack } from '../define-pack.js';
import { baseField, formulaString, recordsField, tableField, typecastField } from './airtable-fields.js';
import { sampleRecord, sampleRecords } from './airtable-samples.js';
import { airtableTriggers } from './airtable-triggers.js';

const icon =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><path d="M11 3.2 3 6.5l8 3.2 8-3.2z" fill="#fcb400"/>' +
  '<path d="M12.5 11.3V19l7.5-3V8.3z" fill="#18bfff"/><path d="M10.8 11.6 3 8.6V16l7.8 3.2z" fill="#f82b60"/></svg>';

const recordsPath = '/{{input.base_id}}/{{input.table}}';
// Airtable takes at most 10 records per create, update or upsert (airtable.com/developers/web/api/create-records).
const batch = { input: 'records', size: 10, output: 'records' };

/**
 * Airtable (https://airtable.com/developers/web/api/introduction): records created, updated, upserted and
 * found, and new or updated records polled. Connect with a personal access token or OAuth (PKCE, rotating
 * refresh tokens). Errors are `{ error: { type, message } }` (or `{ error: "NOT_FOUND" }`).
 */
export const airtablePack = definePack({
  id: 'airtable',
  name: 'Airtable',
  version: '1.0.0',
  engine: '^1.0.0',
  description: 'Create, update, upsert and find records, and start recipes from new or updated records.',
  homepage: 'https://airtable.com/developers/web/api/introduction',
  icon,
  baseUrl: '{{connection.base_url}}/v0',
  // Five requests per second per base (airtable.com/developers/web/api/rate-limits); one connection may use several bases.
  throttle: { requests: 5, perSeconds: 1 },
  auth: {
    kind: 'oauth2',
    authorizationUrl: '{{connection.auth_url}}/oauth2/v1/authorize',
    tokenUrl: '{{connection.auth_url}}/oauth2/v1/token',
    scopes: ['data.records:read', 'data.records:write', 'schema.bases:read'],
    // PKCE (S256) is required; an integration with a client secret authenticates with HTTP Basic.
    pkce: true,
    clientAuth: 'basic',
    pasteToken: {
      label: 'Personal access token',
      description: 'Instead of connecting through OAuth: airtable.com/create/tokens → Create token with the scopes data.records:read, data.records:write and schema.bases:read, and add the bases it may use (pat…).',
    },
    fields: [
      {
        key: 'client_id',
        label: 'OAuth client ID',
        description: 'For connecting through OAuth: airtable.com/create/oauth → your integration; add this server’s OAuth callback URL as its redirect URL. Not needed with a pasted token.',
      },
      { key: 'client_secret', label: 'OAuth client secret', secret: true, description: 'Generate one on the same page (optional for Airtable, used when present).' },
      {
        key: 'base_url',
        label: 'Airtable API address',
        type: 'url',
        required: true,
        advanced: true,
        default: 'https://api.airtable.com',
        description: 'Leave as is; change only for a proxy or a test server.',
      },
      {
        key: 'auth_url',
        label: 'Airtable sign-in address',
        type: 'url',
        required: true,
        advanced: true,
        default: 'https://airtable.com',
        description: 'Where OAuth authorises and issues tokens. Leave as is.',
      },
    ],
    // Who the token belongs to, and its scopes: 200 for a working token, 401 otherwise.
    test: { method: 'GET', path: '/meta/whoami' },
  },
  errors: {
    message: 'error.message',
    code: 'error.type',
    byStatus: {
      '401': 'Airtable refused the token (HTTP 401): reconnect the Airtable connection.',
      '403': 'Airtable refused access (HTTP 403): the token lacks a scope or this base; add them to the token (or reconnect), then try again.',
      '404': 'Airtable cannot find this base, table or record (HTTP 404), or the token may not see it.',
      '413': 'The request is too large for Airtable (HTTP 413): send fewer or smaller records.',
    },
    byCode: {
      INVALID_PERMISSIONS_OR_MODEL_NOT_FOUND: 'Airtable cannot find this base or table, or the token may not use it (INVALID_PERMISSIONS_OR_MODEL_NOT_FOUND).',
      UNKNOWN_FIELD_NAME: 'Airtable has no such field: {{body.error.message}}',
      INVALID_VALUE_FOR_COLUMN: 'A value does not fit its field: {{body.error.message}} (turn on "Convert values" to let Airtable convert it).',
      INVALID_MULTIPLE_CHOICE_OPTIONS: 'A select value is not one of the field’s options: {{body.error.message}} (turn on "Convert values" to add it).',
      INVALID_FILTER_BY_FORMULA: 'Airtable cannot read the formula: {{body.error.message}}',
    },
  },
  actions: [
    {
      key: 'create-records',
      name: 'Create records',
      description: 'Adds records to a table; the output lists them with their new IDs, in order.',
      input: [baseField, tableField, recordsField('Each record as {"fields": {"Name": "…", "Status": "Todo"}}.', '[{"fields": {"Name": "Plan the launch", "Status": "Todo"}}]'), typecastField],
      request: { method: 'POST', path: recordsPath, json: { records: '{{input.records}}', typecast: '{{input.typecast}}' } },
      batch,
      sample: sampleRecords,
    },
    {
      key: 'update-records',
      name: 'Update records',
      description: 'Changes the given fields of existing records (others keep their values).',
      input: [baseField, tableField, recordsField('Each record as {"id": "rec…", "fields": {"Status": "Done"}}.', '[{"id": "recwPQIfs4wKPyc9D", "fields": {"Status": "Done"}}]'), typecastField],
      request: { method: 'PATCH', path: recordsPath, json: { records: '{{input.records}}', typecast: '{{input.typecast}}' } },
      batch,
      sample: sampleRecords,
    },
    {
      key: 'upsert-records',
      name: 'Create or update records (upsert)',
      description: 'Updates the record whose merge fields match each given record, or creates it when none does.',
      input: [
        baseField,
        tableField,
        recordsField('Each record as {"fields": {…}}, including the merge fields.', '[{"fields": {"Email": "ada@example.com", "Name": "Ada"}}]'),
        {
          key: 'merge_on',
          label: 'Match on fields',
          type: 'multiselect',
          required: true,
          description: 'Field names (1 to 3) whose values identify a record, e.g. Email.',
        },
        typecastField,
      ],
      request: {
        method: 'PATCH',
        path: recordsPath,
        json: { performUpsert: { fieldsToMergeOn: '{{input.merge_on}}' }, records: '{{input.records}}', typecast: '{{input.typecast}}' },
      },
      batch,
      sample: sampleRecords,
    },
    {
      key: 'find-records',
      kind: 'search',
      name: 'Find records',
      description: 'Records whose field equals a value (up to 1,000), for a lookup or a loop.',
      input: [
        baseField,
        tableField,
        { key: 'field', label: 'Field', required: true, placeholder: 'Email', description: 'The field name to match, as written in the table.' },
        { key: 'value', label: 'Value', required: true, description: 'Matched exactly; quotes and backslashes are escaped for Airtable’s formula.' },
        { key: 'view', label: 'View', description: 'Only records in this view (its name or ID), in its order.' },
      ],
      request: {
        method: 'GET',
        path: recordsPath,
        query: { filterByFormula: `{{{input.field}}} = ${formulaString('input.value')}`, view: '{{input.view}}', pageSize: '100' },
      },
      pagination: { type: 'cursor', items: 'records', cursor: 'offset', param: 'offset', maxPages: 10 },
      sideEffect: false,
      sample: { items: [sampleRecord] },
    },
  ],
  triggers: airtableTriggers,
});
