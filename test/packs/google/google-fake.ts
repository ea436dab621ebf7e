import { simpleParser } from 'mailparser';
import { VendorFake, type FakeReply as Answer, type ReceivedRequest } from '../../support/fake-vendor-server.js';

export interface GoogleRequest {
  method: string;
  /** Decoded path (ranges keep their quotes and `!`). */
  path: string;
  query: Record<string, string>;
  authorization: string | undefined;
  contentType: string | undefined;
  body: string;
}

export interface StoredMessage {
  id: string;
  threadId: string;
  labelIds: string[];
  raw: string;
  from: string;
  subject: string;
}

const googleRequest = ({ method, url, headers, body }: ReceivedRequest): GoogleRequest => ({
  method,
  path: decodeURIComponent(url.pathname),
  query: Object.fromEntries(url.searchParams),
  authorization: headers.authorization,
  contentType: headers['content-type'],
  body,
});

const googleError = (code: number, status: string, message: string): Answer => ({ status: code, body: { error: { code, message, status } } });

/**
 * A local fake of the Google APIs the Sheets and Gmail packs use, following Google's documented contracts:
 * OAuth 2.0 (authorize redirect with code, token endpoint with authorization_code and refresh_token grants,
 * form-encoded, client id and secret in the body), Bearer tokens checked on every API call (401
 * UNAUTHENTICATED otherwise), Google's error body `{ error: { code, message, status } }`, Drive v3
 * files.list, Sheets v4 spreadsheets.get and values.get/append/update on A1 ranges with quoted sheet names,
 * Gmail v1 profile, labels.list, messages.list (q: `from:` terms; pageToken), messages.get, send (raw,
 * base64url) and modify. Every request is recorded.
 */
export class GoogleFake extends VendorFake<GoogleRequest> {
  readonly sheets = new Map<string, string[][]>([['Leads', [['Name', 'Email', 'Plan']]], ["Q1 'draft'", [['A']]]]);
  readonly messages: StoredMessage[] = [];
  readonly clientId = 'switchyard-test.apps.googleusercontent.com';
  readonly clientSecret = 'GOCSPX-test-secret';
  readonly spreadsheetId = '1BxiMVs0XRA5nFMdKvBdBZjgmUUqptlbs74OgvE2upms';
  private readonly valid = new Set<string>();
  private readonly refreshTokens = new Set<string>();
  private issued = 0;

  private constructor() {
    super({ record: googleRequest, contentType: 'application/json; charset=UTF-8' });
  }

  static async start(): Promise<GoogleFake> {
    const fake = new GoogleFake();
    await fake.server.listen();
    return fake;
  }

  /** A token the tests use directly with the SDKs. */
  issueToken(): string {
    const token = `ya29.test-${++this.issued}`;
    this.valid.add(token);
    return token;
  }

  /** Every access token stops working, as when they expire after an hour. */
  expireAccessTokens(): void {
    this.valid.clear();
  }

  requestsTo(pathPrefix: string, method?: string): GoogleRequest[] {
    return this.requests.filter((request) => request.path.startsWith(pathPrefix) && (method === undefined || request.method === method));
  }

  /** A message that arrived in the inbox. */
  receive(from: string, subject: string): StoredMessage {
    const id = `18f3a1c2b4d5${(this.messages.length + 1).toString(16).padStart(4, '0')}`;
    const raw = Buffer.from(`From: ${from}\r\nTo: me@example.com\r\nSubject: ${subject}\r\n\r\nHello`).toString('base64url');
    const message = { id, threadId: id, labelIds: ['INBOX', 'UNREAD'], raw, from, subject };
    this.messages.push(message);
    return message;
  }

  protected async answer(request: GoogleRequest): Promise<Answer> {
    if (request.path === '/o/oauth2/v2/auth') {
      const redirect = new URL(request.query['redirect_uri']!);
      redirect.searchParams.set('code', `code-${++this.issued}`);
      redirect.searchParams.set('state', request.query['state']!);
      return { status: 302, headers: { location: redirect.href } };
    }
    if (request.path === '/token' && request.method === 'POST') return this.token(new URLSearchParams(request.body));
    const token = /^Bearer (.+)$/.exec(request.authorization ?? '')?.[1];
    if (!token || !this.valid.has(token)) {
      return googleError(401, 'UNAUTHENTICATED', 'Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential.');
    }
    return this.sheetsApi(request) ?? this.driveApi(request) ?? (await this.gmailApi(request)) ?? googleError(404, 'NOT_FOUND', 'Requested entity was not found.');
  }

  private token(form: URLSearchParams): Answer {
    if (form.get('client_id') !== this.clientId || form.get('client_secret') !== this.clientSecret) {
      return { status: 401, body: { error: 'invalid_client', error_description: 'The OAuth client was not found.' } };
    }
    const grant = form.get('grant_type');
    if (grant === 'refresh_token' && !this.refreshTokens.has(form.get('refresh_token') ?? '')) {
      return { status: 400, body: { error: 'invalid_grant', error_description: 'Token has been expired or revoked.' } };
    }
    if (grant !== 'refresh_token' && grant !== 'authorization_code') return { status: 400, body: { error: 'unsupported_grant_type' } };
    const accessToken = this.issueToken();
    const body: Record<string, unknown> = { access_token: accessToken, expires_in: 3599, token_type: 'Bearer', scope: 'https://www.googleapis.com/auth/spreadsheets' };
    // Google returns a refresh token only on the code exchange (with access_type=offline).
    if (grant === 'authorization_code') {
      const refresh = `1//refresh-${this.issued}`;
      this.refreshTokens.add(refresh);
      body['refresh_token'] = refresh;
    }
    return { status: 200, body };
  }

  private driveApi(request: GoogleRequest): Answer | undefined {
    if (request.path === '/drive/v3/about') return { status: 200, body: { user: { displayName: 'Ada', emailAddress: 'ada@example.com' } } };
    if (request.path !== '/drive/v3/files') return undefined;
    if (!request.query['q']?.includes("mimeType='application/vnd.google-apps.spreadsheet'")) return { status: 200, body: { files: [] } };
    return { status: 200, body: { files: [{ id: this.spreadsheetId, name: 'Leads 2024' }] } };
  }

  private sheetsApi(request: GoogleRequest): Answer | undefined {
    const match = /^\/v4\/spreadsheets\/([^/]+)(?:\/values\/(.+?))?(:append)?$/.exec(request.path);
    if (!match) return undefined;
    const [, id, range, append] = match;
    if (id !== this.spreadsheetId) return googleError(404, 'NOT_FOUND', 'Requested entity was not found.');
    if (range === undefined) {
      return { status: 200, body: { sheets: [...this.sheets.keys()].map((title, index) => ({ properties: { sheetId: index, title, index, sheetType: 'GRID' } })) } };
    }
    const parsed = /^'((?:[^']|'')+)'(?:!([A-Z]+)(\d+))?(?::[A-Z]+\d*)?$/.exec(range);
    const rows = parsed && this.sheets.get(parsed[1]!.replaceAll("''", "'"));
    if (!parsed || !rows) return googleError(400, 'INVALID_ARGUMENT', `Unable to parse range: ${range}`);
    const quoted = `'${parsed[1]}'`;
    if (request.method === 'GET') return { status: 200, body: { range: `${quoted}!A1:Z${rows.length}`, majorDimension: 'ROWS', values: rows } };
    const body = JSON.parse(request.body) as { values: string[][] };
    if (request.query['valueInputOption'] !== 'USER_ENTERED' && request.query['valueInputOption'] !== 'RAW') {
      return googleError(400, 'INVALID_ARGUMENT', "'valueInputOption' is required but not specified");
    }
    const at = append ? rows.length + 1 : Number(parsed[3]);
    body.values.forEach((values, offset) => (rows[at - 1 + offset] = values.map(String)));
    const updatedRange = `${quoted}!A${at}:${String.fromCharCode(64 + body.values[0]!.length)}${at + body.values.length - 1}`;
    const updates = { spreadsheetId: id, updatedRange, updatedRows: body.values.length, updatedColumns: body.values[0]!.length, updatedCells: body.values.flat().length };
    return { status: 200, body: append ? { spreadsheetId: id, tableRange: `${quoted}!A1:C${at - 1}`, updates } : updates };
  }

  private async gmailApi(request: GoogleRequest): Promise<Answer | undefined> {
    const prefix = '/gmail/v1/users/me';
    if (!request.path.startsWith(prefix)) return undefined;
    const path = request.path.slice(prefix.length);
    if (path === '/profile') return { status: 200, body: { emailAddress: 'me@example.com', messagesTotal: this.messages.length, threadsTotal: this.messages.length, historyId: '4711' } };
    if (path === '/labels') return { status: 200, body: { labels: [{ id: 'INBOX', name: 'INBOX', type: 'system' }, { id: 'Label_12', name: 'Customers', type: 'user' }] } };
    if (path === '/messages' && request.method === 'GET') return this.listMessages(request.query);
    if (path === '/messages/send' && request.method === 'POST') {
      const { raw } = JSON.parse(request.body) as { raw?: string };
      if (!raw) return googleError(400, 'INVALID_ARGUMENT', "'raw' RFC822 payload message string or uploading message via /upload/* URL required");
      const parsed = await simpleParser(Buffer.from(raw, 'base64url'));
      const id = `190000000000${(this.messages.length + 1).toString(16).padStart(4, '0')}`;
      this.messages.push({ id, threadId: id, labelIds: ['SENT'], raw, from: 'me@example.com', subject: parsed.subject ?? '' });
      return { status: 200, body: { id, threadId: id, labelIds: ['SENT'] } };
    }
    const one = /^\/messages\/([^/]+)(\/modify)?$/.exec(path);
    const message = one && this.messages.find((candidate) => candidate.id === one[1]);
    if (!one || !message) return googleError(404, 'NOT_FOUND', 'Requested entity was not found.');
    if (one[2]) {
      const change = JSON.parse(request.body) as { addLabelIds?: string[]; removeLabelIds?: string[] };
      message.labelIds = [...new Set([...message.labelIds, ...(change.addLabelIds ?? [])])].filter((label) => !change.removeLabelIds?.includes(label));
      return { status: 200, body: { id: message.id, threadId: message.threadId, labelIds: message.labelIds } };
    }
    return {
      status: 200,
      body: {
        id: message.id, threadId: message.threadId, labelIds: message.labelIds, snippet: 'Hello',
        payload: { mimeType: 'text/plain', headers: [{ name: 'From', value: message.from }, { name: 'Subject', value: message.subject }] },
      },
    };
  }

  /** Newest first, two per page, so pagination is exercised; `from:x` keeps messages from x. */
  private listMessages(query: Record<string, string>): Answer {
    const from = /from:(\S+)/.exec(query['q'] ?? '')?.[1];
    const matching = this.messages.filter((message) => message.labelIds.includes('INBOX') && (from === undefined || message.from.includes(from))).reverse();
    const start = Number(query['pageToken'] ?? 0);
    const page = matching.slice(start, start + 2);
    const next = start + 2 < matching.length ? { nextPageToken: String(start + 2) } : {};
    return { status: 200, body: { messages: page.map(({ id, threadId }) => ({ id, threadId })), resultSizeEstimate: matching.length, ...next } };
  }
}
