import { randomBytes } from 'node:crypto';
import { AuthorizationCodes } from '../../support/authorization-codes.js';
import { recordRequest, VendorFake, type FakeReply, type RecordedRequest } from '../../support/fake-vendor-server.js';
import { mondayJwt } from './monday-jwt.js';

type Vars = Record<string, unknown>;
interface Item {
  id: string;
  name: string;
  board: { id: string };
  group: { id: string; title: string };
  column_values: { id: string; type: string; text: string; value: string }[];
}

/** monday's cursors are opaque; this fake's says where the next page starts. */
export const mondayCursor = (offset: number) => Buffer.from(`offset:${offset}`).toString('base64url');

const columns = [
  { id: 'status', title: 'Status', type: 'status' },
  { id: 'email', title: 'Email', type: 'email' },
  { id: 'date4', title: 'Due', type: 'date' },
];

// monday's application errors: HTTP 200, `errors[]` with `extensions.code` (developer.monday.com/api-reference/docs/errors).
const graphError = (message: string, code: string, extra: Record<string, unknown> = {}): FakeReply => ({ status: 200, body: { errors: [{ message, extensions: { code, ...extra } }], account_id: 4012689 } });

/**
 * A local monday.com on 127.0.0.1: GraphQL at `POST /v2` (the token in `Authorization` without `Bearer`),
 * operations recognised by their root field with every value taken from `variables`, one board with three
 * columns, items, updates and `items_page_by_column_values`; failures in monday's 200-with-`errors` shape,
 * `COMPLEXITY_BUDGET_EXHAUSTED` on demand. `create_webhook` posts `{"challenge": …}` to the URL and creates the
 * webhook only when the same JSON comes back; deliveries carry a JWT signed with the app's signing secret.
 * OAuth at `/oauth2/authorize` and `/oauth2/token`. Records every request.
 */
export class MondayFake extends VendorFake<RecordedRequest> {
  readonly board = { id: '1771812698', name: 'Support' };
  readonly items: Item[] = [];
  readonly updates: Vars[] = [];
  readonly webhooks = new Map<string, { board: string; url: string; event: string }>();
  readonly oauthApp = { clientId: 'b5f2a0c1d3e4f5a6b7c8d9e0f1a2b3c4', clientSecret: 'monday-client-secret-9d3e1f5c', signingSecret: 'monday-app-signing-secret-7e9c5b1a' };
  readonly tokens = new Set<string>();
  private readonly codes = new AuthorizationCodes('code-');
  private budgetFailures = 0;

  private constructor(apiToken: string) {
    super({ record: recordRequest, contentType: 'application/json; charset=utf-8' });
    this.tokens.add(apiToken);
  }

  static async start(apiToken: string): Promise<MondayFake> {
    const fake = new MondayFake(apiToken);
    await fake.server.listen();
    return fake;
  }

  /** GraphQL calls whose document has this root field. */
  calls(field: string): RecordedRequest[] {
    return this.requests.filter((request) => request.path === '/v2' && String((request.json as { query?: string } | undefined)?.query).includes(`${field}(`));
  }

  /** The next `count` calls answer that the complexity budget is exhausted, to retry in a second. */
  exhaustBudget(count: number): void {
    this.budgetFailures = count;
  }

  /** Posts an event to a webhook as monday does: `{ event }` with a JWT for that URL in `Authorization`. */
  async deliver(webhookId: string, event: Vars, secret = this.oauthApp.signingSecret): Promise<{ status: number; body: Record<string, unknown> }> {
    const hook = this.webhooks.get(webhookId)!;
    const now = Math.floor(Date.now() / 1000);
    const authorization = mondayJwt(secret, { accountId: 4012689, userId: 15158293, aud: hook.url, iat: now, exp: now + 300, shortLivedToken: 'short-lived' });
    const answer = await fetch(hook.url, { method: 'POST', headers: { 'content-type': 'application/json', authorization }, body: JSON.stringify({ event: { ...event, subscriptionId: Number(webhookId) } }) });
    return { status: answer.status, body: (await answer.json()) as Record<string, unknown> };
  }

  protected async answer(request: RecordedRequest): Promise<FakeReply> {
    if (request.path === '/oauth2/authorize') return this.authorize(request);
    if (request.path === '/oauth2/token' && request.method === 'POST') return this.exchange(request);
    if (request.path !== '/v2' || request.method !== 'POST') return { status: 404, body: { error_message: 'Not found', status_code: 404 } };
    const token = String(request.headers['authorization'] ?? '');
    if (!this.tokens.has(token)) return { status: 401, body: { errors: [{ message: 'Not Authenticated', extensions: { code: 'UNAUTHENTICATED' } }] } };
    if (this.budgetFailures > 0) {
      this.budgetFailures -= 1;
      return graphError('Complexity budget exhausted', 'COMPLEXITY_BUDGET_EXHAUSTED', { retry_in_seconds: 1 });
    }
    const { query, variables } = (request.json ?? {}) as { query?: string; variables?: Vars };
    if (typeof query !== 'string') return { status: 400, body: { errors: [{ message: 'No query string was present' }] } };
    return this.operation(query, variables ?? {});
  }

  private async operation(query: string, vars: Vars): Promise<FakeReply> {
    const field = /^\s*(?:query|mutation)\s*(?:\([^)]*\))?\s*\{\s*(\w+)/.exec(query)?.[1];
    const data = (value: unknown): FakeReply => ({ status: 200, body: { data: { [field!]: value }, account_id: 4012689 } });
    switch (field) {
      case 'me':
        return data({ id: '15158293', name: 'Grace Hopper', email: 'grace@acme.example', account: { id: '4012689', name: 'Acme' } });
      case 'boards':
        return data(vars['board'] === undefined ? [this.board] : [{ columns }]);
      case 'create_item': {
        if (String(vars['board']) !== this.board.id) return graphError(`Board not found`, 'InvalidBoardIdException');
        if (typeof vars['name'] !== 'string') return graphError('Variable "$name" of required type "String!" was not provided.', 'GraphQLValidationFailed');
        const item: Item = { id: String(1772099344 + this.items.length), name: vars['name'], board: { id: this.board.id }, group: { id: String(vars['group'] ?? 'topics'), title: 'New' }, column_values: [] };
        const failure = this.setValues(item, vars['values']);
        if (failure) return failure;
        this.items.push(item);
        return data(item);
      }
      case 'change_multiple_column_values': {
        const item = this.items.find((candidate) => candidate.id === String(vars['item']));
        if (!item) return graphError('Item not found in board', 'InvalidItemIdException');
        return this.setValues(item, vars['values']) ?? data(item);
      }
      case 'create_update': {
        if (!this.items.some((item) => item.id === String(vars['item']))) return graphError('Item not found', 'InvalidItemIdException');
        const update = { id: String(2004157401 + this.updates.length), body: vars['body'], text_body: vars['body'], item_id: String(vars['item']) };
        this.updates.push(update);
        return data(update);
      }
      case 'items_page_by_column_values': {
        const limit = Number(vars['limit'] ?? 25);
        if (!(limit >= 1 && limit <= 500)) return graphError('limit must be between 1 and 500', 'InvalidArgumentException');
        const matches = this.items.filter((item) => item.column_values.some((value) => value.id === vars['column'] && value.text === vars['value']));
        const start = typeof vars['cursor'] === 'string' ? Number(Buffer.from(vars['cursor'], 'base64url').toString().split(':')[1]) : 0;
        return data({ cursor: start + limit < matches.length ? mondayCursor(start + limit) : null, items: matches.slice(start, start + limit) });
      }
      case 'create_webhook':
        return this.createWebhook(vars, data);
      case 'delete_webhook': {
        const hook = this.webhooks.get(String(vars['id']));
        if (!hook) return graphError('Webhook not found', 'ResourceNotFoundException');
        this.webhooks.delete(String(vars['id']));
        return data({ id: String(vars['id']), board_id: hook.board });
      }
      default:
        return graphError(`Field '${field}' doesn't exist on type 'Query'`, 'undefinedField');
    }
  }

  /** `column_values` is a JSON text keyed by column id; each value in its column type's shape. */
  private setValues(item: Item, values: unknown): FakeReply | null {
    if (values === undefined || values === null || values === 'null') return null;
    if (typeof values !== 'string') return graphError('column_values must be a JSON string', 'ColumnValueException');
    const parsed = JSON.parse(values) as Record<string, { label?: string; email?: string; date?: string } | string>;
    for (const [id, value] of Object.entries(parsed)) {
      const column = columns.find((candidate) => candidate.id === id);
      if (!column) return graphError(`This column ID doesn't exist for the board`, 'InvalidColumnIdException', { error_data: { column_id: id } });
      const text = typeof value === 'string' ? value : (value.label ?? value.email ?? value.date ?? '');
      item.column_values = [...item.column_values.filter((existing) => existing.id !== id), { id, type: column.type, text, value: JSON.stringify(value) }];
    }
    return null;
  }

  /** monday checks the URL before it creates the webhook: `{"challenge": …}` must come back as it went. */
  private async createWebhook(vars: Vars, data: (value: unknown) => FakeReply): Promise<FakeReply> {
    if (String(vars['board']) !== this.board.id) return graphError('Board not found', 'InvalidBoardIdException');
    const url = String(vars['url']);
    const challenge = randomBytes(24).toString('base64url');
    const answer = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ challenge }) }).catch(() => null);
    const echoed = answer?.ok ? ((await answer.json()) as { challenge?: unknown }) : null;
    if (echoed?.challenge !== challenge) return graphError('Failed to communicate with URL provided.', 'InvalidUrlException');
    const id = String(73759690 + this.webhooks.size);
    this.webhooks.set(id, { board: this.board.id, url, event: String(vars['event']) });
    return data({ id, board_id: this.board.id });
  }

  private authorize(request: RecordedRequest): FakeReply {
    const query = new Map(request.query);
    if (query.get('client_id') !== this.oauthApp.clientId) return { status: 400, body: { error: 'invalid_client' } };
    return this.codes.redirect(query.get('redirect_uri')!, query.get('state') ?? '');
  }

  private exchange(request: RecordedRequest): FakeReply {
    const form = new URLSearchParams(request.body);
    if (form.get('client_id') !== this.oauthApp.clientId || form.get('client_secret') !== this.oauthApp.clientSecret) return { status: 401, body: { error: 'invalid_client' } };
    if (!this.codes.redeem(form.get('code'), form.get('redirect_uri'))) return { status: 400, body: { error: 'invalid_grant' } };
    const accessToken = `eyJhbGciOiJIUzI1NiJ9.${randomBytes(16).toString('hex')}`;
    this.tokens.add(accessToken);
    return { status: 200, body: { access_token: accessToken, token_type: 'Bearer', scope: form.get('scope') ?? 'me:read boards:read boards:write updates:write webhooks:write' } };
  }
}
