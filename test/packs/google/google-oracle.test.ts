import { auth as googleAuth, gmail as gmailApi } from '@googleapis/gmail';
import { sheets as sheetsApi } from '@googleapis/sheets';
import { simpleParser } from 'mailparser';
import { beforeAll, describe, expect, it } from 'vitest';
import { useResources } from '../../support/resources.js';
import { SwitchyardProcess } from '../../support/switchyard-process.js';
import { connectGoogle, testStep } from './google-connect.js';
import { GoogleFake, type GoogleRequest } from './google-fake.js';

/**
 * Each Google Sheets and Gmail action run through Switchyard (a draft step test) and the same operation
 * made with Google's SDK (@googleapis/sheets, @googleapis/gmail, rootUrl at the fake): same method, path,
 * query, decoded body and Bearer auth. Also OAuth (offline access, consent, scopes), the refresh of an
 * expired access token, dynamic choices and Google's error body.
 */
describe('Google packs against the googleapis SDKs', () => {
  const own = useResources('all');
  let server: SwitchyardProcess;
  let fake: GoogleFake;
  let sheetsConnection: string;
  let gmailConnection: string;
  let sdkToken: string;

  beforeAll(async () => {
    fake = own(await GoogleFake.start());
    server = own(await SwitchyardProcess.launch());
    const sheets = await connectGoogle(server, fake, 'google-sheets');
    sheetsConnection = sheets.id;
    const params = Object.fromEntries(sheets.authorizeUrl.searchParams);
    expect(params).toMatchObject({ access_type: 'offline', prompt: 'consent', response_type: 'code', client_id: fake.clientId, code_challenge_method: 'S256' });
    expect(params['scope']!.split(' ')).toEqual(['https://www.googleapis.com/auth/spreadsheets', 'https://www.googleapis.com/auth/drive.metadata.readonly']);
    gmailConnection = (await connectGoogle(server, fake, 'gmail')).id;
    sdkToken = fake.issueToken();
  });

  const sdkAuth = () => {
    const client = new googleAuth.OAuth2();
    client.setCredentials({ access_token: sdkToken });
    return client;
  };
  /** Runs ours, then the SDK's, and returns the two requests to the given path prefix. */
  async function pair(prefix: string, ours: () => Promise<unknown>, sdk: () => Promise<unknown>): Promise<[GoogleRequest, GoogleRequest]> {
    const before = fake.requestsTo(prefix).length;
    await ours();
    await sdk();
    const seen = fake.requestsTo(prefix).slice(before);
    expect(seen).toHaveLength(2);
    return [seen[0]!, seen[1]!];
  }
  function expectSame(ours: GoogleRequest, theirs: GoogleRequest) {
    expect(ours.method).toBe(theirs.method);
    expect(ours.path).toBe(theirs.path);
    expect(ours.query).toEqual(theirs.query);
    expect(ours.body === '' ? null : JSON.parse(ours.body)).toEqual(theirs.body === '' ? null : JSON.parse(theirs.body));
    expect(ours.authorization).toMatch(/^Bearer ya29\.test-\d+$/);
    expect(theirs.authorization).toBe(`Bearer ${sdkToken}`);
  }

  it('Sheets: add, update and find rows match the SDK; the sheet name is quoted in A1 ranges', async () => {
    const sdk = sheetsApi({ version: 'v4', rootUrl: `${fake.url}/`, auth: sdkAuth() });
    const spreadsheetId = fake.spreadsheetId;
    const row = ['Ada', 'ada@example.com', 'Pro'];
    const [ourAppend, sdkAppend] = await pair(
      '/v4/',
      () => testStep(server, sheetsConnection, 'google-sheets/append-row', { spreadsheet_id: spreadsheetId, sheet: 'Leads', values: row }),
      () => sdk.spreadsheets.values.append({
        spreadsheetId, range: "'Leads'!A1", valueInputOption: 'USER_ENTERED', insertDataOption: 'INSERT_ROWS', includeValuesInResponse: true,
        requestBody: { majorDimension: 'ROWS', values: [row] },
      }),
    );
    expectSame(ourAppend, sdkAppend);
    expect(ourAppend.path).toBe(`/v4/spreadsheets/${spreadsheetId}/values/'Leads'!A1:append`);

    const [ourUpdate, sdkUpdate] = await pair(
      '/v4/',
      () => testStep(server, sheetsConnection, 'google-sheets/update-row', { spreadsheet_id: spreadsheetId, sheet: "Q1 'draft'", row_number: 2, values: ['x'] }),
      () => sdk.spreadsheets.values.update({
        spreadsheetId, range: "'Q1 ''draft'''!A2", valueInputOption: 'USER_ENTERED', includeValuesInResponse: true,
        requestBody: { majorDimension: 'ROWS', values: [['x']] },
      }),
    );
    expectSame(ourUpdate, sdkUpdate);

    let found: unknown;
    const [ourFind, sdkFind] = await pair(
      '/v4/',
      async () => (found = await testStep(server, sheetsConnection, 'google-sheets/find-rows', { spreadsheet_id: spreadsheetId, sheet: 'Leads', column: 'email', value: 'ADA@example.com ' })),
      () => sdk.spreadsheets.values.get({ spreadsheetId, range: "'Leads'", majorDimension: 'ROWS', valueRenderOption: 'FORMATTED_VALUE' }),
    );
    expectSame(ourFind, sdkFind);
    // Two Ada rows were written by the pair above (ours and the SDK's); both are found, named by the header row.
    expect(found).toMatchObject({ ok: true, output: [{ row_number: 2, Name: 'Ada', Email: 'ada@example.com', Plan: 'Pro' }, { row_number: 3, Name: 'Ada' }] });
  });

  it('Sheets: spreadsheets and tabs as choices (Drive files.list, spreadsheets.get) match the SDK', async () => {
    const sdk = sheetsApi({ version: 'v4', rootUrl: `${fake.url}/`, auth: sdkAuth() });
    const choices = async (field: string, input: Record<string, unknown>) =>
      server.api<{ choices: { label: string; value: string }[] }>('POST', `/packs/google-sheets/actions/append-row/fields/${field}/choices`, { connection: sheetsConnection, input });
    const [ourTabs, sdkTabs] = await pair(
      '/v4/',
      async () => expect((await choices('sheet', { spreadsheet_id: fake.spreadsheetId })).body.choices).toEqual([{ label: 'Leads', value: 'Leads' }, { label: "Q1 'draft'", value: "Q1 'draft'" }]),
      () => sdk.spreadsheets.get({ spreadsheetId: fake.spreadsheetId, fields: 'sheets.properties' }),
    );
    expectSame(ourTabs, sdkTabs);
    const files = await choices('spreadsheet_id', {});
    expect(files.body.choices).toEqual([{ label: 'Leads 2024', value: fake.spreadsheetId }]);
    expect(fake.requestsTo('/drive/v3/files').at(-1)!.query).toMatchObject({ q: "mimeType='application/vnd.google-apps.spreadsheet' and trashed=false", fields: 'files(id,name)' });
  });

  it('Gmail: send (raw MIME with cc, bcc, reply-to, HTML and an attachment) and add label match the SDK', async () => {
    const sdk = gmailApi({ version: 'v1', rootUrl: `${fake.url}/`, auth: sdkAuth() });
    const csv = Buffer.from('name,email\nAda,ada@example.com\n');
    const sdkRaw = Buffer.from(
      ['To: ada@example.com, bob@example.com', 'Cc: carol@example.com', 'Bcc: dave@example.com', 'Reply-To: sales@example.com', 'Subject: Your report',
        'MIME-Version: 1.0', 'Content-Type: text/plain', '', 'Attached.'].join('\r\n'),
    ).toString('base64url');
    const [ourSend, sdkSend] = await pair(
      '/gmail/v1/users/me/messages/send',
      () => testStep(server, gmailConnection, 'gmail/send-email', {
        to: 'ada@example.com, bob@example.com', cc: 'carol@example.com', bcc: 'dave@example.com', reply_to: 'sales@example.com',
        subject: 'Your report', body: 'Attached.', html: '<p>Attached.</p>', attachment: { base64: csv.toString('base64'), filename: 'report.csv', contentType: 'text/csv' },
      }),
      () => sdk.users.messages.send({ userId: 'me', requestBody: { raw: sdkRaw } }),
    );
    expect([ourSend.method, ourSend.path, ourSend.query, ourSend.contentType]).toEqual([sdkSend.method, sdkSend.path, sdkSend.query, 'application/json']);
    expect(Object.keys(JSON.parse(ourSend.body) as object)).toEqual(Object.keys(JSON.parse(sdkSend.body) as object));
    const ours = await simpleParser(Buffer.from((JSON.parse(ourSend.body) as { raw: string }).raw, 'base64url'));
    const theirs = await simpleParser(Buffer.from(sdkRaw, 'base64url'));
    for (const header of ['to', 'cc', 'bcc', 'reply-to', 'subject']) expect(ours.headers.get(header)).toEqual(theirs.headers.get(header));
    expect(ours.text?.trim()).toBe('Attached.');
    expect(ours.html).toContain('<p>Attached.</p>');
    expect(ours.attachments.map((a) => [a.filename, a.contentType, a.content.toString()])).toEqual([['report.csv', 'text/csv', csv.toString()]]);
    expect(ourSend.authorization).toMatch(/^Bearer ya29\./);

    const message = fake.receive('billing@example.com', 'Invoice');
    const [ourLabel, sdkLabel] = await pair(
      `/gmail/v1/users/me/messages/${message.id}/modify`,
      () => testStep(server, gmailConnection, 'gmail/add-label', { message_id: message.id, label_ids: ['Label_12'] }),
      () => sdk.users.messages.modify({ userId: 'me', id: message.id, requestBody: { addLabelIds: ['Label_12'] } }),
    );
    expectSame(ourLabel, sdkLabel);
    const labels = await server.api<{ choices: { label: string; value: string }[] }>('POST', '/packs/gmail/actions/add-label/fields/label_ids/choices', { connection: gmailConnection, input: {} });
    expect(labels.body.choices).toContainEqual({ label: 'Customers', value: 'Label_12' });
  });

  it('refreshes an expired access token with the refresh token and the call succeeds', async () => {
    fake.expireAccessTokens();
    sdkToken = fake.issueToken();
    const before = fake.requestsTo('/token').length;
    const answer = await testStep(server, gmailConnection, 'gmail/add-label', { message_id: fake.messages[0]!.id, label_ids: ['INBOX'] });
    expect(answer).toMatchObject({ ok: true, output: { labelIds: expect.arrayContaining(['INBOX']) } });
    const refresh = new URLSearchParams(fake.requestsTo('/token').slice(before)[0]!.body);
    expect(Object.fromEntries(refresh)).toMatchObject({ grant_type: 'refresh_token', refresh_token: expect.stringMatching(/^1\/\/refresh-/), client_id: fake.clientId, client_secret: fake.clientSecret });
  });

  it("shows Google's error message", async () => {
    const answer = await testStep(server, sheetsConnection, 'google-sheets/append-row', { spreadsheet_id: 'missing', sheet: 'Leads', values: ['x'] });
    expect(answer.ok).toBe(false);
    expect(answer.error?.message).toContain('Requested entity was not found.');
    const bad = await testStep(server, sheetsConnection, 'google-sheets/append-row', { spreadsheet_id: fake.spreadsheetId, sheet: 'Nope', values: ['x'] });
    expect(bad.error?.message).toContain("Unable to parse range: 'Nope'!A1");
  });
});
