import { definePack } from '../define-pack.js';
import { changeColumnValuesQuery, columnsQuery, boardsQuery, createItemQuery, createUpdateQuery, findItemsQuery, meQuery } from './monday-queries.js';
import { itemSample, updateSample } from './monday-samples.js';
import { mondayTriggers } from './monday-triggers.js';

const icon =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><g stroke-linecap="round" stroke-width="4">' +
  '<path d="M4 17 8.5 8" stroke="#ff3d57"/><path d="M11 17l4.5-9" stroke="#ffcb00"/></g><circle cx="19.5" cy="16" r="2.3" fill="#00ca72"/></svg>';

const board = {
  key: 'board_id',
  label: 'Board',
  type: 'select' as const,
  required: true,
  dynamicChoices: { request: { method: 'POST' as const, path: '/v2', json: { query: boardsQuery } }, items: 'data.boards', label: '{{item.name}}', value: '{{item.id}}' },
};
const columnValues = (required: boolean) => ({
  key: 'column_values',
  label: 'Column values',
  type: 'json' as const,
  required,
  placeholder: '{ "status": { "label": "Done" }, "date4": { "date": "2026-12-01" } }',
  description: 'An object keyed by column ID, each value in the column type’s JSON format (developer.monday.com → Column types).',
});
const createLabels = { key: 'create_labels', label: 'Create missing labels', type: 'boolean' as const, description: 'Add status or dropdown labels that do not exist yet instead of failing.' };
const itemId = { key: 'item_id', label: 'Item ID', required: true, placeholder: '1772099344', description: 'The item’s ID: the number after /pulses/ in its address, or event.pulseId of a trigger.' };

/**
 * monday.com (https://developer.monday.com/api-reference): items, column values and updates over its GraphQL
 * API (one endpoint, `POST /v2`, values as variables, `API-Version` pinned). GraphQL failures come back as
 * HTTP 200 with `errors`; budget and rate-limit ones are retried. Connects through an OAuth app or with a
 * pasted API token, which monday reads from `Authorization` without `Bearer`.
 */
export const mondayPack = definePack({
  id: 'monday',
  name: 'monday.com',
  version: '1.0.0',
  engine: '^1.0.0',
  description: 'Create items, change their column values, post updates and find items on monday.com boards; start recipes from board events.',
  homepage: 'https://monday.com',
  icon,
  baseUrl: '{{connection.base_url}}',
  auth: {
    kind: 'oauth2',
    authorizationUrl: '{{connection.auth_url}}/oauth2/authorize',
    tokenUrl: '{{connection.auth_url}}/oauth2/token',
    scopes: ['me:read', 'boards:read', 'boards:write', 'updates:write', 'webhooks:write'],
    clientAuth: 'body',
    // monday's OAuth has no PKCE; its tokens do not expire.
    pkce: false,
    tokenHeader: 'Authorization',
    pasteToken: { label: 'API token', description: 'Instead of an OAuth app: your avatar → Developers → My access tokens (admins: Administration → Connections → API).' },
    fields: [
      {
        key: 'signing_secret',
        label: 'App signing secret',
        secret: true,
        description: 'Only for the triggers: Developer Center → your app → Basic information → Signing Secret. monday signs webhook requests with it.',
      },
      { key: 'base_url', label: 'API base URL', type: 'url', required: true, default: 'https://api.monday.com', advanced: true, description: 'Change only for a proxy or a test server.' },
      { key: 'auth_url', label: 'Sign-in base URL', type: 'url', required: true, default: 'https://auth.monday.com', advanced: true, description: 'Where OAuth sign-in happens; change only for a test server.' },
    ],
    test: { method: 'POST', path: '/v2', json: { query: meQuery } },
  },
  // A pinned version: monday changes schemas and error shapes between versions.
  headers: { 'API-Version': '2025-07' },
  errors: {
    message: 'errors[0].message',
    code: 'errors[0].extensions.code',
    failWhen: { path: 'errors[0]', present: true },
    // A bad token is an HTTP 401; UserUnauthorizedException is a permission the user lacks, not a reconnect.
    retryCodes: ['COMPLEXITY_BUDGET_EXHAUSTED', 'RATE_LIMIT_EXCEEDED', 'FIELD_LIMIT_EXCEEDED', 'maxConcurrencyExceeded'],
    byCode: {
      DAILY_LIMIT_EXCEEDED: 'The monday account used up its daily API calls; they reset at midnight UTC.',
      InvalidBoardIdException: 'monday found no such board ({{body.errors[0].message}}).',
      InvalidItemIdException: 'monday found no such item ({{body.errors[0].message}}).',
      InvalidColumnIdException: 'A column ID in the values does not exist on this board ({{body.errors[0].message}}).',
      ColumnValueException: 'monday refused a column value: {{body.errors[0].message}}',
      UserUnauthorizedException: 'This monday user may not do that: {{body.errors[0].message}}',
    },
    byStatus: { '401': 'monday refused the token (HTTP 401); reconnect, or paste a new API token.' },
  },
  actions: [
    {
      key: 'create-item',
      name: 'Create item',
      description: 'Adds an item to a board, with column values.',
      input: [
        board,
        { key: 'group_id', label: 'Group ID', description: 'Empty puts it in the board’s top group.', placeholder: 'topics' },
        { key: 'name', label: 'Item name', required: true },
        columnValues(false),
        createLabels,
      ],
      request: {
        method: 'POST',
        path: '/v2',
        json: {
          query: createItemQuery,
          // monday's JSON scalar is a JSON text.
          variables: { board: '{{input.board_id}}', group: '{{input.group_id}}', name: '{{input.name}}', values: '{{input.column_values | json}}', labels: '{{input.create_labels}}' },
        },
      },
      output: 'data.create_item',
      sample: itemSample,
    },
    {
      key: 'change-column-values',
      name: 'Change column values',
      description: 'Sets several columns of an item at once.',
      input: [board, itemId, columnValues(true), createLabels],
      request: {
        method: 'POST',
        path: '/v2',
        json: { query: changeColumnValuesQuery, variables: { board: '{{input.board_id}}', item: '{{input.item_id}}', values: '{{input.column_values | json}}', labels: '{{input.create_labels}}' } },
      },
      output: 'data.change_multiple_column_values',
      sample: itemSample,
    },
    {
      key: 'create-update',
      name: 'Post update',
      description: 'Posts an update (comment) on an item.',
      input: [itemId, { key: 'body', label: 'Text', type: 'text', required: true, description: 'Text or HTML.' }],
      request: { method: 'POST', path: '/v2', json: { query: createUpdateQuery, variables: { item: '{{input.item_id}}', body: '{{input.body}}' } } },
      output: 'data.create_update',
      sample: updateSample,
    },
    {
      key: 'find-items',
      kind: 'search',
      name: 'Find items by column value',
      description: 'Items of a board whose column holds a value (items_page_by_column_values), over up to 10 pages.',
      input: [
        board,
        {
          key: 'column_id',
          label: 'Column',
          type: 'select',
          required: true,
          dynamicChoices: {
            request: { method: 'POST', path: '/v2', json: { query: columnsQuery, variables: { board: ['{{input.board_id}}'] } } },
            items: 'data.boards[0].columns',
            label: '{{item.title}}',
            value: '{{item.id}}',
            dependsOn: ['board_id'],
          },
        },
        { key: 'value', label: 'Value', required: true, description: 'The column’s text, e.g. a status label or an email.' },
        { key: 'limit', label: 'Items per page', type: 'integer', default: 100, description: 'Up to 500.', advanced: true },
      ],
      request: { method: 'POST', path: '/v2', json: { query: findItemsQuery, variables: { board: '{{input.board_id}}', column: '{{input.column_id}}', value: '{{input.value}}', limit: '{{input.limit}}' } } },
      pagination: { type: 'cursor', items: 'data.items_page_by_column_values.items', cursor: 'data.items_page_by_column_values.cursor', param: 'variables.cursor', in: 'body' },
      sample: { items: [itemSample] },
    },
  ],
  triggers: mondayTriggers,
});
