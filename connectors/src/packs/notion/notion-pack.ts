import { definePack } from '../define-pack.js';
import { notionBlockActions } from './notion-blocks.js';
import { notionTriggers } from './notion-triggers.js';
import { notionVersion } from './notion-version.js';
import { samplePage } from './notion-samples.js';
import { dataSourceField, pageIdField, propertyFields } from './notion-fields.js';

const icon =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><rect x="2.5" y="2.5" width="19" height="19" rx="3" fill="#fff" stroke="#111" stroke-width="1.6"/>' +
  '<path d="M8 7.5v9M8 7.5l8 9M16 7.5v9" stroke="#111" stroke-width="1.8" fill="none" stroke-linecap="round"/></svg>';

/**
 * Notion (https://developers.notion.com/reference, API version pinned in `Notion-Version`): database items
 * (pages in a data source) created, updated, found and polled; blocks appended; page and database events
 * through a webhook subscription verified with the token Notion sends once. Connect with OAuth (a public
 * integration) or paste an internal integration secret. Errors are `{ object: "error", status, code, message }`.
 */
export const notionPack = definePack({
  id: 'notion',
  name: 'Notion',
  version: '1.0.0',
  engine: '^1.0.0',
  description: 'Create and update database items, append content to pages, find items, and start recipes from new or changed items and Notion webhooks.',
  homepage: 'https://developers.notion.com/reference/intro',
  icon,
  baseUrl: '{{connection.base_url}}/v1',
  headers: { 'Notion-Version': notionVersion },
  // Notion allows an average of three requests per second per integration (https://developers.notion.com/reference/request-limits).
  throttle: { requests: 3, perSeconds: 1 },
  auth: {
    kind: 'oauth2',
    authorizationUrl: '{{connection.base_url}}/v1/oauth/authorize',
    tokenUrl: '{{connection.base_url}}/v1/oauth/token',
    // Notion has no scopes: the user picks the pages to share on its consent screen. `owner=user` is required.
    authorizeParams: { owner: 'user' },
    pkce: false,
    clientAuth: 'basic',
    capture: { fromToken: { workspace_id: 'workspace_id', workspace_name: 'workspace_name', bot_id: 'bot_id' } },
    pasteToken: {
      label: 'Internal integration secret',
      description: 'Instead of connecting through OAuth: notion.so/profile/integrations → your internal integration → Configuration → Internal Integration Secret (ntn_…). Then share each page or database with the integration (••• → Connections).',
    },
    fields: [
      {
        key: 'client_id',
        label: 'OAuth client ID',
        description: 'For connecting through OAuth: notion.so/profile/integrations → your public integration → Configuration; add this server’s OAuth callback URL as a redirect URI. Not needed with a pasted secret.',
      },
      { key: 'client_secret', label: 'OAuth client secret', secret: true, description: 'Next to the client ID.' },
      {
        key: 'base_url',
        label: 'Notion API address',
        type: 'url',
        required: true,
        advanced: true,
        default: 'https://api.notion.com',
        description: 'Leave as is; change only for a proxy or a test server.',
      },
    ],
    // The integration's own bot user: 200 for a working token, 401 `unauthorized` otherwise.
    test: { method: 'GET', path: '/users/me' },
  },
  errors: {
    message: 'message',
    code: 'code',
    byCode: {
      object_not_found: 'Notion cannot find it (object_not_found): check the ID and share the page or database with the integration (••• → Connections).',
      restricted_resource: 'The integration may not do this (restricted_resource): give it the capability under the integration’s Capabilities, or share the page with it.',
      unauthorized: 'Notion refused the token (unauthorized): reconnect the Notion connection.',
      validation_error: 'Notion refused the request: {{body.message}}',
      conflict_error: 'Notion saw a conflicting edit at the same time (conflict_error); run the step again.',
    },
  },
  actions: [
    {
      key: 'create-database-item',
      name: 'Create database item',
      description: 'Adds a page to a database (its data source): choose the database, then fill in its properties.',
      input: [dataSourceField],
      dynamicFields: propertyFields(true),
      request: {
        method: 'POST',
        path: '/pages',
        json: { parent: { type: 'data_source_id', data_source_id: '{{input.data_source_id}}' }, properties: '{{fields}}' },
      },
      sample: samplePage,
    },
    {
      key: 'update-page',
      name: 'Update page',
      description: 'Changes the properties you fill in (the others keep their value), or moves the page to the trash.',
      input: [
        pageIdField,
        {
          ...dataSourceField,
          required: false,
          description: 'The page’s database, to show its properties here. Leave empty to only move the page to or from the trash.',
        },
        { key: 'in_trash', label: 'Move to trash', type: 'boolean', description: 'On: archive the page (Notion’s trash). Off: restore it. Leave empty to keep it as it is.' },
      ],
      dynamicFields: propertyFields(false),
      request: { method: 'PATCH', path: '/pages/{{input.page_id}}', json: { properties: '{{fields}}', in_trash: '{{input.in_trash}}' } },
      sample: samplePage,
    },
    ...notionBlockActions,
    {
      key: 'find-items',
      kind: 'search',
      name: 'Find database items',
      description: 'Database items matching a Notion filter, in the order asked for (every page, up to 500 items).',
      input: [
        dataSourceField,
        {
          key: 'filter',
          label: 'Filter (JSON)',
          type: 'json',
          description: 'A Notion filter object, e.g. {"property": "Status", "status": {"equals": "Done"}} or {"and": [ … ]}. Leave empty for every item.',
        },
        {
          key: 'sorts',
          label: 'Sort (JSON)',
          type: 'json',
          description: 'A list of sorts, e.g. [{"property": "Due", "direction": "ascending"}] or [{"timestamp": "created_time", "direction": "descending"}].',
        },
      ],
      request: {
        method: 'POST',
        path: '/data_sources/{{input.data_source_id}}/query',
        json: { filter: '{{input.filter}}', sorts: '{{input.sorts}}', page_size: 100 },
      },
      pagination: { type: 'cursor', items: 'results', cursor: 'next_cursor', param: 'start_cursor', in: 'body', maxPages: 5 },
      sideEffect: false,
      sample: { items: [samplePage] },
    },
  ],
  triggers: notionTriggers,
});
