import { createHash } from 'node:crypto';
import { bearerToken, recordRequest, VendorFake, type FakeReply as Reply, type ReceivedRequest, type RecordedRequest } from '../../support/fake-vendor-server.js';
import { formulaFilter, type RecordView } from './airtable-formula.js';

export type AirtableRequest = RecordedRequest;

export interface FakeRecord extends RecordView {
  id: string;
}

interface Table {
  id: string;
  name: string;
  records: FakeRecord[];
}

/** Airtable's error body: `{ error: { type, message } }`, or `{ error: "NOT_FOUND" }` for unknown paths. */
const error = (status: number, type: string, message: string): Reply => ({ status, body: { error: { type, message } } });

/**
 * A local stand-in for Airtable's Web API (airtable.com/developers/web/api) on 127.0.0.1: Bearer tokens;
 * bases and tables from the meta API; list (filterByFormula, sort, view, pageSize, offset tokens), create,
 * update and upsert (performUpsert.fieldsToMergeOn) with Airtable's limit of 10 records per request; and the
 * OAuth authorize page and token endpoint (PKCE S256 required, HTTP Basic client auth, refresh tokens that
 * rotate: a used one is refused). `failCall` makes a numbered write answer 503 for retry tests.
 */
export class AirtableFake extends VendorFake<AirtableRequest> {
  readonly base = { id: 'appSwitchyard0001', name: 'Operations' };
  readonly tables = new Map<string, Table>();
  readonly oauthApp = { clientId: 'c1d2e3f4-0000-4000-8000-airtableapp01', clientSecret: 'airtable-client-secret-for-tests' };
  /** Write requests (create, update, upsert) answered 503 by their number (1 = the next one). */
  private readonly failing = new Set<number>();
  private writes = 0;
  private readonly grants = new Map<string, { redirectUri: string; challenge: string }>();
  private readonly refreshTokens = new Set<string>();
  private next = 1;
  /**
   * Milliseconds after the fake started that the tests move to stamp records. Polls start from the time of
   * their first poll (`initial: now`), so records are stamped from the real start time onwards.
   */
  clock = 0;
  private readonly startedAt = Date.now();

  private constructor(readonly tokens: Set<string>) {
    super({ record: recordRequest, contentType: 'application/json; charset=utf-8' });
  }

  static async start(tokens: string[]): Promise<AirtableFake> {
    const fake = new AirtableFake(new Set(tokens));
    await fake.server.listen();
    return fake;
  }

  now(): string {
    return new Date(this.startedAt + this.clock).toISOString();
  }

  addTable(name: string): Table {
    const table = { id: `tbl${String(this.next++).padStart(14, '0')}`, name, records: [] };
    this.tables.set(table.id, table);
    return table;
  }

  addRecord(table: Table, fields: Record<string, unknown>): FakeRecord {
    const record = { id: `rec${String(this.next++).padStart(14, '0')}`, createdTime: this.now(), fields: { ...fields, 'Last Modified': this.now() } };
    table.records.push(record);
    return record;
  }

  edit(record: FakeRecord, fields: Record<string, unknown>): void {
    Object.assign(record.fields, fields, { 'Last Modified': this.now() });
  }

  failCall(...numbers: number[]): void {
    for (const number of numbers) this.failing.add(this.writes + number);
  }

  protected answer(request: AirtableRequest, { url }: ReceivedRequest): Reply {
    if (request.method === 'GET' && request.path === '/oauth2/v1/authorize') return this.authorize(url);
    if (request.method === 'POST' && request.path === '/oauth2/v1/token') return this.token(request);
    const token = bearerToken(request);
    if (!token || !this.tokens.has(token)) return error(401, 'AUTHENTICATION_REQUIRED', 'Authentication required');
    if (request.path === '/v0/meta/whoami') return { status: 200, body: { id: 'usrSwitchyard0001', scopes: ['data.records:read', 'data.records:write', 'schema.bases:read'] } };
    if (request.path === '/v0/meta/bases') return { status: 200, body: { bases: [{ ...this.base, permissionLevel: 'create' }] } };
    const [, base, table] = /^\/v0\/([^/]+)\/([^/]+)\/?$/.exec(request.path) ?? [];
    if (base === 'meta') return { status: 404, body: { error: 'NOT_FOUND' } };
    const found = [...this.tables.values()].find((candidate) => candidate.id === table || candidate.name === decodeURIComponent(table ?? ''));
    if (base !== this.base.id || !found) return error(403, 'INVALID_PERMISSIONS_OR_MODEL_NOT_FOUND', 'Invalid permissions, or the requested model was not found. Check that both your user and your token have the required permissions, and that the model names and/or ids are correct.');
    if (request.method === 'GET') return this.list(found, url);
    if (request.method !== 'POST' && request.method !== 'PATCH') return { status: 404, body: { error: 'NOT_FOUND' } };
    this.writes += 1;
    if (this.failing.delete(this.writes)) return error(503, 'SERVICE_UNAVAILABLE', 'Airtable is temporarily unavailable.');
    const body = (request.json ?? {}) as { records?: { id?: string; fields?: Record<string, unknown> }[]; performUpsert?: { fieldsToMergeOn?: string[] }; typecast?: boolean };
    if (!Array.isArray(body.records) || body.records.length === 0) return error(422, 'INVALID_REQUEST_MISSING_FIELDS', 'Could not find field "records" in the request body');
    if (body.records.length > 10) return error(422, 'INVALID_RECORDS', 'You can only create, update or upsert up to 10 records per request');
    if (request.method === 'POST') return { status: 200, body: { records: body.records.map((record) => this.addRecord(found, record.fields ?? {})) } };
    if (body.performUpsert) return this.upsert(found, body.records, body.performUpsert.fieldsToMergeOn ?? []);
    const updated: FakeRecord[] = [];
    for (const record of body.records) {
      const target = found.records.find((candidate) => candidate.id === record.id);
      if (!target) return error(404, 'MODEL_ID_NOT_FOUND', `Record ID ${String(record.id)} does not exist in this table`);
      this.edit(target, record.fields ?? {});
      updated.push(target);
    }
    return { status: 200, body: { records: updated } };
  }

  private upsert(table: Table, records: { fields?: Record<string, unknown> }[], mergeOn: string[]): Reply {
    if (mergeOn.length < 1 || mergeOn.length > 3) return error(422, 'INVALID_REQUEST_UNKNOWN', 'performUpsert.fieldsToMergeOn must name 1 to 3 fields');
    const createdRecords: string[] = [];
    const updatedRecords: string[] = [];
    const out = records.map((record) => {
      const fields = record.fields ?? {};
      const match = table.records.find((candidate) => mergeOn.every((name) => candidate.fields[name] === fields[name]));
      if (match) {
        this.edit(match, fields);
        updatedRecords.push(match.id);
        return match;
      }
      const made = this.addRecord(table, fields);
      createdRecords.push(made.id);
      return made;
    });
    return { status: 200, body: { records: out, createdRecords, updatedRecords } };
  }

  private list(table: Table, url: URL): Reply {
    const q = url.searchParams;
    let records = table.records;
    const formula = q.get('filterByFormula');
    if (formula) {
      try {
        records = records.filter(formulaFilter(formula));
      } catch (reason) {
        return error(422, 'INVALID_FILTER_BY_FORMULA', `The formula for filtering records is invalid: ${(reason as Error).message}`);
      }
    }
    const sortField = q.get('sort[0][field]');
    if (sortField) {
      const sign = q.get('sort[0][direction]') === 'desc' ? -1 : 1;
      records = [...records].sort((a, b) => String(a.fields[sortField]).localeCompare(String(b.fields[sortField])) * sign);
    }
    const size = Math.min(Number(q.get('pageSize') ?? 100), 100);
    const start = Number((q.get('offset') ?? 'itr0/').replace(/^itr(\d+)\/.*$/, '$1'));
    const page = records.slice(start, start + size);
    return { status: 200, body: { records: page, ...(start + size < records.length && { offset: `itr${start + size}/rec${page.at(-1)!.id}` }) } };
  }

  private authorize(url: URL): Reply {
    const q = url.searchParams;
    const redirectUri = q.get('redirect_uri');
    const challenge = q.get('code_challenge');
    if (q.get('client_id') !== this.oauthApp.clientId || !redirectUri || !challenge || q.get('code_challenge_method') !== 'S256' || q.get('response_type') !== 'code') {
      return { status: 400, body: 'invalid_request: client_id, redirect_uri, response_type=code and an S256 code_challenge are required' };
    }
    const code = `code${this.next++}`;
    this.grants.set(code, { redirectUri, challenge });
    const back = new URL(redirectUri);
    back.searchParams.set('code', code);
    back.searchParams.set('state', q.get('state') ?? '');
    return { status: 302, headers: { location: back.href } };
  }

  /** Authorization code (PKCE checked) and refresh grants; each refresh token works once (rotation). */
  private token(request: AirtableRequest): Reply {
    if (request.headers['authorization'] !== `Basic ${Buffer.from(`${this.oauthApp.clientId}:${this.oauthApp.clientSecret}`).toString('base64')}`) return { status: 401, body: { error: 'invalid_client' } };
    const form = new URLSearchParams(request.body);
    if (form.get('grant_type') === 'authorization_code') {
      const grant = this.grants.get(form.get('code') ?? '');
      this.grants.delete(form.get('code') ?? '');
      const verifier = form.get('code_verifier') ?? '';
      if (!grant || grant.redirectUri !== form.get('redirect_uri') || createHash('sha256').update(verifier).digest('base64url') !== grant.challenge) {
        return { status: 400, body: { error: 'invalid_grant', error_description: 'code, redirect_uri or code_verifier is wrong' } };
      }
      return { status: 200, body: this.issue() };
    }
    if (form.get('grant_type') === 'refresh_token') {
      const used = form.get('refresh_token') ?? '';
      if (!this.refreshTokens.delete(used)) return { status: 400, body: { error: 'invalid_grant', error_description: 'refresh token is invalid or was already used' } };
      return { status: 200, body: this.issue() };
    }
    return { status: 400, body: { error: 'unsupported_grant_type' } };
  }

  private issue() {
    const n = this.next++;
    const access = `oaa${n}.accessTokenForSwitchyardTests`;
    const refresh = `oar${n}.refreshTokenForSwitchyardTests`;
    this.tokens.add(access);
    this.refreshTokens.add(refresh);
    return { access_token: access, refresh_token: refresh, token_type: 'Bearer', scope: 'data.records:read data.records:write schema.bases:read', expires_in: 3600, refresh_expires_in: 5_184_000 };
  }

  /** Makes every access token issued so far stop working (as when one expires). */
  expireAccessTokens(): void {
    for (const token of [...this.tokens]) if (token.startsWith('oaa')) this.tokens.delete(token);
  }
}
