import { bearerToken, recordRequest, VendorFake, type FakeReply as Reply, type ReceivedRequest, type RecordedRequest } from '../../support/fake-vendor-server.js';

export type NotionRequest = RecordedRequest;

export interface FakePage {
  object: 'page';
  id: string;
  created_time: string;
  last_edited_time: string;
  parent: { type: 'data_source_id'; data_source_id: string; database_id: string };
  in_trash: boolean;
  archived: boolean;
  url: string;
  properties: Record<string, unknown>;
  blocks: Record<string, unknown>[];
}

/** A data source's property schema as Notion returns it: `{ id, name, description, type, [type]: config }`. */
export interface FakeProperty {
  id: string;
  name: string;
  description: string | null;
  type: string;
  [config: string]: unknown;
}

interface DataSource {
  id: string;
  name: string;
  properties: Record<string, FakeProperty>;
  pages: FakePage[];
}

/** A property of the given type; select, multi_select and status take their option names. */
export function property(name: string, type: string, options: string[] = []): FakeProperty {
  const config = ['select', 'multi_select', 'status'].includes(type) ? { options: options.map((option, index) => ({ id: `${type}-${index}`, name: option, color: 'default' })) } : {};
  return { id: type === 'title' ? 'title' : encodeURIComponent(name), name, description: null, type, [type]: config };
}

const taskProperties = [property('Name', 'title'), property('Status', 'status', ['To do', 'In progress', 'Review', 'Done', 'Urgent']), property('Due', 'date')];

/** Notion's error body: `{ object: "error", status, code, message }` (developers.notion.com/reference/status-codes). */
const error = (status: number, code: string, message: string): Reply => ({ status, body: { object: 'error', status, code, message, request_id: 'b1d8c2e0-0000-4000-8000-000000000000' } });
const blockTypes = new Set(['paragraph', 'heading_1', 'heading_2', 'heading_3', 'bulleted_list_item', 'numbered_list_item', 'to_do', 'quote']);
const readOnlyTypes = new Set(['formula', 'rollup', 'created_time', 'created_by', 'last_edited_time', 'last_edited_by', 'unique_id', 'button', 'verification']);
const uuid = (n: number) => `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;

/**
 * A local stand-in for the Notion API (developers.notion.com/reference, version 2025-09-03) on 127.0.0.1:
 * a Bearer token and a `Notion-Version` header on every call, data sources with a property schema (values
 * written to a page are checked against it), pages in them (created, updated, trashed, queried with sorts,
 * simple filters and body cursors), appended blocks, /v1/search for data sources, and the OAuth authorize page and token exchange (HTTP Basic client auth). Times are kept to the minute, as
 * Notion keeps them; a clock moved by the tests stamps them.
 */
export class NotionFake extends VendorFake<NotionRequest> {
  readonly dataSources = new Map<string, DataSource>();
  readonly oauthApp = { clientId: '1d8d872b-594c-80a0-8f3c-0037a1b2c3d4', clientSecret: 'secret_oauthClientS3cr3tForSwitchyardTests', accessToken: 'ntn_oauthAccessToken0000000000000000000000000' };
  readonly tokenRequests: { contentType: string; params: Record<string, string>; authorization: string }[] = [];
  /** Minutes since 2026-06-01T12:00Z; tests move it so created and edited times differ. */
  minute = 0;
  private readonly grants = new Map<string, string>();
  private next = 1;

  private constructor(readonly tokens: Set<string>) {
    super({ record: recordRequest, contentType: 'application/json; charset=utf-8' });
  }

  static async start(tokens: string[]): Promise<NotionFake> {
    const fake = new NotionFake(new Set(tokens));
    await fake.server.listen();
    return fake;
  }

  now(): string {
    return new Date(Date.UTC(2026, 5, 1, 12, this.minute)).toISOString();
  }

  addDataSource(name: string, properties: FakeProperty[] = taskProperties): DataSource {
    const source = { id: uuid(this.next++), name, properties: Object.fromEntries(properties.map((item) => [item.name, item])), pages: [] };
    this.dataSources.set(source.id, source);
    return source;
  }

  /** A page as someone made it in Notion's app, now. */
  addPage(source: DataSource, title: string, extra: Record<string, unknown> = {}): FakePage {
    const id = uuid(this.next++);
    const page: FakePage = {
      object: 'page',
      id,
      created_time: this.now(),
      last_edited_time: this.now(),
      parent: { type: 'data_source_id', data_source_id: source.id, database_id: source.id },
      in_trash: false,
      archived: false,
      url: `https://www.notion.so/${id.replaceAll('-', '')}`,
      properties: { Name: { id: 'title', type: 'title', title: [{ type: 'text', text: { content: title }, plain_text: title }] }, ...extra },
      blocks: [],
    };
    source.pages.push(page);
    return page;
  }

  edit(page: FakePage, properties: Record<string, unknown>): void {
    Object.assign(page.properties, properties);
    page.last_edited_time = this.now();
  }

  page(id: string): FakePage | undefined {
    for (const source of this.dataSources.values()) {
      const found = source.pages.find((page) => page.id === id);
      if (found) return found;
    }
    return undefined;
  }

  protected answer(request: NotionRequest, { url }: ReceivedRequest): Reply {
    if (request.method === 'GET' && request.path === '/v1/oauth/authorize') return this.authorize(url);
    if (request.method === 'POST' && request.path === '/v1/oauth/token') return this.exchange(request);
    const token = bearerToken(request);
    if (!token || !this.tokens.has(token)) return error(401, 'unauthorized', 'API token is invalid.');
    if (!request.headers['notion-version']) return error(400, 'missing_version', 'Notion-Version header failed validation: Notion-Version header should be defined, instead was `undefined`.');
    const body = (request.json ?? {}) as Record<string, unknown>;
    const route = `${request.method} ${request.path.replace(/[0-9a-f-]{36}/g, ':id')}`;
    const id = /[0-9a-f-]{36}/.exec(request.path)?.[0] ?? '';
    switch (route) {
      case 'GET /v1/users/me':
        return { status: 200, body: { object: 'user', id: uuid(999), type: 'bot', name: 'Switchyard', bot: { owner: { type: 'workspace', workspace: true }, workspace_name: 'Acme' } } };
      case 'POST /v1/search':
        return { status: 200, body: { object: 'list', results: [...this.dataSources.values()].map((source) => ({ object: 'data_source', id: source.id, title: [{ type: 'text', plain_text: source.name, text: { content: source.name } }] })), next_cursor: null, has_more: false } };
      case 'GET /v1/data_sources/:id':
        return this.dataSource(id);
      case 'POST /v1/pages':
        return this.createPage(body);
      case 'PATCH /v1/pages/:id':
        return this.updatePage(id, body);
      case 'PATCH /v1/blocks/:id/children':
        return this.append(id, body);
      case 'POST /v1/data_sources/:id/query':
        return this.query(id, body);
      default:
        return error(400, 'invalid_request_url', 'Invalid request URL.');
    }
  }

  private createPage(body: Record<string, unknown>): Reply {
    const parent = body['parent'] as { data_source_id?: string } | undefined;
    if (!parent?.data_source_id) return error(400, 'validation_error', 'body failed validation: body.parent.data_source_id should be defined, instead was `undefined`.');
    const source = this.dataSources.get(parent.data_source_id);
    if (!source) return error(404, 'object_not_found', `Could not find data_source with ID: ${parent.data_source_id}. Make sure the relevant pages and databases are shared with your integration.`);
    const properties = body['properties'];
    if (typeof properties !== 'object' || properties === null || Array.isArray(properties)) return error(400, 'validation_error', 'body failed validation: body.properties should be an object, instead was `undefined`.');
    const invalid = this.checkValues(source, properties as Record<string, unknown>);
    if (invalid) return invalid;
    const title = Object.values(properties as Record<string, { title?: { text?: { content?: string } }[] }>).find((value) => Array.isArray(value.title));
    if (!title) return error(400, 'validation_error', 'Title is not provided.');
    const page = this.addPage(source, title.title![0]?.text?.content ?? '');
    const { Name: _name, ...rest } = properties as Record<string, unknown>;
    Object.assign(page.properties, rest);
    return { status: 200, body: this.view(page) };
  }

  private updatePage(id: string, body: Record<string, unknown>): Reply {
    const page = this.page(id);
    if (!page) return error(404, 'object_not_found', `Could not find page with ID: ${id}. Make sure the relevant pages and databases are shared with your integration.`);
    if (body['properties'] !== undefined && (typeof body['properties'] !== 'object' || body['properties'] === null)) return error(400, 'validation_error', 'body failed validation: body.properties should be an object.');
    if (body['in_trash'] !== undefined && typeof body['in_trash'] !== 'boolean') return error(400, 'validation_error', 'body failed validation: body.in_trash should be a boolean.');
    if (body['properties']) {
      const invalid = this.checkValues(this.dataSources.get(page.parent.data_source_id)!, body['properties'] as Record<string, unknown>);
      if (invalid) return invalid;
      this.edit(page, body['properties'] as Record<string, unknown>);
    }
    if (typeof body['in_trash'] === 'boolean') {
      page.in_trash = page.archived = body['in_trash'];
      page.last_edited_time = this.now();
    }
    return { status: 200, body: this.view(page) };
  }

  private dataSource(id: string): Reply {
    const source = this.dataSources.get(id);
    if (!source) return error(404, 'object_not_found', `Could not find data_source with ID: ${id}. Make sure the relevant pages and databases are shared with your integration.`);
    const title = [{ type: 'text', text: { content: source.name, link: null }, plain_text: source.name }];
    return { status: 200, body: { object: 'data_source', id, title, description: [], parent: { type: 'database_id', database_id: id }, is_inline: false, in_trash: false, archived: false, properties: source.properties, url: `https://www.notion.so/${id.replaceAll('-', '')}` } };
  }

  /**
   * Notion refuses a property the data source does not have (by name or ID), a value not in the property's type
   * (`{ "Due": { "checkbox": true } }` on a date) and a value for a property it computes itself.
   */
  private checkValues(source: DataSource, values: Record<string, unknown>): Reply | undefined {
    for (const [key, value] of Object.entries(values)) {
      const schema = source.properties[key] ?? Object.values(source.properties).find((item) => item.id === key);
      if (!schema) return error(400, 'validation_error', `${key} is not a property that exists.`);
      if (readOnlyTypes.has(schema.type)) return error(400, 'validation_error', `Cannot update ${schema.type} property ${key}.`);
      if (typeof value !== 'object' || value === null || !(schema.type in value)) return error(400, 'validation_error', `${key} is expected to be ${schema.type}.`);
    }
    return undefined;
  }

  private append(id: string, body: Record<string, unknown>): Reply {
    const page = this.page(id);
    if (!page) return error(404, 'object_not_found', `Could not find block with ID: ${id}. Make sure the relevant pages and databases are shared with your integration.`);
    const children = body['children'];
    if (!Array.isArray(children) || children.length === 0 || children.length > 100) return error(400, 'validation_error', 'body failed validation: body.children should be an array of 1 to 100 blocks.');
    const added = [];
    for (const [index, child] of (children as Record<string, unknown>[]).entries()) {
      const type = String(child['type']);
      const content = child[type] as { rich_text?: { text?: { content?: string } }[] } | undefined;
      if (!blockTypes.has(type) || !content || !Array.isArray(content.rich_text)) return error(400, 'validation_error', `body failed validation: body.children[${index}].${type} should be defined, instead was \`undefined\`.`);
      if (content.rich_text.some((item) => (item.text?.content ?? '').length > 2000)) return error(400, 'validation_error', `body failed validation: body.children[${index}].${type}.rich_text[0].text.content.length should be ≤ \`2000\`.`);
      const block = { object: 'block', id: uuid(this.next++), parent: { type: 'page_id', page_id: page.id }, created_time: this.now(), last_edited_time: this.now(), has_children: false, in_trash: false, type, [type]: content };
      page.blocks.push(block);
      added.push(block);
    }
    return { status: 200, body: { object: 'list', results: added, next_cursor: null, has_more: false, type: 'block', block: {} } };
  }

  /** Sorts by a timestamp, filters on a timestamp or one property's equality, pages with start_cursor (an index here). */
  private query(id: string, body: Record<string, unknown>): Reply {
    const source = this.dataSources.get(id);
    if (!source) return error(404, 'object_not_found', `Could not find data_source with ID: ${id}. Make sure the relevant pages and databases are shared with your integration.`);
    const size = Number(body['page_size'] ?? 100);
    if (!Number.isInteger(size) || size < 1 || size > 100) return error(400, 'validation_error', 'body failed validation: body.page_size should be ≤ `100`.');
    let pages = source.pages.filter((page) => !page.in_trash);
    const filter = body['filter'] as Record<string, Record<string, unknown> | string> | undefined;
    if (filter) {
      const property = filter['property'];
      if (typeof property !== 'string') return error(400, 'validation_error', 'body failed validation: body.filter.property should be defined.');
      pages = pages.filter((page) => matches(page.properties[property], filter));
    }
    const sort = (body['sorts'] as { timestamp?: 'created_time' | 'last_edited_time'; direction?: string }[] | undefined)?.[0];
    if (sort?.timestamp) {
      const key = sort.timestamp;
      pages = [...pages].sort((a, b) => (a[key] < b[key] ? -1 : a[key] > b[key] ? 1 : 0) * (sort.direction === 'descending' ? -1 : 1));
    }
    const start = body['start_cursor'] === undefined ? 0 : Number(String(body['start_cursor']).replace('cursor-', ''));
    const slice = pages.slice(start, start + size);
    const more = start + size < pages.length;
    return { status: 200, body: { object: 'list', results: slice.map((page) => this.view(page)), next_cursor: more ? `cursor-${start + size}` : null, has_more: more, type: 'page_or_data_source', page_or_data_source: {} } };
  }

  private view(page: FakePage): Omit<FakePage, 'blocks'> {
    const { blocks: _blocks, ...shown } = page;
    return shown;
  }

  private authorize(url: URL): Reply {
    const redirectUri = url.searchParams.get('redirect_uri');
    if (url.searchParams.get('client_id') !== this.oauthApp.clientId || !redirectUri || url.searchParams.get('owner') !== 'user' || url.searchParams.get('response_type') !== 'code') {
      return { status: 400, body: 'Missing or invalid client_id, redirect_uri, owner=user or response_type=code' };
    }
    const code = `code-${this.next++}`;
    this.grants.set(code, redirectUri);
    const back = new URL(redirectUri);
    back.searchParams.set('code', code);
    back.searchParams.set('state', url.searchParams.get('state') ?? '');
    return { status: 302, headers: { location: back.href } };
  }

  /** The code exchange: client id and secret by HTTP Basic; JSON (as the SDK sends) or form-encoded parameters. */
  private exchange(request: NotionRequest): Reply {
    const contentType = String(request.headers['content-type'] ?? '');
    const params = contentType.includes('json') ? (request.json as Record<string, string>) : Object.fromEntries(new URLSearchParams(request.body));
    const authorization = String(request.headers['authorization'] ?? '');
    this.tokenRequests.push({ contentType, params, authorization });
    if (authorization !== `Basic ${Buffer.from(`${this.oauthApp.clientId}:${this.oauthApp.clientSecret}`).toString('base64')}`) return { status: 401, body: { error: 'invalid_client' } };
    const redirectUri = this.grants.get(params['code'] ?? '');
    this.grants.delete(params['code'] ?? '');
    if (params['grant_type'] !== 'authorization_code' || !redirectUri || redirectUri !== params['redirect_uri']) return { status: 400, body: { error: 'invalid_grant', error_description: 'Invalid code.' } };
    this.tokens.add(this.oauthApp.accessToken);
    return {
      status: 200,
      body: {
        access_token: this.oauthApp.accessToken,
        token_type: 'bearer',
        bot_id: uuid(999),
        workspace_name: 'Acme',
        workspace_icon: null,
        workspace_id: '13950b26-c203-4f3b-b97d-93ec06319565',
        owner: { type: 'user', user: { object: 'user', id: uuid(998) } },
        duplicated_template_id: null,
        request_id: 'f0e1d2c3-0000-4000-8000-000000000000',
      },
    };
  }
}

/** `{ property, <type>: { equals } }` for status, select, checkbox, rich_text and title properties. */
function matches(value: unknown, filter: Record<string, unknown>): boolean {
  const [type, condition] = Object.entries(filter).find(([key]) => key !== 'property') ?? [];
  const equals = (condition as { equals?: unknown } | undefined)?.equals;
  const property = value as Record<string, unknown> | undefined;
  if (!type || !property) return false;
  const held = property[type];
  if (type === 'status' || type === 'select') return (held as { name?: string } | null)?.name === equals;
  if (type === 'checkbox') return held === equals;
  if (type === 'rich_text' || type === 'title') return (held as { plain_text?: string; text?: { content?: string } }[]).map((part) => part.plain_text ?? part.text?.content ?? '').join('') === equals;
  return false;
}
