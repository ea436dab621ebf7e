import { createHash } from 'node:crypto';
import { bearerToken, VendorFake, recordRequest, type FakeReply, type RecordedRequest } from '../../support/fake-vendor-server.js';
import { fakeObjects, valueProblem } from './salesforce-objects.js';
import { parseSoql, SoqlError, type SoqlQuery } from './salesforce-soql.js';

export const apiRoot = '/services/data/v67.0';
type SfRecord = Record<string, unknown> & { Id: string };
const sfError = (status: number, errorCode: string, message: string, fields: string[] = []): FakeReply => ({ status, body: [{ message, errorCode, fields }] });
/** Salesforce writes times as 2026-06-01T12:00:00.000+0000. */
const sfTime = (ms: number) => new Date(ms).toISOString().replace('Z', '+0000');

/**
 * A local Salesforce org following the documented contracts: the OAuth 2.0 web server flow (authorize
 * redirect, token endpoint with authorization_code + PKCE S256 and refresh_token grants, form-encoded, client
 * id and secret in the body; the token answer names `instance_url`), Bearer sessions checked on every REST
 * call (401 INVALID_SESSION_ID), and REST API v67.0: resources, describeGlobal, sObject describe, create
 * (fields checked: createable, required, types, active picklist values), update (204), and SOQL query with
 * `nextRecordsUrl` pages (`pageSize` records each; Salesforce uses 2,000). Errors are Salesforce's list shape.
 */
export class SalesforceFake extends VendorFake<RecordedRequest> {
  readonly clientId = '3MVG9switchyard.test.consumer.key';
  readonly clientSecret = 'F1E2D3C4B5A6';
  readonly records = new Map<string, SfRecord[]>(Object.keys(fakeObjects).map((name) => [name, []]));
  /** Records per query page. */
  pageSize = 2000;
  private readonly sessions = new Set<string>();
  private readonly refreshTokens = new Set<string>();
  private readonly codes = new Map<string, { challenge: string; redirectUri: string }>();
  private readonly cursors = new Map<string, Record<string, unknown>[]>();
  private issued = 0;

  private constructor() {
    super({ record: recordRequest, contentType: 'application/json;charset=UTF-8' });
  }

  static async start(): Promise<SalesforceFake> {
    const fake = new SalesforceFake();
    await fake.server.listen();
    return fake;
  }

  requestsTo(method: string, path: string | RegExp): RecordedRequest[] {
    return this.requests.filter((request) => request.method === method && (typeof path === 'string' ? request.path === path : path.test(request.path)));
  }

  /** A session the tests hand to jsforce directly. */
  issueSession(): string {
    const token = `00Dxx0000001gPL!AQ4AQ.session-${++this.issued}`;
    this.sessions.add(token);
    return token;
  }

  /** Every session ends, as after the org's timeout. */
  expireSessions(): void {
    this.sessions.clear();
  }

  /** Stores a record as if someone had created it in Salesforce. */
  insert(object: string, values: Record<string, unknown>): SfRecord {
    const list = this.records.get(object)!;
    const now = sfTime(Date.now());
    const record: SfRecord = { Id: `${fakeObjects[object]!.keyPrefix}5e0000${String(list.length + 1).padStart(6, '0')}AAA`, ...values, CreatedDate: now, SystemModstamp: now };
    list.push(record);
    return record;
  }

  protected answer(request: RecordedRequest): FakeReply {
    if (request.path === '/services/oauth2/authorize') return this.authorize(new URLSearchParams(request.query));
    if (request.path === '/services/oauth2/token' && request.method === 'POST') return this.token(new URLSearchParams(request.body));
    if (!request.path.startsWith(apiRoot)) return sfError(404, 'NOT_FOUND', 'The requested resource does not exist');
    const session = bearerToken(request);
    if (!session || !this.sessions.has(session)) return sfError(401, 'INVALID_SESSION_ID', 'Session expired or invalid');
    const path = request.path.slice(apiRoot.length);
    const [, resource, object, rest] = /^\/([^/]*)\/?([^/]*)\/?(.*)$/.exec(path) ?? [];
    if (path === '/' || path === '') return { status: 200, body: { sobjects: `${apiRoot}/sobjects`, query: `${apiRoot}/query`, limits: `${apiRoot}/limits` } };
    if (resource === 'sobjects' && !object && request.method === 'GET') return this.describeGlobal();
    if (resource === 'query' && request.method === 'GET') return object ? this.nextPage(object) : this.query(new URLSearchParams(request.query).get('q') ?? '');
    if (resource !== 'sobjects' || !object) return sfError(404, 'NOT_FOUND', 'The requested resource does not exist');
    const described = fakeObjects[decodeURIComponent(object)];
    if (!described) return sfError(404, 'NOT_FOUND', 'The requested resource does not exist');
    const name = decodeURIComponent(object);
    if (rest === 'describe' && request.method === 'GET') return { status: 200, body: { name, label: described.label, createable: true, updateable: true, fields: described.fields } };
    if (!rest && request.method === 'POST') return this.create(name, request.json);
    if (rest && !rest.includes('/') && request.method === 'PATCH') return this.update(name, decodeURIComponent(rest), request.json);
    return sfError(405, 'METHOD_NOT_ALLOWED', `HTTP Method '${request.method}' not allowed. Allowed are GET,HEAD`);
  }

  private authorize(query: URLSearchParams): FakeReply {
    if (query.get('client_id') !== this.clientId || query.get('response_type') !== 'code') return { status: 400, body: 'error=invalid_client_id' };
    const code = `aPrx${++this.issued}`;
    this.codes.set(code, { challenge: query.get('code_challenge') ?? '', redirectUri: query.get('redirect_uri') ?? '' });
    const back = new URL(query.get('redirect_uri')!);
    back.searchParams.set('code', code);
    back.searchParams.set('state', query.get('state') ?? '');
    return { status: 302, headers: { location: back.href } };
  }

  private token(form: URLSearchParams): FakeReply {
    const refused = (error: string, description: string): FakeReply => ({ status: 400, body: { error, error_description: description } });
    if (form.get('client_id') !== this.clientId || form.get('client_secret') !== this.clientSecret) return refused('invalid_client', 'invalid client credentials');
    const answer = (refresh?: string): FakeReply => ({
      status: 200,
      body: {
        access_token: this.issueSession(),
        ...(refresh !== undefined && { refresh_token: refresh }),
        signature: 'CMJ4l+CCaPQiKjoOEwEig9H4wqhpuLSk4J2urAe+fVg=',
        scope: 'refresh_token api',
        instance_url: this.url,
        id: `${this.url}/id/00Dxx0000001gPLEAY/005xx000001SwiUAAS`,
        token_type: 'Bearer',
        issued_at: String(Date.now()),
      },
    });
    if (form.get('grant_type') === 'refresh_token') {
      return this.refreshTokens.has(form.get('refresh_token') ?? '') ? answer() : refused('invalid_grant', 'expired access/refresh token');
    }
    if (form.get('grant_type') !== 'authorization_code') return refused('unsupported_grant_type', 'grant type not supported');
    const code = this.codes.get(form.get('code') ?? '');
    this.codes.delete(form.get('code') ?? '');
    const verifier = createHash('sha256').update(form.get('code_verifier') ?? '').digest('base64url');
    if (!code || code.redirectUri !== form.get('redirect_uri') || code.challenge !== verifier) return refused('invalid_grant', 'invalid authorization code');
    const refresh = `5Aep861refresh${this.issued}`;
    this.refreshTokens.add(refresh);
    return answer(refresh);
  }

  private describeGlobal(): FakeReply {
    const sobjects = Object.entries(fakeObjects).map(([name, object]) => ({ name, label: object.label, keyPrefix: object.keyPrefix, createable: true, updateable: true, queryable: true, custom: false }));
    return { status: 200, body: { encoding: 'UTF-8', maxBatchSize: 200, sobjects } };
  }

  private create(object: string, body: unknown): FakeReply {
    const problem = this.writeProblem(object, body, 'createable');
    if (problem) return problem;
    const values = body as Record<string, unknown>;
    const missing = fakeObjects[object]!.fields.filter((field) => field.createable && !field.nillable && !field.defaultedOnCreate && (values[field.name] ?? null) === null);
    if (missing.length > 0) return sfError(400, 'REQUIRED_FIELD_MISSING', `Required fields are missing: [${missing.map((field) => field.name).join(', ')}]`, missing.map((field) => field.name));
    const record = this.insert(object, values);
    return { status: 201, body: { id: record.Id, success: true, errors: [] } };
  }

  private update(object: string, id: string, body: unknown): FakeReply {
    const record = this.records.get(object)!.find((candidate) => candidate.Id === id);
    if (!record) return sfError(404, 'NOT_FOUND', 'Provided external ID field does not exist or is not accessible: ' + id);
    const problem = this.writeProblem(object, body, 'updateable');
    if (problem) return problem;
    Object.assign(record, body, { SystemModstamp: sfTime(Math.max(Date.now(), Date.parse(String(record.SystemModstamp)) + 1000)) });
    return { status: 204 };
  }

  private writeProblem(object: string, body: unknown, allowed: 'createable' | 'updateable'): FakeReply | undefined {
    if (typeof body !== 'object' || body === null || Array.isArray(body)) return sfError(400, 'JSON_PARSER_ERROR', 'The request body must be a JSON object');
    for (const [name, value] of Object.entries(body)) {
      const field = fakeObjects[object]!.fields.find((candidate) => candidate.name === name);
      if (!field) return sfError(400, 'INVALID_FIELD', `No such column '${name}' on sobject of type ${object}`);
      if (!field[allowed]) return sfError(400, 'INVALID_FIELD_FOR_INSERT_UPDATE', `Unable to create/update fields: ${name}. Please check the security settings of this field.`, [name]);
      const problem = valueProblem(field, value);
      if (problem) return sfError(400, problem.errorCode, problem.message, [name]);
    }
    return undefined;
  }

  private query(soql: string): FakeReply {
    let query: SoqlQuery;
    try {
      query = parseSoql(soql);
    } catch (error) {
      if (error instanceof SoqlError) return sfError(400, 'MALFORMED_QUERY', error.message);
      throw error;
    }
    const described = fakeObjects[query.object];
    if (!described) return sfError(400, 'INVALID_TYPE', `sObject type '${query.object}' is not supported.`);
    const names = query.fields === 'ALL' ? described.fields.map((field) => field.name) : query.fields;
    const unknown = [...names, ...(query.where ? [query.where.field] : []), ...query.orderBy.map((order) => order.field)].find((name) => !described.fields.some((field) => field.name === name));
    if (unknown) return sfError(400, 'INVALID_FIELD', `No such column '${unknown}' on entity '${query.object}'`);
    let rows = this.records.get(query.object)!.filter((record) => matches(record, query.where));
    rows = [...rows].sort((a, b) => compareBy(a, b, query.orderBy));
    if (query.limit !== undefined) rows = rows.slice(0, query.limit);
    const selected = rows.map((record) => ({
      attributes: { type: query.object, url: `${apiRoot}/sobjects/${query.object}/${record.Id}` },
      ...Object.fromEntries(names.map((name) => [name, record[name] ?? null])),
    }));
    const locator = `01gxx00000${String(this.cursors.size + 1).padStart(5, '0')}`;
    this.cursors.set(locator, selected);
    return this.nextPage(`${locator}-0`);
  }

  private nextPage(locatorAndOffset: string): FakeReply {
    const [locator, offset] = locatorAndOffset.split('-');
    const rows = this.cursors.get(locator ?? '');
    if (!rows) return sfError(400, 'INVALID_QUERY_LOCATOR', 'invalid query locator');
    const start = Number(offset);
    const records = rows.slice(start, start + this.pageSize);
    const done = start + this.pageSize >= rows.length;
    return { status: 200, body: { totalSize: rows.length, done, ...(!done && { nextRecordsUrl: `${apiRoot}/query/${locator}-${start + this.pageSize}` }), records } };
  }
}

function matches(record: SfRecord, where: SoqlQuery['where']): boolean {
  if (!where) return true;
  const value = record[where.field];
  if (where.value instanceof Date) {
    const time = Date.parse(String(value));
    return where.op === '=' ? time === where.value.getTime() : where.op === '>=' ? time >= where.value.getTime() : time > where.value.getTime();
  }
  return where.op === '=' ? value === where.value : String(value) >= String(where.value);
}

function compareBy(a: SfRecord, b: SfRecord, orderBy: SoqlQuery['orderBy']): number {
  for (const { field, descending } of orderBy) {
    const left = String(a[field] ?? '');
    const right = String(b[field] ?? '');
    if (left !== right) return (left < right ? -1 : 1) * (descending ? -1 : 1);
  }
  return 0;
}
