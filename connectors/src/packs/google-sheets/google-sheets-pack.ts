import { definePack } from '../define-pack.js';
import { googleAuth, googleErrors } from './google-auth.js';

const icon =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><path d="M5 1h10l5 5v15a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2V3a2 2 0 0 1 2-2z" fill="#0f9d58"/>' +
  '<path d="M15 1v5h5z" fill="#87ceac"/><path d="M7 10h10v8H7zM7 13h10M7 16h10M11 10v8" stroke="#fff" stroke-width="1.2" fill="none"/></svg>';

// A1 notation quotes a sheet name and doubles its quotes ('Q1 ''24'!A1), so any tab name is one range.
const sheetRange = `'{{input.sheet | replace: "'", "''"}}'`;

const spreadsheetField = {
  key: 'spreadsheet_id',
  label: 'Spreadsheet',
  type: 'select' as const,
  required: true,
  description: 'Your most recently changed spreadsheets; or the ID from its URL (docs.google.com/spreadsheets/d/<ID>/edit).',
  dynamicChoices: {
    // Drive v3 files.list, spreadsheets only, newest changes first.
    request: {
      method: 'GET' as const,
      path: '{{connection.drive_url}}/drive/v3/files',
      query: {
        q: "mimeType='application/vnd.google-apps.spreadsheet' and trashed=false",
        orderBy: 'modifiedTime desc',
        pageSize: '100',
        fields: 'files(id,name)',
        supportsAllDrives: 'true',
        includeItemsFromAllDrives: 'true',
      },
    },
    items: 'files',
    label: '{{item.name}}',
    value: '{{item.id}}',
  },
};

const sheetField = {
  key: 'sheet',
  label: 'Sheet (tab)',
  type: 'select' as const,
  required: true,
  description: 'The tab inside the spreadsheet. Its first row must hold the column names.',
  dynamicChoices: {
    request: { method: 'GET' as const, path: '/v4/spreadsheets/{{input.spreadsheet_id}}', query: { fields: 'sheets.properties' } },
    items: 'sheets',
    label: '{{item.properties.title}}',
    value: '{{item.properties.title}}',
    dependsOn: ['spreadsheet_id'],
  },
};

const valuesField = {
  key: 'values',
  label: 'Cells',
  type: 'json' as const,
  required: true,
  placeholder: '["{{trigger.name}}", "{{trigger.email}}", 42]',
  description: 'A list of cell values in column order (A, B, C, …). Values are entered as if typed: "=SUM(B2:B9)" is a formula, "2024-06-01" a date.',
};

const row = { row_number: 7, Name: 'Ada Lovelace', Email: 'ada@example.com', Plan: 'Pro' };

/**
 * Google Sheets (Sheets API v4, developers.google.com/sheets/api/reference/rest): rows are read with
 * `spreadsheets.values.get` and turned into objects named by the header row (the pack format's `table`),
 * appended with `values.append` (USER_ENTERED, INSERT_ROWS) and written with `values.update`. Spreadsheets
 * to choose from come from Drive v3 `files.list`. The "new row" trigger keys rows by their row number, as
 * Zapier's does: rows added at the bottom fire once; empty rows do not count until they are filled in.
 */
export const googleSheetsPack = definePack({
  id: 'google-sheets',
  name: 'Google Sheets',
  version: '1.0.0',
  engine: '^1.0.0',
  description: 'Add, update and find rows in Google Sheets, and start recipes when a row is added.',
  homepage: 'https://developers.google.com/sheets/api',
  icon,
  baseUrl: '{{connection.base_url}}',
  auth: googleAuth({
      scopes: ['https://www.googleapis.com/auth/spreadsheets', 'https://www.googleapis.com/auth/drive.metadata.readonly'],
      apiFields: [
        { key: 'base_url', label: 'Sheets API base URL', default: 'https://sheets.googleapis.com' },
        { key: 'drive_url', label: 'Drive API base URL', default: 'https://www.googleapis.com' },
      ],
    test: { path: '{{connection.drive_url}}/drive/v3/about?fields=user' },
  }),
  errors: googleErrors,
  actions: [
    {
      key: 'append-row',
      name: 'Add row',
      description: 'Adds a row below the last row of the table on the sheet.',
      input: [spreadsheetField, sheetField, valuesField],
      request: {
        method: 'POST',
        path: `/v4/spreadsheets/{{input.spreadsheet_id}}/values/${sheetRange}!A1:append`,
        query: { valueInputOption: 'USER_ENTERED', insertDataOption: 'INSERT_ROWS', includeValuesInResponse: 'true' },
        json: { majorDimension: 'ROWS', values: ['{{input.values}}'] },
      },
      output: 'updates',
      sample: {
        spreadsheetId: '1BxiMVs0XRA5nFMdKvBdBZjgmUUqptlbs74OgvE2upms',
        updatedRange: "'Leads'!A8:C8",
        updatedRows: 1,
        updatedColumns: 3,
        updatedCells: 3,
        updatedData: { range: "'Leads'!A8:C8", majorDimension: 'ROWS', values: [['Ada Lovelace', 'ada@example.com', 'Pro']] },
      },
    },
    {
      key: 'update-row',
      name: 'Update row',
      description: 'Overwrites the cells of one row, from column A on; cells beyond the list stay as they are.',
      input: [
        spreadsheetField,
        sheetField,
        { key: 'row_number', label: 'Row number', type: 'integer', required: true, description: 'e.g. {{trigger.row_number}} from the "New row" trigger or a found row.' },
        valuesField,
      ],
      request: {
        method: 'PUT',
        path: `/v4/spreadsheets/{{input.spreadsheet_id}}/values/${sheetRange}!A{{input.row_number}}`,
        query: { valueInputOption: 'USER_ENTERED', includeValuesInResponse: 'true' },
        json: { majorDimension: 'ROWS', values: ['{{input.values}}'] },
      },
      sample: {
        spreadsheetId: '1BxiMVs0XRA5nFMdKvBdBZjgmUUqptlbs74OgvE2upms',
        updatedRange: "'Leads'!A7:C7",
        updatedRows: 1,
        updatedColumns: 3,
        updatedCells: 3,
        updatedData: { range: "'Leads'!A7:C7", majorDimension: 'ROWS', values: [['Ada Lovelace', 'ada@example.com', 'Team']] },
      },
    },
    {
      key: 'find-rows',
      kind: 'search',
      name: 'Find rows',
      description: 'Rows whose cell in a column equals a value (trimmed, any case), each named by the header row, with its row number.',
      input: [
        spreadsheetField,
        sheetField,
        { key: 'column', label: 'Column name', required: true, placeholder: 'Email', description: 'As written in the first row of the sheet (or a column letter for a column without a name).' },
        { key: 'value', label: 'Value', required: true },
      ],
      request: {
        method: 'GET',
        path: `/v4/spreadsheets/{{input.spreadsheet_id}}/values/${sheetRange}`,
        query: { majorDimension: 'ROWS', valueRenderOption: 'FORMATTED_VALUE' },
        table: { where: { column: '{{input.column}}', equals: '{{input.value}}' } },
      },
      output: 'values',
      sample: [row],
    },
  ],
  triggers: [
    {
      kind: 'poll',
      key: 'new-row',
      name: 'New row',
      description:
        'Starts when a row is added at the bottom of a sheet (checked every 2 minutes). The first check only notes the rows already there. Cells are named by the first row.',
      input: [spreadsheetField, sheetField],
      request: {
        method: 'GET',
        path: `/v4/spreadsheets/{{input.spreadsheet_id}}/values/${sheetRange}`,
        query: { majorDimension: 'ROWS', valueRenderOption: 'FORMATTED_VALUE' },
        table: {},
      },
      items: 'values',
      id: 'row_number',
      order: 'oldest_first',
      intervalSeconds: 120,
      sample: row,
    },
  ],
});
