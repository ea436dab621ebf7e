import { createHash } from 'node:crypto';
import { VendorFake, recordRequest, type FakeReply as Reply, type RecordedRequest, type ReceivedRequest } from '../../support/fake-vendor-server.js';

/** One request as it reached the fake: the raw path (still percent-encoded), the query, headers and body. */
export type GithubRequest = RecordedRequest;

interface Issue {
  id: number;
  number: number;
  title: string;
  body: string | null;
  state: string;
  labels: { name: string }[];
  assignees: { login: string }[];
}

const docs = 'https://docs.github.com/rest';
const error = (status: number, message: string, extra: Record<string, unknown> = {}): Reply => ({ status, body: { message, documentation_url: docs, status: String(status), ...extra } });
const missingField = (resource: string, field: string) => error(422, 'Validation Failed', { errors: [{ resource, code: 'missing_field', field }] });

/**
 * A local stand-in for the GitHub REST API (https://docs.github.com/rest) on 127.0.0.1, following its
 * documented contract: a token in `Authorization` (`Bearer` or `token`), a required `User-Agent`, error
 * bodies `{ message, documentation_url }` with `errors[]` on 422, `Link` header pagination (`per_page`,
 * `page`), base64 file contents with the blob sha required to replace a file. It records every request.
 */
export class GithubFake extends VendorFake<GithubRequest> {
  readonly issues = new Map<string, Issue[]>();
  readonly files = new Map<string, { content: string; sha: string }>();
  readonly hooks = new Map<number, { repo: string; config: Record<string, unknown>; events: unknown }>();
  readonly releases: Record<string, unknown>[] = [];
  /** The OAuth app registered at this GitHub, and the user token its web flow issues. */
  readonly oauthApp = { clientId: 'Iv1.8a61f9b3a7aba766', clientSecret: '1f2e3d4c5b6a79808f7e6d5c4b3a291807f6e5d4', userToken: 'gho_16C7e42F292c6912E7710c838347Ae178B4a' };
  private readonly grants = new Map<string, { redirectUri: string; challenge: string | null }>();
  private nextId = 100;

  private constructor(readonly tokens: Set<string>) {
    super({ record: recordRequest, contentType: 'application/json; charset=utf-8' });
  }

  static async start(tokens: string[]): Promise<GithubFake> {
    const fake = new GithubFake(new Set(tokens));
    await fake.server.listen();
    return fake;
  }

  /** Requests whose method and raw path match, oldest first. */
  requestsTo(method: string, path: string | RegExp): GithubRequest[] {
    return this.requests.filter((request) => request.method === method && (typeof path === 'string' ? request.path === path : path.test(request.path)));
  }

  addIssues(repo: string, count: number, labels: string[] = []): void {
    const list = this.issues.get(repo) ?? [];
    for (let i = 0; i < count; i++) {
      list.push({ id: this.nextId++, number: list.length + 1, title: `Issue ${list.length + 1}`, body: null, state: 'open', labels: labels.map((name) => ({ name })), assignees: [] });
    }
    this.issues.set(repo, list);
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }

  protected answer(request: GithubRequest, { url }: ReceivedRequest): Reply {
    if (request.method === 'GET' && request.path === '/login/oauth/authorize') return this.authorize(url);
    if (request.method === 'POST' && request.path === '/login/oauth/access_token') return this.exchange(request);
    if (!request.headers['user-agent']) return error(403, 'Request forbidden by administrative rules. Please make sure your request has a User-Agent header');
    const token = /^(?:bearer|token) (.+)$/i.exec(String(request.headers['authorization'] ?? ''))?.[1];
    if (!token || !this.tokens.has(token)) return error(401, 'Bad credentials');
    const segments = request.path.split('/').slice(1).map(decodeURIComponent);
    const input = (request.json ?? {}) as Record<string, unknown>;
    const { method } = request;
    if (method === 'GET' && request.path === '/user') return { status: 200, body: { login: 'octocat', id: 1, type: 'User' } };
    if (method === 'GET' && request.path === '/user/repos') {
      return { status: 200, body: ['octocat/hello-world', 'octo-org/api'].map((full_name, id) => ({ id, full_name, name: full_name.split('/')[1] })) };
    }
    if (method === 'GET' && request.path === '/search/issues') return this.search(url);
    if (segments[0] !== 'repos' || segments.length < 4) return error(404, 'Not Found');
    const repo = `${segments[1]}/${segments[2]}`;
    const [resource, id, sub] = segments.slice(3);
    if (resource === 'labels' && method === 'GET') return { status: 200, body: ['bug', 'triage', 'good first issue'].map((name, i) => ({ id: i, name, color: 'ededed' })) };
    if (resource === 'issues') return this.issueRoute(method, repo, id, sub, input, url);
    if (resource === 'contents') return this.contents(method, repo, segments.slice(4).join('/'), input);
    if (resource === 'releases' && method === 'POST') return this.release(input);
    if (resource === 'hooks' && method === 'POST') {
      const hookId = this.nextId++;
      this.hooks.set(hookId, { repo, config: input['config'] as Record<string, unknown>, events: input['events'] });
      return { status: 201, body: { id: hookId, type: 'Repository', name: 'web', active: true, events: input['events'], config: { ...(input['config'] as object), secret: '********' } } };
    }
    if (resource === 'hooks' && method === 'DELETE') return this.hooks.delete(Number(id)) ? { status: 204 } : error(404, 'Not Found');
    return error(404, 'Not Found');
  }

  /** The user approves at once: back to the redirect URI with a code bound to it and to the PKCE challenge. */
  private authorize(url: URL): Reply {
    const redirectUri = url.searchParams.get('redirect_uri');
    if (url.searchParams.get('client_id') !== this.oauthApp.clientId || !redirectUri) return { status: 404, body: 'Not Found' };
    const code = `code${this.nextId++}`;
    this.grants.set(code, { redirectUri, challenge: url.searchParams.get('code_challenge') });
    const back = new URL(redirectUri);
    back.searchParams.set('code', code);
    back.searchParams.set('state', url.searchParams.get('state') ?? '');
    return { status: 302, headers: { location: back.href } };
  }

  /**
   * The code exchange: client id and secret as form parameters, the code once, the same redirect URI, the
   * PKCE verifier. GitHub answers 200 even for a refused code; JSON only when asked with Accept, else form.
   */
  private exchange(request: GithubRequest): Reply {
    const form = new URLSearchParams(request.body);
    const grant = this.grants.get(form.get('code') ?? '');
    this.grants.delete(form.get('code') ?? '');
    const verifier = form.get('code_verifier') ?? '';
    const pkce = !grant?.challenge || createHash('sha256').update(verifier).digest('base64url') === grant.challenge;
    const valid = form.get('client_id') === this.oauthApp.clientId && form.get('client_secret') === this.oauthApp.clientSecret && grant?.redirectUri === form.get('redirect_uri') && pkce;
    if (valid) this.tokens.add(this.oauthApp.userToken);
    const answer: Record<string, string> = valid
      ? { access_token: this.oauthApp.userToken, scope: 'repo', token_type: 'bearer' }
      : { error: 'bad_verification_code', error_description: 'The code passed is incorrect or expired.', error_uri: `${docs}/oauth` };
    if (String(request.headers['accept']).includes('application/json')) return { status: 200, body: answer };
    return { status: 200, headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' }, body: new URLSearchParams(answer).toString() };
  }

  private issueRoute(method: string, repo: string, id: string | undefined, sub: string | undefined, input: Record<string, unknown>, url: URL): Reply {
    const list = this.issues.get(repo) ?? [];
    if (id === undefined && method === 'GET') {
      const state = url.searchParams.get('state') ?? 'open';
      const labels = url.searchParams.get('labels')?.split(',') ?? [];
      const matching = list.filter((issue) => (state === 'all' || issue.state === state) && labels.every((name) => issue.labels.some((label) => label.name === name)));
      return this.page(url, [...matching].reverse());
    }
    if (id === undefined && method === 'POST') {
      if (typeof input['title'] !== 'string' || input['title'] === '') return missingField('Issue', 'title');
      const issue: Issue = {
        id: this.nextId++,
        number: list.length + 1,
        title: input['title'],
        body: typeof input['body'] === 'string' ? input['body'] : null,
        state: 'open',
        labels: ((input['labels'] as string[] | undefined) ?? []).map((name) => ({ name })),
        assignees: ((input['assignees'] as string[] | undefined) ?? []).map((login) => ({ login })),
      };
      this.issues.set(repo, [...list, issue]);
      return { status: 201, body: issue };
    }
    const issue = list.find((candidate) => candidate.number === Number(id));
    if (!issue) return error(404, 'Not Found');
    if (sub === undefined && method === 'PATCH') {
      Object.assign(issue, input);
      return { status: 200, body: issue };
    }
    if (sub === 'comments' && method === 'POST') {
      if (typeof input['body'] !== 'string' || input['body'] === '') return missingField('IssueComment', 'body');
      return { status: 201, body: { id: this.nextId++, body: input['body'], user: { login: 'octocat' } } };
    }
    if (sub === 'labels' && method === 'POST') {
      for (const name of (input['labels'] as string[] | undefined) ?? []) if (!issue.labels.some((label) => label.name === name)) issue.labels.push({ name });
      return { status: 200, body: issue.labels };
    }
    return error(404, 'Not Found');
  }

  private contents(method: string, repo: string, path: string, input: Record<string, unknown>): Reply {
    const key = `${repo}:${path}`;
    const existing = this.files.get(key);
    if (method === 'GET') {
      return existing ? { status: 200, body: { type: 'file', encoding: 'base64', path, sha: existing.sha, content: existing.content } } : error(404, 'Not Found');
    }
    if (method !== 'PUT') return error(404, 'Not Found');
    if (typeof input['message'] !== 'string') return missingField('Contents', 'message');
    if (typeof input['content'] !== 'string') return missingField('Contents', 'content');
    if (existing && input['sha'] === undefined) return error(422, 'Invalid request.\n\n"sha" wasn\'t supplied.');
    if (existing && input['sha'] !== existing.sha) return error(409, `${path} does not match ${String(input['sha'])}`);
    const sha = `sha${this.nextId++}`;
    this.files.set(key, { content: input['content'], sha });
    return { status: existing ? 200 : 201, body: { content: { path, sha }, commit: { sha: `commit${sha}`, message: input['message'] } } };
  }

  private release(input: Record<string, unknown>): Reply {
    if (typeof input['tag_name'] !== 'string') return missingField('Release', 'tag_name');
    if (this.releases.some((release) => release['tag_name'] === input['tag_name'])) {
      return error(422, 'Validation Failed', { errors: [{ resource: 'Release', code: 'already_exists', field: 'tag_name' }] });
    }
    const release = { id: this.nextId++, draft: false, prerelease: false, ...input };
    this.releases.push(release);
    return { status: 201, body: release };
  }

  private search(url: URL): Reply {
    const q = url.searchParams.get('q') ?? '';
    const repo = /repo:(\S+)/.exec(q)?.[1];
    if (!repo) return error(422, 'Validation Failed', { errors: [{ resource: 'Search', field: 'q', code: 'invalid', message: 'The listed users and repositories cannot be searched' }] });
    const labels = [...q.matchAll(/label:(\S+)/g)].map((match) => match[1]!);
    const matching = (this.issues.get(repo) ?? []).filter((issue) => labels.every((name) => issue.labels.some((label) => label.name === name)));
    // Stored oldest first; sort=created answers newest first unless order=asc.
    const items = url.searchParams.get('sort') === 'created' && url.searchParams.get('order') !== 'asc' ? [...matching].reverse() : matching;
    const page = this.page(url, items);
    return { ...page, body: { total_count: items.length, incomplete_results: false, items: page.body } };
  }

  /** GitHub's pagination: `per_page` (default 30, at most 100) and `page`, with a Link header to the next and last pages. */
  private page(url: URL, items: unknown[]): Reply & { body: unknown[] } {
    const perPage = Math.min(Number(url.searchParams.get('per_page') ?? 30), 100);
    const page = Number(url.searchParams.get('page') ?? 1);
    const last = Math.max(1, Math.ceil(items.length / perPage));
    const link = (n: number, rel: string) => {
      const target = new URL(url);
      target.searchParams.set('page', String(n));
      return `<${target.href}>; rel="${rel}"`;
    };
    const headers: Record<string, string> = page < last ? { link: [link(page + 1, 'next'), link(last, 'last')].join(', ') } : {};
    return { status: 200, headers, body: items.slice((page - 1) * perPage, page * perPage) };
  }
}
