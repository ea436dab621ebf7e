import { bearerToken, VendorFake, recordRequest, type FakeReply as Reply, type RecordedRequest, type ReceivedRequest } from '../../support/fake-vendor-server.js';

export type HubspotRequest = RecordedRequest;

interface CrmRecord {
  id: string;
  properties: Record<string, string | null>;
  createdAt: string;
  updatedAt: string;
  archived: false;
}

interface Filter {
  propertyName?: unknown;
  operator?: unknown;
  value?: unknown;
}

const objectTypes = new Set(['contacts', 'companies', 'deals', 'tickets', 'notes']);
/** The modified-time property of each object (contacts keep the legacy name). */
const modifiedProperty = (type: string) => (type === 'contacts' ? 'lastmodifieddate' : 'hs_lastmodifieddate');

let correlation = 0;
const error = (status: number, category: string, message: string, extra: Record<string, unknown> = {}): Reply => ({
  status,
  body: { status: 'error', message, correlationId: `aeb5f871-7f07-4993-9211-075dc63e${String(++correlation).padStart(4, '0')}`, category, ...extra },
});

/**
 * A local stand-in for HubSpot's CRM API (https://developers.hubspot.com/docs/api/crm/understanding-the-crm)
 * on 127.0.0.1: Bearer tokens (a private app's or one from the OAuth code exchange at /oauth/v1/token, with
 * refresh), v3 objects (create, PATCH update, search with EQ/GTE filters, sorts, limit and the `after` body
 * cursor), v4 default associations and notes with their associations. Error bodies are HubSpot's
 * `{ status: "error", message, correlationId, category }`. Property values are stored as strings, times as
 * ISO 8601 with milliseconds, as HubSpot answers. It records every request.
 */
export class HubspotFake extends VendorFake<HubspotRequest> {
  readonly records = new Map<string, Map<string, CrmRecord>>([...objectTypes].map((type) => [type, new Map()]));
  readonly associations: { from: string; to: string; types: unknown }[] = [];
  readonly oauthApp = { clientId: '5a7b1c9e-6c4d-4e1f-9a3b-2f8d7c6b5a41', clientSecret: 'b2c7d1e0-4f6a-4b8c-9d3e-7a1f0c2e5b98' };
  readonly privateToken = 'pat-na1-11111111-2222-3333-4444-555555555555';
  private readonly tokens = new Set<string>([this.privateToken]);
  private readonly codes = new Map<string, string>();
  private readonly refreshTokens = new Set<string>();
  private nextId = 500;

  private constructor() {
    super({ record: recordRequest, contentType: 'application/json;charset=utf-8' });
  }

  static async start(): Promise<HubspotFake> {
    const fake = new HubspotFake();
    await fake.server.listen();
    return fake;
  }

  requestsTo(method: string, path: string | RegExp): HubspotRequest[] {
    return this.requests.filter((request) => request.method === method && (typeof path === 'string' ? request.path === path : path.test(request.path)));
  }

  /** A record as if made in HubSpot's UI now (the polls' tests add them between polls). */
  add(type: string, properties: Record<string, string>): CrmRecord {
    return this.create(type, properties);
  }

  /** Changes a record as if edited in HubSpot's UI now. */
  touch(type: string, id: string, properties: Record<string, string>): CrmRecord {
    const record = this.records.get(type)!.get(id)!;
    const now = new Date().toISOString();
    Object.assign(record.properties, properties, { [modifiedProperty(type)]: now });
    record.updatedAt = now;
    return record;
  }

  /** Records the search does not list yet, as HubSpot's index trails writes by a few seconds. */
  readonly unindexed = new Set<string>();

  /** Every token issued by the code or refresh exchange stops working (the private app token stays). */
  expireAccessTokens(): void {
    for (const token of this.tokens) if (token !== this.privateToken) this.tokens.delete(token);
  }

  protected answer(request: HubspotRequest, { url }: ReceivedRequest): Reply {
    if (request.method === 'GET' && request.path === '/oauth/authorize') return this.authorize(url);
    if (request.method === 'POST' && request.path === '/oauth/v1/token') return this.token(request);
    const token = bearerToken(request);
    if (!token || !this.tokens.has(token)) {
      return error(401, 'INVALID_AUTHENTICATION', 'Authentication credentials not found. This API supports OAuth 2.0 authentication and you can find more details at https://developers.hubspot.com/docs/methods/auth/oauth-overview');
    }
    const body = (request.json ?? {}) as Record<string, unknown>;
    const association = /^\/crm\/v4\/objects\/([^/]+)\/([^/]+)\/associations\/default\/([^/]+)\/([^/]+)$/.exec(request.path);
    if (association && request.method === 'PUT') return this.associate(association.slice(1) as [string, string, string, string]);
    const [, type, rest] = /^\/crm\/v3\/objects\/([^/]+)(?:\/(.+))?$/.exec(request.path) ?? [];
    if (!type || !objectTypes.has(type)) return error(404, 'OBJECT_NOT_FOUND', `Unable to infer object type from: ${type ?? request.path}`);
    if (request.method === 'GET' && rest === undefined) return this.list(type, url);
    if (request.method === 'POST' && rest === undefined) return this.createFrom(type, body);
    if (request.method === 'POST' && rest === 'search') return this.search(type, body);
    if (request.method === 'PATCH' && rest !== undefined) return this.update(type, rest, body);
    return error(405, 'VALIDATION_ERROR', `${request.method} ${request.path} is not supported`);
  }

  private authorize(url: URL): Reply {
    const redirectUri = url.searchParams.get('redirect_uri');
    if (url.searchParams.get('client_id') !== this.oauthApp.clientId || !redirectUri) return { status: 400, body: 'Invalid client_id or redirect_uri' };
    const code = `na1-code-${this.nextId++}`;
    this.codes.set(code, redirectUri);
    const back = new URL(redirectUri);
    back.searchParams.set('code', code);
    back.searchParams.set('state', url.searchParams.get('state') ?? '');
    return { status: 302, headers: { location: back.href } };
  }

  /** https://developers.hubspot.com/docs/api/oauth/tokens: a form with the client credentials; code or refresh grants. */
  private token(request: HubspotRequest): Reply {
    const form = new URLSearchParams(request.body);
    if (!String(request.headers['content-type']).startsWith('application/x-www-form-urlencoded')) return { status: 400, body: { status: 'BAD_REQUEST', message: 'form body expected' } };
    if (form.get('client_id') !== this.oauthApp.clientId || form.get('client_secret') !== this.oauthApp.clientSecret) {
      return { status: 400, body: { status: 'BAD_CLIENT_ID', message: 'missing or unknown client id', correlationId: 'c-1' } };
    }
    const grant = form.get('grant_type');
    if (grant === 'authorization_code') {
      const code = form.get('code') ?? '';
      const redirect = this.codes.get(code);
      this.codes.delete(code);
      if (!redirect || redirect !== form.get('redirect_uri')) return { status: 400, body: { status: 'BAD_AUTH_CODE', message: 'missing or unknown auth code', correlationId: 'c-2' } };
    } else if (grant !== 'refresh_token' || !this.refreshTokens.has(form.get('refresh_token') ?? '')) {
      return { status: 400, body: { status: 'BAD_REFRESH_TOKEN', message: 'missing or unknown refresh token', correlationId: 'c-3' } };
    }
    const access = `CJSP5qf1KhICAQEYs-gDIIGOBii1_${this.nextId++}`;
    const refresh = `6f18f21e-a743-4509-b7fd-${String(this.nextId++).padStart(12, '0')}`;
    this.tokens.add(access);
    this.refreshTokens.add(refresh);
    return { status: 200, body: { token_type: 'bearer', access_token: access, refresh_token: refresh, expires_in: 1800 } };
  }

  private create(type: string, properties: Record<string, unknown>): CrmRecord {
    const now = new Date().toISOString();
    const id = String(this.nextId++);
    const values = Object.fromEntries(Object.entries(properties).map(([key, value]) => [key, value === null ? null : String(value)]));
    const record: CrmRecord = {
      id,
      properties: { ...values, hs_object_id: id, createdate: now, [modifiedProperty(type)]: now },
      createdAt: now,
      updatedAt: now,
      archived: false,
    };
    this.records.get(type)!.set(id, record);
    return record;
  }

  private createFrom(type: string, body: Record<string, unknown>): Reply {
    const properties = body['properties'];
    if (typeof properties !== 'object' || properties === null || Array.isArray(properties)) {
      return error(400, 'VALIDATION_ERROR', 'Invalid input JSON on line 1: properties is required');
    }
    const props = properties as Record<string, unknown>;
    if (type === 'contacts' && typeof props['email'] === 'string') {
      const existing = [...this.records.get('contacts')!.values()].find((record) => record.properties['email']?.toLowerCase() === String(props['email']).toLowerCase());
      if (existing) return error(409, 'CONFLICT', `Contact already exists. Existing ID: ${existing.id}`);
    }
    if (type === 'notes' && !props['hs_timestamp']) {
      return error(400, 'VALIDATION_ERROR', 'Property values were not valid: [{"isValid":false,"message":"hs_timestamp is required","error":"REQUIRED_FIELD","name":"hs_timestamp"}]');
    }
    const associations = body['associations'];
    if (associations !== undefined && !Array.isArray(associations)) return error(400, 'VALIDATION_ERROR', 'associations must be a list');
    const record = this.create(type, props);
    for (const item of (associations ?? []) as { to?: { id?: string }; types?: unknown }[]) {
      if (!item.to?.id || !Array.isArray(item.types)) return error(400, 'VALIDATION_ERROR', 'each association needs to.id and types');
      this.associations.push({ from: `${type}/${record.id}`, to: item.to.id, types: item.types });
    }
    return { status: 201, body: record };
  }

  private update(type: string, id: string, body: Record<string, unknown>): Reply {
    const record = this.records.get(type)!.get(id);
    if (!record) return error(404, 'OBJECT_NOT_FOUND', `resource not found`);
    const properties = body['properties'];
    if (typeof properties !== 'object' || properties === null) return error(400, 'VALIDATION_ERROR', 'Invalid input JSON on line 1: properties is required');
    return { status: 200, body: this.touch(type, id, Object.fromEntries(Object.entries(properties).map(([key, value]) => [key, String(value)]))) };
  }

  private list(type: string, url: URL): Reply {
    const limit = Number(url.searchParams.get('limit') ?? '10');
    return { status: 200, body: { results: [...this.records.get(type)!.values()].slice(0, limit) } };
  }

  /**
   * POST …/search (https://developers.hubspot.com/docs/api/crm/search): filters in a group are ANDed, groups
   * ORed; datetime filter values are Unix milliseconds; `after` is the offset HubSpot's paging returned.
   */
  private search(type: string, body: Record<string, unknown>): Reply {
    const groups = (body['filterGroups'] ?? []) as { filters?: Filter[] }[];
    const limit = Number(body['limit'] ?? 10);
    if (!Number.isInteger(limit) || limit < 1 || limit > 200) return error(400, 'VALIDATION_ERROR', 'limit must be between 1 and 200');
    const matches = (record: CrmRecord, filter: Filter): boolean | Reply => {
      const actual = record.properties[String(filter.propertyName)] ?? null;
      if (filter.operator === 'EQ') return actual !== null && actual.toLowerCase() === String(filter.value).toLowerCase();
      if (filter.operator === 'GTE') {
        if (!/^\d+$/.test(String(filter.value))) return error(400, 'VALIDATION_ERROR', `${String(filter.value)} is not a valid datetime value for ${String(filter.propertyName)}`);
        return actual !== null && Date.parse(actual) >= Number(filter.value);
      }
      return error(400, 'VALIDATION_ERROR', `operator ${String(filter.operator)} is not supported here`);
    };
    let refusal: Reply | undefined;
    const found = [...this.records.get(type)!.values()].filter(
      (record) =>
        !this.unindexed.has(record.id) &&
        (groups.length === 0 ||
        groups.some((group) =>
          (group.filters ?? []).every((filter) => {
            const result = matches(record, filter);
            if (typeof result === 'object') refusal = result;
            return result === true;
          }),
        )),
    );
    if (refusal) return refusal;
    const [sort] = (body['sorts'] ?? []) as { propertyName: string; direction: string }[];
    if (sort) {
      const sign = sort.direction === 'DESCENDING' ? -1 : 1;
      found.sort((a, b) => sign * (Date.parse(a.properties[sort.propertyName] ?? '') - Date.parse(b.properties[sort.propertyName] ?? '')) || Number(a.id) - Number(b.id));
    }
    const offset = Number(body['after'] ?? 0);
    const page = found.slice(offset, offset + limit);
    const wanted = (body['properties'] ?? null) as string[] | null;
    const results = page.map((record) => ({
      ...record,
      properties: wanted ? Object.fromEntries(['hs_object_id', ...wanted].map((key) => [key, record.properties[key] ?? null])) : record.properties,
    }));
    const next = offset + limit < found.length ? String(offset + limit) : undefined;
    return { status: 200, body: { total: found.length, results, ...(next && { paging: { next: { after: next, link: `?after=${next}` } } }) } };
  }

  private associate([fromType, fromId, toType, toId]: [string, string, string, string]): Reply {
    for (const [type, id] of [[fromType, fromId], [toType, toId]] as const) {
      if (!this.records.get(type)?.has(id)) return error(404, 'OBJECT_NOT_FOUND', `No ${type} with ID ${id} exist`);
    }
    this.associations.push({ from: `${fromType}/${fromId}`, to: `${toType}/${toId}`, types: 'default' });
    const spec = (typeId: number) => ({ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: typeId });
    const now = new Date().toISOString();
    return {
      status: 200,
      body: { status: 'COMPLETE', results: [{ from: { id: fromId }, to: { id: toId }, associationSpec: spec(279) }, { from: { id: toId }, to: { id: fromId }, associationSpec: spec(280) }], startedAt: now, completedAt: now },
    };
  }
}
