import { VendorFake, recordRequest, type FakeReply, type RecordedRequest } from '../../support/fake-vendor-server.js';

type Body = Record<string, unknown>;

// Crisp's answer shape: { error, reason, data } (docs.crisp.chat/references/rest-api/v1/#basics).
const fail = (status: number, reason: string, message = reason): FakeReply => ({ status, body: { error: true, reason, data: { namespace: 'request', message } } });
const ok = (reason: string, data: unknown = {}): FakeReply => ({ status: 200, body: { error: false, reason, data } });

const messageTypes = new Set(['text', 'note', 'file', 'animation', 'audio', 'picker', 'field', 'carousel', 'event']);
const states = new Set(['pending', 'unresolved', 'resolved']);

/**
 * A local Crisp REST API v1 on 127.0.0.1: HTTP Basic with a plugin token's identifier and key and
 * `X-Crisp-Tier: plugin` (a plugin token on the user tier is refused), one website with its conversations
 * and people profiles; messages need `type`, `from`, `origin` and `content`, states are checked, and failures
 * are Crisp's `{ error: true, reason }` with its status. Records every request.
 */
export class CrispFake extends VendorFake<RecordedRequest> {
  readonly messages: Body[] = [];
  readonly sessions = new Map<string, { state: string }>();
  readonly people = new Map<string, Body>();

  private constructor(
    readonly websiteId: string,
    readonly identifier: string,
    readonly key: string,
  ) {
    super({ record: recordRequest, contentType: 'application/json; charset=utf-8' });
  }

  static async start(websiteId: string, identifier: string, key: string): Promise<CrispFake> {
    const fake = new CrispFake(websiteId, identifier, key);
    await fake.server.listen();
    return fake;
  }

  /** The REST base URL, as the pack's `base_url` takes it. */
  override get url(): string {
    return `${this.server.url}/v1`;
  }

  /** What crisp-api's `setRestHost` takes: the origin, before its `/v1/`. */
  get host(): string {
    return this.server.url;
  }

  protected answer(request: RecordedRequest): FakeReply {
    const authorization = String(request.headers['authorization'] ?? '');
    const [identifier, key] = Buffer.from(authorization.replace(/^Basic /, ''), 'base64').toString('utf8').split(':');
    if (!authorization.startsWith('Basic ') || identifier !== this.identifier || key !== this.key) return fail(401, 'invalid_session');
    if (request.headers['x-crisp-tier'] !== 'plugin') return fail(403, 'not_allowed', 'this token is a plugin token: use the plugin tier');
    const match = /^\/v1\/website\/([^/]+)(\/.*)?$/.exec(request.path);
    if (!match || match[1] !== this.websiteId) return fail(404, 'website_not_found');
    const rest = match[2] ?? '';
    const body = (request.json ?? {}) as Body;
    if (request.method === 'GET' && rest === '') return ok('resolved', { website_id: this.websiteId, name: 'Acme', domain: 'acme.example' });
    const conversation = /^\/conversation\/([^/]+)\/(message|state)$/.exec(rest);
    if (conversation) {
      const session = this.sessions.get(decodeURIComponent(conversation[1]!));
      if (!session) return fail(404, 'session_not_found');
      if (conversation[2] === 'message' && request.method === 'POST') return this.send(body);
      if (conversation[2] === 'state' && request.method === 'PATCH') {
        if (typeof body['state'] !== 'string' || !states.has(body['state'])) return fail(400, 'invalid_data', 'state must be pending, unresolved or resolved');
        session.state = body['state'];
        return ok('updated');
      }
    }
    const profile = /^\/people\/profile\/([^/]+)$/.exec(rest);
    if (profile && request.method === 'PATCH') {
      const person = this.people.get(decodeURIComponent(profile[1]!));
      if (!person) return fail(404, 'people_not_found');
      Object.assign(person, body);
      return ok('updated');
    }
    return fail(404, 'not_found');
  }

  private send(body: Body): FakeReply {
    for (const field of ['type', 'from', 'origin', 'content']) if (body[field] === undefined) return fail(400, 'invalid_data', `${field} is required`);
    if (!messageTypes.has(String(body['type'])) || !['user', 'operator'].includes(String(body['from']))) return fail(400, 'invalid_data', 'type or from is not valid');
    const fingerprint = 163408415189945 + this.messages.length;
    this.messages.push({ ...body, fingerprint });
    return { status: 202, body: { error: false, reason: 'dispatched', data: { fingerprint } } };
  }
}
