import { createHmac, randomBytes } from 'node:crypto';
import { AuthorizationCodes } from '../../support/authorization-codes.js';
import { bearerToken, recordRequest, VendorFake, type FakeReply, type RecordedRequest } from '../../support/fake-vendor-server.js';

type Body = Record<string, unknown>;
type Task = Body & { gid: string; name: string; projects: { gid: string }[] };

// Asana's error shape: { errors: [{ message, help }] } (developers.asana.com/docs/errors).
const fail = (status: number, message: string): FakeReply => ({ status, body: { errors: [{ message, help: 'For more information on API status codes and how to handle them, read the docs on errors: https://developers.asana.com/docs/errors' }] } });

/**
 * A local Asana on 127.0.0.1 (developers.asana.com/reference): `/api/1.0` with Bearer tokens (a personal
 * access token, or one issued by the OAuth flow at `/-/oauth_authorize` and `/-/oauth_token`, refreshable),
 * bodies wrapped in `data`, tasks with offset pagination (`next_page.offset`), search, stories, and webhooks:
 * `POST /webhooks` first calls the target with `X-Hook-Secret` and creates the webhook only when the target
 * echoes it, as Asana does; deliveries are signed with that secret (`X-Hook-Signature`, hex HMAC-SHA256).
 */
export class AsanaFake extends VendorFake<RecordedRequest> {
  readonly workspace = { gid: '1202000000000001', name: 'Acme' };
  readonly project = { gid: '1203000000000001', name: 'Support' };
  readonly tasks: Task[] = [];
  readonly stories: Body[] = [];
  readonly hooks = new Map<string, { resource: string; target: string; secret: string }>();
  readonly oauthApp = { clientId: '1205550000000001', clientSecret: 'asana-client-secret-0f7e9c' };
  readonly tokens = new Set<string>();
  private readonly codes = new AuthorizationCodes('code-');
  private readonly refreshTokens = new Set<string>();

  private constructor(personalToken: string) {
    super({ record: recordRequest, contentType: 'application/json; charset=UTF-8' });
    this.tokens.add(personalToken);
  }

  static async start(personalToken: string): Promise<AsanaFake> {
    const fake = new AsanaFake(personalToken);
    await fake.server.listen();
    return fake;
  }

  get origin(): string {
    return this.server.url;
  }

  /** The API base URL, as the pack's `base_url` and the SDK's `basePath` take it. */
  override get url(): string {
    return `${this.server.url}/api/1.0`;
  }

  requestsTo(method: string, path: string | RegExp): RecordedRequest[] {
    return this.requests.filter((request) => request.method === method && (typeof path === 'string' ? request.path === path : path.test(request.path)));
  }

  addTasks(count: number): void {
    for (let index = 0; index < count; index++) this.createTask({ name: `Imported ${index + 1}`, projects: [this.project.gid] });
  }

  /** Posts events to a webhook as Asana does: JSON `{ events }`, signed with the handshake's secret. */
  async deliver(hookGid: string, events: unknown[], secret?: string): Promise<{ status: number; body: Record<string, unknown> }> {
    const hook = this.hooks.get(hookGid)!;
    const body = JSON.stringify({ events });
    const signature = createHmac('sha256', secret ?? hook.secret).update(body).digest('hex');
    const answer = await fetch(hook.target, { method: 'POST', headers: { 'content-type': 'application/json', 'x-hook-signature': signature }, body });
    return { status: answer.status, body: (await answer.json()) as Record<string, unknown> };
  }

  protected async answer(request: RecordedRequest): Promise<FakeReply> {
    if (request.path === '/-/oauth_authorize') return this.authorize(request);
    if (request.path === '/-/oauth_token' && request.method === 'POST') return this.exchange(request);
    if (!request.path.startsWith('/api/1.0/')) return fail(404, 'Not found');
    const token = bearerToken(request);
    if (!token || !this.tokens.has(token)) return fail(401, 'Not Authorized');
    const path = request.path.slice('/api/1.0'.length);
    const query = new Map(request.query);
    const data = ((request.json ?? {}) as { data?: Body }).data ?? {};
    const route = `${request.method} ${path.replace(/\d{10,}/g, ':gid')}`;
    const gid = /\d{10,}/.exec(path)?.[0] ?? '';
    switch (route) {
      case 'GET /users/me':
        return { status: 200, body: { data: { gid: '1200000000000001', name: 'Grace Hopper', email: 'grace@acme.example', workspaces: [this.workspace] } } };
      case 'GET /workspaces':
        return { status: 200, body: { data: [{ ...this.workspace, resource_type: 'workspace' }], next_page: null } };
      case 'GET /projects':
        return { status: 200, body: { data: query.get('workspace') === this.workspace.gid ? [{ ...this.project, resource_type: 'project' }] : [], next_page: null } };
      case 'POST /tasks':
        if (typeof data['name'] !== 'string') return fail(400, 'name: Missing input');
        if (data['workspace'] === undefined && !Array.isArray(data['projects'])) return fail(400, 'workspace: Missing input');
        return { status: 201, body: { data: this.createTask(data) } };
      case 'PUT /tasks/:gid': {
        const task = this.tasks.find((candidate) => candidate.gid === gid);
        if (!task) return fail(404, `task: Unknown object: ${gid}`);
        Object.assign(task, data);
        return { status: 200, body: { data: task } };
      }
      case 'POST /tasks/:gid/stories': {
        if (!this.tasks.some((task) => task.gid === gid)) return fail(404, `task: Unknown object: ${gid}`);
        if (typeof data['text'] !== 'string' && typeof data['html_text'] !== 'string') return fail(400, 'text: Missing input');
        const story = { gid: String(1205000000000001 + this.stories.length), resource_type: 'story', type: 'comment', text: data['text'], target: { gid } };
        this.stories.push(story);
        return { status: 201, body: { data: story } };
      }
      case 'GET /workspaces/:gid/tasks/search': {
        const text = (query.get('text') ?? '').toLowerCase();
        return { status: 200, body: { data: this.tasks.filter((task) => task.name.toLowerCase().includes(text)).slice(0, 100) } };
      }
      case 'GET /projects/:gid/tasks':
        return this.page(this.tasks.filter((task) => task.projects.some((project) => project.gid === gid)), path, query);
      case 'POST /webhooks':
        return this.createWebhook(data);
      case 'DELETE /webhooks/:gid':
        if (!this.hooks.delete(gid)) return fail(404, `webhook: Unknown object: ${gid}`);
        return { status: 200, body: { data: {} } };
      default:
        return fail(404, 'Not found');
    }
  }

  private createTask(data: Body): Task {
    const projects = ((data['projects'] as string[] | undefined) ?? []).map((gid) => ({ gid, resource_type: 'project' }));
    const task: Task = { gid: String(1204000000000001 + this.tasks.length), resource_type: 'task', completed: false, notes: '', ...data, name: String(data['name']), projects };
    this.tasks.push(task);
    return task;
  }

  /** Asana's offset pagination: `limit` (1–100), an opaque `offset`, and `next_page` null on the last page. */
  private page(items: Task[], path: string, query: Map<string, string>): FakeReply {
    const limit = Number(query.get('limit') ?? 100);
    if (!(limit >= 1 && limit <= 100)) return fail(400, 'limit: Must be between 1 and 100');
    const start = query.has('offset') ? Number(Buffer.from(query.get('offset')!, 'base64url').toString()) : 0;
    const end = start + limit;
    const offset = Buffer.from(String(end)).toString('base64url');
    const next = end < items.length ? { offset, path: `${path}?limit=${limit}&offset=${offset}`, uri: `${this.url}${path}?limit=${limit}&offset=${offset}` } : null;
    return { status: 200, body: { data: items.slice(start, end), next_page: next } };
  }

  /** The handshake happens inside the create call: Asana answers only after the target echoed X-Hook-Secret. */
  private async createWebhook(data: Body): Promise<FakeReply> {
    const { resource, target } = data as { resource?: string; target?: string };
    if (!resource || !target) return fail(400, `${resource ? 'target' : 'resource'}: Missing input`);
    const secret = randomBytes(16).toString('hex');
    const answer = await fetch(target, { method: 'POST', headers: { 'x-hook-secret': secret }, body: '' }).catch(() => null);
    if (!answer || (answer.status !== 200 && answer.status !== 204) || answer.headers.get('x-hook-secret') !== secret) {
      return fail(400, `The remote server did not respond with the handshake secret (status ${answer?.status ?? 'none'}).`);
    }
    const gid = String(1206000000000001 + this.hooks.size);
    this.hooks.set(gid, { resource, target, secret });
    return { status: 201, body: { data: { gid, resource_type: 'webhook', active: true, resource: { gid: resource }, target } } };
  }

  private authorize(request: RecordedRequest): FakeReply {
    const query = new Map(request.query);
    if (query.get('client_id') !== this.oauthApp.clientId || query.get('response_type') !== 'code') return fail(400, 'invalid_request');
    return this.codes.redirect(query.get('redirect_uri')!, query.get('state') ?? '');
  }

  /** `/-/oauth_token`: form-encoded, client credentials in the body; codes once, refresh tokens many times. */
  private exchange(request: RecordedRequest): FakeReply {
    const form = new URLSearchParams(request.body);
    if (form.get('client_id') !== this.oauthApp.clientId || form.get('client_secret') !== this.oauthApp.clientSecret) return { status: 401, body: { error: 'invalid_client' } };
    const grant = form.get('grant_type');
    if (grant === 'authorization_code') {
      if (!this.codes.redeem(form.get('code'), form.get('redirect_uri'))) return { status: 400, body: { error: 'invalid_grant' } };
    } else if (grant !== 'refresh_token' || !this.refreshTokens.has(form.get('refresh_token') ?? '')) {
      return { status: 400, body: { error: 'invalid_grant' } };
    }
    const accessToken = `2/1200000000000001/${randomBytes(12).toString('hex')}`;
    const refreshToken = grant === 'refresh_token' ? undefined : `2/1200000000000001/refresh-${randomBytes(8).toString('hex')}`;
    this.tokens.add(accessToken);
    if (refreshToken) this.refreshTokens.add(refreshToken);
    return { status: 200, body: { access_token: accessToken, token_type: 'bearer', expires_in: 3600, ...(refreshToken && { refresh_token: refreshToken }), data: { id: 1200000000000001, gid: '1200000000000001', name: 'Grace Hopper', email: 'grace@acme.example' } } };
  }
}
