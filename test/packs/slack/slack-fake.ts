import { VendorFake, type FakeReply, type ReceivedRequest } from '../../support/fake-vendor-server.js';
import { methods, neededScopes, nextTs, type FakeChannel, type FakeMessage, type SlackState } from './slack-fake-methods.js';

/** One request as it reached the fake: method, path, query, headers, raw body and the arguments Slack reads from them. */
export interface SlackRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  contentType: string | undefined;
  /** Query and body arguments together (form-encoded or JSON), as Slack reads them. */
  args: Record<string, string>;
  receivedAt: number;
}

const allScopes = new Set(Object.values(neededScopes));

/**
 * A local stand-in for Slack's Web API (https://docs.slack.dev/apis/web-api/) on 127.0.0.1, following its
 * documented contract: `POST` or `GET /api/<method>`, arguments in the query and/or a form-encoded (or JSON)
 * body, the token as `Authorization: Bearer` (or a `token` argument); every answer is HTTP 200 with `ok`,
 * failures `{ ok: false, error }` (`missing_scope` adds `needed` and `provided`), rate limits HTTP 429
 * with `Retry-After` seconds. Cursor pagination through `response_metadata.next_cursor`. The OAuth v2 install
 * (`/oauth/v2/authorize`, `oauth.v2.access`) hands out the bot token. Records every request.
 */
export class SlackFake extends VendorFake<SlackRequest> {
  readonly state: SlackState = { teamId: 'T061EG9R6', botUserId: 'U0LAN0Z89', botId: 'B061F7JD2', channels: [], users: [], clock: 1_717_243_200, maxPageSize: 1000 };
  /** Bot scopes the token has; remove one to meet `missing_scope`. */
  readonly scopes = new Set(allScopes);
  /** The Slack app the OAuth v2 install is for; codes are handed out by the authorize page, each usable once. */
  readonly oauthApp = { clientId: '1717243200.5829471037', clientSecret: 'c0ffee5ecret0f7hesw1tchyardapp' };
  private readonly codes = new Map<string, { redirectUri: string; scope: string }>();
  private readonly rateLimits = new Map<string, number[]>();

  /** Set when the app is uninstalled or the token revoked: the token then answers `token_revoked`. */
  revoked = false;

  private constructor(readonly token: string) {
    super({ record: slackRequest, contentType: 'application/json; charset=utf-8' });
  }

  static async start(token: string): Promise<SlackFake> {
    const fake = new SlackFake(token);
    await fake.server.listen();
    return fake;
  }

  /** Requests to one Web API method, oldest first. */
  calls(method: string): SlackRequest[] {
    return this.requests.filter((request) => request.path === `/api/${method}`);
  }

  /** The next calls of `method` answer 429 with these `Retry-After` seconds, one per call. */
  rateLimit(method: string, ...retryAfterSeconds: number[]): void {
    this.rateLimits.set(method, [...(this.rateLimits.get(method) ?? []), ...retryAfterSeconds]);
  }

  addChannel(name: string, extra: Partial<FakeChannel> = {}): FakeChannel {
    const channel: FakeChannel = {
      id: `C${String(this.state.channels.length + 1).padStart(8, '0')}`,
      name,
      is_channel: true,
      is_private: false,
      is_archived: false,
      is_member: true,
      created: this.state.clock,
      creator: this.state.botUserId,
      topic: { value: '', creator: '', last_set: 0 },
      purpose: { value: '', creator: '', last_set: 0 },
      members: extra.is_member === false ? [] : [this.state.botUserId],
      messages: [],
      ...extra,
    };
    this.state.channels.push(channel);
    return channel;
  }

  addUser(id: string, name: string, realName: string, email: string): void {
    this.state.users.push({ id, name, real_name: realName, deleted: false, is_bot: false, profile: { email, real_name: realName, display_name: name } });
  }

  /** A message someone posted in the channel (not through the API), with the next ts. */
  post(channel: FakeChannel, text: string, user = 'U061F7AUR'): FakeMessage {
    const message: FakeMessage = { type: 'message', ts: nextTs(this.state), text, user };
    channel.messages.push(message);
    return message;
  }

  protected answer(request: SlackRequest): FakeReply {
    if (request.path === '/oauth/v2/authorize') return this.authorize(request);
    if (request.path === '/api/oauth.v2.access') return { status: 200, body: this.exchange(request) };
    const name = request.path.replace(/^\/api\//, '');
    const method = methods[name];
    if (!request.path.startsWith('/api/') || !method) return { status: 404, body: { ok: false, error: 'unknown_method', req_method: name } };
    const authorization = String(request.headers['authorization'] ?? '');
    const token = /^Bearer (.+)$/.exec(authorization)?.[1] ?? request.args['token'];
    if (!token) return { status: 200, body: { ok: false, error: 'not_authed' } };
    if (token !== this.token) return { status: 200, body: { ok: false, error: 'invalid_auth' } };
    if (this.revoked) return { status: 200, body: { ok: false, error: 'token_revoked' } };
    const wait = this.rateLimits.get(name)?.shift();
    if (wait !== undefined) return { status: 429, headers: { 'retry-after': String(wait) }, body: { ok: false, error: 'ratelimited' } };
    const needed = neededScopes[name];
    if (needed !== undefined && !this.scopes.has(needed)) {
      return { status: 200, body: { ok: false, error: 'missing_scope', needed, provided: [...this.scopes].join(',') } };
    }
    return { status: 200, body: method(this.state, request.args) };
  }

  /** The install page, as if the user approved at once: back to `redirect_uri` with a code and the state. */
  private authorize(request: SlackRequest): FakeReply {
    const { client_id: clientId, redirect_uri: redirectUri, state, scope } = request.query;
    if (clientId !== this.oauthApp.clientId || !redirectUri) return { status: 400, body: { ok: false, error: 'invalid_client_id' } };
    const code = `code-${this.codes.size + 1}`;
    this.codes.set(code, { redirectUri, scope: scope ?? '' });
    const back = new URL(redirectUri);
    back.searchParams.set('code', code);
    if (state !== undefined) back.searchParams.set('state', state);
    return { status: 302, body: {}, headers: { location: back.toString() } };
  }

  /** oauth.v2.access: client credentials by HTTP Basic (Slack's preference) or in the body; the bot token is `access_token`. */
  private exchange(request: SlackRequest): Record<string, unknown> {
    const basic = /^Basic (.+)$/.exec(String(request.headers['authorization'] ?? ''))?.[1];
    const [clientId, clientSecret] = basic ? Buffer.from(basic, 'base64').toString('utf8').split(':') : [request.args['client_id'], request.args['client_secret']];
    if (clientId !== this.oauthApp.clientId) return { ok: false, error: 'invalid_client_id' };
    if (clientSecret !== this.oauthApp.clientSecret) return { ok: false, error: 'bad_client_secret' };
    const code = request.args['code'] ?? '';
    const issued = this.codes.get(code);
    if (!issued) return { ok: false, error: 'invalid_code' };
    this.codes.delete(code);
    if (request.args['redirect_uri'] !== issued.redirectUri) return { ok: false, error: 'bad_redirect_uri' };
    return {
      ok: true,
      access_token: this.token,
      token_type: 'bot',
      scope: issued.scope,
      bot_user_id: this.state.botUserId,
      app_id: 'A061F7JD2',
      team: { name: 'Switchyard QA', id: this.state.teamId },
      enterprise: null,
      is_enterprise_install: false,
      authed_user: { id: 'U061F7AUR' },
    };
  }
}

function slackRequest({ method, url, headers, body }: ReceivedRequest): SlackRequest {
  const contentType = headers['content-type']?.split(';')[0]?.trim();
  const query = Object.fromEntries(url.searchParams);
  return { method, path: url.pathname, query, headers, body, contentType, args: { ...query, ...bodyArgs(contentType, body) }, receivedAt: Date.now() };
}

function bodyArgs(contentType: string | undefined, body: string): Record<string, string> {
  if (body === '') return {};
  if (contentType === 'application/json') {
    const parsed = JSON.parse(body) as Record<string, unknown>;
    return Object.fromEntries(Object.entries(parsed).map(([key, value]) => [key, typeof value === 'string' ? value : JSON.stringify(value)]));
  }
  return Object.fromEntries(new URLSearchParams(body));
}
