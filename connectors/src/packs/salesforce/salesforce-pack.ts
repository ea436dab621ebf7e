import { definePack } from '../define-pack.js';
import { describedFields, fieldChoices, objectField, soqlQuoted } from './salesforce-fields.js';
import { createdSample, leadSample } from './salesforce-samples.js';
import { salesforceTriggers } from './salesforce-triggers.js';

const icon =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><path fill="#00a1e0" d="M10 5.2a4.2 4.2 0 0 1 3-1.3 4.2 4.2 0 0 1 3.7 2.2 5.1 5.1 0 0 1 2.1-.5A5.2 5.2 0 0 1 24 10.8a5.2 5.2 0 0 1-6.2 5.1 3.8 3.8 0 0 1-5 1.6 4.3 4.3 0 0 1-8-.3A4 4 0 0 1 0 13.3a4 4 0 0 1 2-3.5 4.6 4.6 0 0 1 8-4.6z"/></svg>';

/**
 * Salesforce (REST API v67.0, Summer '26): records of any object, created and updated with the object's own
 * fields (fetched from describe as dynamic fields), found by a field or a SOQL query, and polled for new or
 * changed records. Connected through a Connected App (OAuth 2.0 web server flow with PKCE); the token response
 * names the org's instance, which becomes the API host.
 */
export const salesforcePack = definePack({
  id: 'salesforce',
  name: 'Salesforce',
  version: '1.0.0',
  engine: '^1.0.0',
  description: 'Create, update and find records of any object, run SOQL queries, and start recipes from new or changed records.',
  homepage: 'https://www.salesforce.com',
  icon,
  baseUrl: '{{connection.instance_url}}/services/data/v67.0',
  headers: { Accept: 'application/json' },
  auth: {
    kind: 'oauth2',
    grant: 'authorization_code',
    authorizationUrl: '{{connection.login_url}}/services/oauth2/authorize',
    tokenUrl: '{{connection.login_url}}/services/oauth2/token',
    // `refresh_token` makes Salesforce issue a refresh token; `api` is the REST API.
    scopes: ['api', 'refresh_token'],
    clientAuth: 'body',
    capture: { fromToken: { instance_url: 'instance_url' } },
    fields: [
      {
        key: 'client_id',
        label: 'Consumer key',
        required: true,
        description:
          "Setup → App Manager → New Connected App (or External Client App): enable OAuth with the scopes api and refresh_token, set this server's OAuth callback URL as the callback URL, then copy the consumer key.",
      },
      { key: 'client_secret', label: 'Consumer secret', required: true, secret: true, description: 'Shown beside the consumer key (Manage Consumer Details).' },
      {
        key: 'login_url',
        label: 'Login URL',
        type: 'url',
        required: true,
        default: 'https://login.salesforce.com',
        description: 'https://login.salesforce.com for production, https://test.salesforce.com for a sandbox, or your My Domain URL (https://acme.my.salesforce.com).',
      },
    ],
    test: { method: 'GET', path: '/' },
  },
  // Salesforce answers errors as a list: [{ "message": "…", "errorCode": "INVALID_FIELD", "fields": [] }].
  errors: {
    message: '[0].message',
    code: '[0].errorCode',
    byCode: {
      REQUIRED_FIELD_MISSING: 'Salesforce needs more fields: {{body[0].message}}',
      INVALID_TYPE: 'Salesforce does not know that object: {{body[0].message}}',
      MALFORMED_QUERY: 'Salesforce could not read the query: {{body[0].message}}',
      INVALID_FIELD: 'Salesforce does not know a field: {{body[0].message}}',
      NOT_FOUND: 'Salesforce found no such record or object: {{body[0].message}}',
      REQUEST_LIMIT_EXCEEDED: "The org's daily API request limit is used up: {{body[0].message}}",
    },
    byStatus: {
      '401': 'Salesforce refused the session ({{body[0].message}}); reconnect the account.',
      '403': 'Salesforce refused the request: {{body[0].message}} (check the user\'s permissions and that the org has API access).',
      '404': 'Salesforce found nothing there: {{body[0].message}}',
    },
  },
  actions: [
    {
      key: 'create-record',
      name: 'Create record',
      description: "Creates a record of any object. Choose the object; its createable fields appear below, picklists with their values.",
      input: [objectField],
      dynamicFields: { ...describedFields('createable'), required: { nillable: false, defaultedOnCreate: false } },
      request: { method: 'POST', path: '/sobjects/{{input.object}}', json: '{{fields}}' },
      sideEffect: true,
      sample: createdSample,
    },
    {
      key: 'update-record',
      name: 'Update record',
      description: 'Changes fields of one record; fields left empty keep their value. Salesforce answers with no content, so the step has no output.',
      input: [objectField, { key: 'record_id', label: 'Record ID', required: true, description: 'The 15- or 18-character ID, e.g. from a trigger or a "Find record" step.' }],
      dynamicFields: describedFields('updateable'),
      request: { method: 'PATCH', path: '/sobjects/{{input.object}}/{{input.record_id}}', json: '{{fields}}' },
      sideEffect: true,
      sample: null,
    },
    {
      key: 'find-record',
      kind: 'search',
      name: 'Find record',
      description: 'Records whose field equals a value (text, email, phone, picklist, ID and lookup fields), all their fields, newest first.',
      input: [
        objectField,
        { key: 'field', label: 'Field', type: 'select', required: true, description: 'The field to compare, e.g. Email.', dynamicChoices: fieldChoices },
        { key: 'value', label: 'Value', required: true, description: 'Compared exactly (quotes and backslashes are escaped).' },
        { key: 'limit', label: 'At most', type: 'integer', default: 10, description: 'How many records, 1 to 200.' },
      ],
      request: {
        method: 'GET',
        path: '/query',
        query: { q: `SELECT FIELDS(ALL) FROM {{input.object}} WHERE {{input.field}} = ${soqlQuoted('input.value')} ORDER BY CreatedDate DESC LIMIT {{input.limit}}` },
      },
      pagination: { type: 'next_url', items: 'records', next: 'nextRecordsUrl', maxPages: 1 },
      sample: { items: [leadSample] },
    },
    {
      key: 'soql-query',
      kind: 'search',
      name: 'Run SOQL query',
      description: 'Any SOQL SELECT; every page is gathered (Salesforce pages by 2,000 records), at most 5 pages.',
      input: [
        {
          key: 'soql',
          label: 'SOQL query',
          type: 'text',
          required: true,
          placeholder: "SELECT Id, Name FROM Account WHERE Industry = 'Energy'",
          description: "Values from earlier steps belong inside quotes and are not escaped here; use \"Find record\" to compare a field with such a value.",
        },
      ],
      request: { method: 'GET', path: '/query', query: { q: '{{input.soql}}' } },
      pagination: { type: 'next_url', items: 'records', next: 'nextRecordsUrl', maxPages: 5 },
      sample: { items: [leadSample] },
    },
  ],
  triggers: salesforceTriggers,
});
