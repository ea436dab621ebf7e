import { AuthorizationCodes } from '../../support/authorization-codes.js';
import { bearerToken, recordRequest, VendorFake, type FakeReply as Reply, type RecordedRequest } from '../../support/fake-vendor-server.js';
import { matches, parseQuery, readProperty } from './quickbooks-query.js';

export type QuickbooksRequest = RecordedRequest;
type Entity = Record<string, unknown> & { Id: string };

const fault = (status: number, type: string, code: string, message: string, detail: string): Reply => ({
  status,
  body: { Fault: { Error: [{ Message: message, Detail: detail, code, element: '' }], type }, time: new Date().toISOString() },
});
const validation = (code: string, message: string, detail: string) => fault(400, 'ValidationFault', code, message, detail);

/** QuickBooks writes times in the company's zone with an offset and whole seconds: 2024-06-01T09:15:00-07:00. */
function companyTime(at: number): string {
  return `${new Date(at - 7 * 3_600_000).toISOString().slice(0, 19)}-07:00`;
}

const entityPaths: Record<string, string> = { customer: 'Customer', invoice: 'Invoice', salesreceipt: 'SalesReceipt', payment: 'Payment' };

/**
 * A local stand-in for QuickBooks Online (Accounting API v3 and Intuit's OAuth 2.0), following the documented
 * contract: authorize redirect with code, state and realmId; the token endpoint with HTTP Basic client
 * authentication, authorization_code and refresh_token grants, and rotating refresh tokens (a used one stops
 * working); Bearer tokens on /v3/company/<realmId>/… (401 with the lower-case `fault` body otherwise); JSON
 * only when asked for (Accept or format=json); `requestid` replays the first answer; required fields and
 * duplicate display names refused with `Fault.Error[]`; the query endpoint; invoice send.
 */
export class QuickbooksFake extends VendorFake<QuickbooksRequest> {
  readonly realmId = '9341452952345607';
  readonly app = { clientId: 'ABq5lPOv0Pz1QaWcHgIzaZ4hHbUz8xHp', clientSecret: 'qbo-secret-6pUq1TXs4lsZ' };
  readonly entities = new Map<string, Entity[]>(Object.values(entityPaths).map((name) => [name, []]));
  readonly accessTokens = new Set<string>();
  private readonly refreshTokens = new Set<string>();
  private readonly replays = new Map<string, Reply>();
  private readonly codes = new AuthorizationCodes('AB11-code-');
  private issued = 0;
  private nextId = 57;

  private constructor() {
    super({ record: recordRequest, contentType: 'application/json;charset=UTF-8' });
  }

  static async start(): Promise<QuickbooksFake> {
    const fake = new QuickbooksFake();
    await fake.server.listen();
    return fake;
  }

  requestsTo(method: string, path: string | RegExp): QuickbooksRequest[] {
    return this.requests.filter((request) => request.method === method && (typeof path === 'string' ? request.path === path : path.test(request.path)));
  }

  /** An access token as if issued to an app earlier (the SDK oracle uses one). */
  issueAccessToken(): string {
    const token = `eyJlbmMiOiJBMTI4Q0JDLUhTMjU2In0.qbo-${++this.issued}`;
    this.accessTokens.add(token);
    return token;
  }

  /** Every access token expires, as after an hour. */
  expireAccessTokens(): void {
    this.accessTokens.clear();
  }

  /** An entity created in QuickBooks itself (not through the API calls under test). */
  add(name: 'Customer' | 'Invoice' | 'SalesReceipt' | 'Payment', fields: Record<string, unknown>): Entity {
    const now = Date.now();
    const entity: Entity = { ...fields, Id: String(this.nextId++), SyncToken: '0', domain: 'QBO', sparse: false, MetaData: { CreateTime: companyTime(now), LastUpdatedTime: companyTime(now) } };
    this.entities.get(name)!.push(entity);
    return entity;
  }

  protected answer(request: QuickbooksRequest): Reply {
    const query = Object.fromEntries(request.query);
    if (request.method === 'GET' && request.path === '/connect/oauth2') return this.authorize(query);
    if (request.method === 'POST' && request.path === '/oauth2/v1/tokens/bearer') return this.token(request);
    const token = bearerToken(request);
    if (!token || !this.accessTokens.has(token)) {
      const error = { message: 'message=AuthenticationFailed; errorCode=003200; statusCode=401', detail: 'Token expired: the access token is not valid', code: '3200' };
      return { status: 401, body: { warnings: null, intuitObject: null, fault: { error: [error], type: 'AUTHENTICATION' }, time: new Date().toISOString() } };
    }
    const match = /^\/v3\/company\/([^/]+)\/(.+)$/.exec(request.path);
    if (!match || match[1] !== this.realmId) return fault(403, 'AuthorizationFault', '003100', 'ApplicationAuthorizationFailed', 'The app is not authorised for this company');
    if (!String(request.headers['accept']).includes('application/json') && query['format'] !== 'json') {
      return { status: 200, body: '<IntuitResponse xmlns="http://schema.intuit.com/finance/v3"/>', headers: { 'content-type': 'application/xml' } };
    }
    const replayKey = query['requestid'] && `${request.method} ${request.path} ${query['requestid']}`;
    const replayed = replayKey ? this.replays.get(replayKey) : undefined;
    if (replayed) return replayed;
    const reply = this.api(request.method, match[2]!, query, request.json as Record<string, unknown> | undefined);
    if (replayKey) this.replays.set(replayKey, reply);
    return reply;
  }

  private authorize(query: Record<string, string>): Reply {
    if (query['client_id'] !== this.app.clientId || query['response_type'] !== 'code' || !query['scope']?.split(' ').includes('com.intuit.quickbooks.accounting')) {
      return { status: 400, body: 'invalid authorize request' };
    }
    return this.codes.redirect(query['redirect_uri']!, query['state']!, { realmId: this.realmId });
  }

  private token(request: QuickbooksRequest): Reply {
    const basic = `Basic ${Buffer.from(`${this.app.clientId}:${this.app.clientSecret}`).toString('base64')}`;
    if (request.headers['authorization'] !== basic) return { status: 401, body: { error: 'invalid_client' } };
    const form = new URLSearchParams(request.body);
    const grant = form.get('grant_type');
    if (grant === 'authorization_code') {
      if (!this.codes.redeem(form.get('code'), form.get('redirect_uri'))) return { status: 400, body: { error: 'invalid_grant' } };
    } else if (grant === 'refresh_token') {
      // Refresh tokens rotate: the one just used is no longer accepted.
      if (!this.refreshTokens.delete(form.get('refresh_token') ?? '')) return { status: 400, body: { error: 'invalid_grant' } };
    } else {
      return { status: 400, body: { error: 'unsupported_grant_type' } };
    }
    const refresh = `AB11-refresh-${++this.issued}`;
    this.refreshTokens.add(refresh);
    return { status: 200, body: { token_type: 'bearer', access_token: this.issueAccessToken(), refresh_token: refresh, expires_in: 3600, x_refresh_token_expires_in: 8726400 } };
  }

  private api(method: string, path: string, query: Record<string, string>, body: Record<string, unknown> | undefined): Reply {
    const time = new Date().toISOString();
    if (method === 'GET' && path === `companyinfo/${this.realmId}`) {
      return { status: 200, body: { CompanyInfo: { Id: '1', CompanyName: 'Analytical Engines Ltd', Country: 'US' }, time } };
    }
    if (method === 'GET' && path === 'query') return this.query(query['query'] ?? '');
    const send = /^invoice\/([^/]+)\/send$/.exec(path);
    if (method === 'POST' && send) return this.send(send[1]!, query['sendTo']);
    const name = entityPaths[path];
    if (method !== 'POST' || !name || name === 'Payment') return fault(400, 'ValidationFault', '4000', 'Unsupported Operation', `Operation ${method} /${path} is not supported.`);
    const refused = this.refuse(name, body ?? {});
    if (refused) return refused;
    return { status: 200, body: { [name]: this.add(name as 'Customer', this.derived(name, body!)), time } };
  }

  private refuse(name: string, body: Record<string, unknown>): Reply | undefined {
    if (name === 'Customer') {
      if (!body['DisplayName'] && !body['GivenName'] && !body['FamilyName']) {
        return validation('2090', 'Required param missing, need to supply the required value for the API', 'Required parameter DisplayName (or a name part) is missing in the request');
      }
      if (this.entities.get('Customer')!.some((customer) => customer['DisplayName'] === body['DisplayName'])) {
        return validation('6240', 'Duplicate Name Exists Error', 'The name supplied already exists. : Another customer, vendor or employee is already using this name. Please use a different name.');
      }
      return undefined;
    }
    const customer = (body['CustomerRef'] as { value?: string } | undefined)?.value;
    if (!this.entities.get('Customer')!.some((candidate) => candidate.Id === customer)) {
      return validation('2500', 'Invalid Reference Id', `Invalid Reference Id : Names element id ${customer ?? '(none)'} not found`);
    }
    const lines = body['Line'];
    if (!Array.isArray(lines) || lines.length === 0 || lines.some((line: { Amount?: unknown; DetailType?: unknown }) => typeof line.Amount !== 'number' || !line.DetailType)) {
      return validation('2020', 'Required param missing, need to supply the required value for the API', 'Required parameter Line.Amount and Line.DetailType are missing in the request');
    }
    return undefined;
  }

  /** What QuickBooks adds to a created transaction: totals, balance, a document number. */
  private derived(name: string, body: Record<string, unknown>): Record<string, unknown> {
    if (name === 'Customer') return { Active: true, Balance: 0, ...body };
    const total = (body['Line'] as { Amount: number }[]).reduce((sum, line) => sum + line.Amount, 0);
    return { DocNumber: String(1000 + this.nextId), TotalAmt: total, Balance: name === 'Invoice' ? total : 0, EmailStatus: 'NotSet', ...body };
  }

  private query(statement: string): Reply {
    const parsed = parseQuery(statement);
    if (typeof parsed === 'string') return validation('4000', 'Error parsing query', parsed);
    const name = entityPaths[parsed.entity] ?? (parsed.entity === 'companyinfo' ? 'CompanyInfo' : undefined);
    if (!name) return validation('4000', 'Error parsing query', `QueryParserError: Invalid entity: ${parsed.entity}`);
    let found = (this.entities.get(name) ?? []).filter((entity) => parsed.where.every((condition) => matches(entity, condition)));
    if (parsed.orderBy) {
      const { property, desc } = parsed.orderBy;
      const key = (entity: Entity) => String(readProperty(entity, property) ?? '');
      found = [...found].sort((a, b) => (desc ? -1 : 1) * (Date.parse(key(a)) - Date.parse(key(b)) || key(a).localeCompare(key(b))));
    }
    const page = found.slice(parsed.startPosition - 1, parsed.startPosition - 1 + parsed.maxResults);
    // An empty result is an empty QueryResponse, without the entity's list.
    const response = page.length === 0 ? {} : { [name]: page, startPosition: parsed.startPosition, maxResults: page.length };
    return { status: 200, body: { QueryResponse: response, time: new Date().toISOString() } };
  }

  private send(id: string, sendTo: string | undefined): Reply {
    const invoice = this.entities.get('Invoice')!.find((candidate) => candidate.Id === id);
    if (!invoice) return validation('610', 'Object Not Found', `Object Not Found : Something you're trying to use has been made inactive. Check the fields with accounts, invoices, items, vendors or employees.`);
    const to = sendTo ?? (invoice['BillEmail'] as { Address?: string } | undefined)?.Address;
    if (!to) return validation('6030', 'Invalid Email Address', 'Email address is missing: give sendTo or set BillEmail on the invoice');
    Object.assign(invoice, { BillEmail: { Address: to }, EmailStatus: 'EmailSent', SyncToken: String(Number(invoice['SyncToken']) + 1), DeliveryInfo: { DeliveryType: 'Email', DeliveryTime: companyTime(Date.now()) } });
    return { status: 200, body: { Invoice: invoice, time: new Date().toISOString() } };
  }
}
