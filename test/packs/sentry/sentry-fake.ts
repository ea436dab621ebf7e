import { VendorFake, recordRequest, type FakeReply as Reply, type RecordedRequest } from '../../support/fake-vendor-server.js';

/** One request as it reached the fake (the path still percent-encoded). */
export type SentryRequest = RecordedRequest;

type Issue = Record<string, unknown> & { id: string; status: string; assignedTo: unknown };

const statuses = new Set(['resolved', 'resolvedInNextRelease', 'unresolved', 'ignored']);
const projects = [
  { id: '4505678', slug: 'web-frontend', name: 'Web frontend', platform: 'javascript' },
  { id: '4505679', slug: 'api', name: 'API', platform: 'python' },
];
const notFound: Reply = { status: 404, body: { detail: 'The requested resource does not exist' } };

/**
 * A local Sentry web API (https://docs.sentry.io/api/) on 127.0.0.1: `Authorization: Bearer <token>`
 * (401 `{ detail }` otherwise), organization-scoped issue update, comments and releases, errors as
 * `{ detail }` and field problems as `{ "<field>": ["…"] }`, as Sentry's REST framework answers them.
 * It records every request.
 */
export class SentryFake extends VendorFake<SentryRequest> {
  readonly issues = new Map<string, Issue>();
  readonly releases = new Map<string, Record<string, unknown>>();
  private comments = 0;

  private constructor(
    readonly organization: string,
    readonly token: string,
  ) {
    super({ record: recordRequest, contentType: 'application/json' });
  }

  static async start(organization: string, token: string): Promise<SentryFake> {
    const fake = new SentryFake(organization, token);
    await fake.server.listen();
    return fake;
  }

  addIssue(id: string, fields: Record<string, unknown> = {}): void {
    this.issues.set(id, { id, shortId: `WEB-${id}`, title: 'TypeError: x is undefined', status: 'unresolved', statusDetails: {}, assignedTo: null, hasSeen: false, ...fields });
  }

  requestsTo(method: string, path: string): SentryRequest[] {
    return this.requests.filter((request) => request.method === method && request.path === path);
  }

  protected answer(request: SentryRequest): Reply {
    if (request.headers['authorization'] !== `Bearer ${this.token}`) return { status: 401, body: { detail: 'Invalid token' } };
    const org = `/api/0/organizations/${this.organization}`;
    if (!request.path.startsWith(`${org}/`)) return notFound;
    const rest = request.path.slice(org.length);
    const body = (request.json ?? {}) as Record<string, unknown>;
    if (request.method === 'GET' && rest === '/') return { status: 200, body: { id: '1', slug: this.organization, name: 'Acme' } };
    if (request.method === 'POST' && rest === '/releases/') return this.createRelease(body);
    if (request.method === 'GET' && rest === '/projects/') return { status: 200, body: projects };
    if (request.method === 'GET' && rest === '/issues/') return this.listIssues(new URLSearchParams(request.query));
    const issue = /^\/issues\/([^/]+)\/(comments\/)?$/.exec(rest);
    const found = issue ? this.issues.get(decodeURIComponent(issue[1]!)) : undefined;
    if (!issue || !found) return notFound;
    if (issue[2]) {
      if (request.method !== 'POST') return { status: 405, body: { detail: `Method "${request.method}" not allowed.` } };
      if (typeof body['text'] !== 'string' || body['text'] === '') return { status: 400, body: { text: ['This field is required.'] } };
      this.comments += 1;
      return { status: 201, body: { id: String(this.comments), type: 'note', data: { text: body['text'] }, user: { id: '77', name: 'Ada Lovelace' }, dateCreated: '2024-06-01T13:00:00Z' } };
    }
    if (request.method === 'GET') return { status: 200, body: found };
    if (request.method !== 'PUT') return { status: 405, body: { detail: `Method "${request.method}" not allowed.` } };
    return this.updateIssue(found, body);
  }

  private updateIssue(issue: Issue, body: Record<string, unknown>): Reply {
    if (body['status'] !== undefined && !statuses.has(String(body['status']))) return { status: 400, body: { status: [`"${String(body['status'])}" is not a valid choice.`] } };
    if ('assignedTo' in body) {
      const actor = String(body['assignedTo']);
      const match = /^(user|team):(\d+)$/.exec(actor);
      if (actor !== '' && !match) return { status: 400, body: { assignedTo: ['Could not parse actor. Format should be `type:id` where type is `team` or `user`.'] } };
      issue.assignedTo = match ? { type: match[1], id: match[2], name: match[1] === 'user' ? 'Ada Lovelace' : 'Frontend' } : null;
    }
    for (const key of ['status', 'statusDetails', 'hasSeen', 'isBookmarked', 'isSubscribed', 'isPublic']) if (key in body) issue[key] = body[key];
    return { status: 200, body: issue };
  }

  /** `query` understands `is:<status>` only; `project` repeats for several ids; `limit` at most 100. */
  private listIssues(query: URLSearchParams): Reply {
    const limit = Number(query.get('limit') ?? '100');
    if (!Number.isInteger(limit) || limit < 1 || limit > 100) return { status: 400, body: { detail: 'Invalid limit: must be between 1 and 100' } };
    const status = /is:(\w+)/.exec(query.get('query') ?? 'is:unresolved')?.[1];
    const wanted = query.getAll('project');
    const issues = [...this.issues.values()].filter((issue) => (status === undefined || issue.status === status) && (wanted.length === 0 || wanted.includes(String(issue['projectId']))));
    return { status: 200, body: issues.slice(0, limit) };
  }

  private createRelease(body: Record<string, unknown>): Reply {
    if (typeof body['version'] !== 'string' || body['version'] === '') return { status: 400, body: { version: ['This field is required.'] } };
    if (!Array.isArray(body['projects']) || body['projects'].length === 0) return { status: 400, body: { projects: ['This field is required.'] } };
    const existing = this.releases.get(body['version']);
    // Sentry answers an existing version with 208 and the release as it is.
    if (existing) return { status: 208, body: existing };
    const release = { id: this.releases.size + 1, version: body['version'], ref: body['ref'] ?? null, url: body['url'] ?? null, dateReleased: body['dateReleased'] ?? null, projects: body['projects'].map((slug) => ({ slug })) };
    this.releases.set(body['version'], release);
    return { status: 201, body: release };
  }
}
