import { createHmac } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { PackStepHarness } from '../../support/pack-step-harness.js';
import { listRuns, publishRecipe, waitForRuns } from '../../support/recipes.js';
import { useResources } from '../../support/resources.js';
import { saveConnection } from '../../support/save-connection.js';
import { SwitchyardProcess } from '../../support/switchyard-process.js';
import { SentryFake, type SentryRequest } from './sentry-fake.js';

const org = 'acme';
const token = 'sntrys_eyJpYXQiOjE3MTcyNDMyMDB9_fake';
const clientSecret = '5e2f6c1a8b9d4e7f0a3c6b9e2d5f8a1c';
const issue = '1170820242';
const issuePath = `/api/0/organizations/${org}/issues/${issue}/`;

/**
 * Known answer, computed outside this code base (`openssl dgst -sha256 -hmac <secret>`) from Sentry's
 * documented algorithm: Sentry-Hook-Signature is the hex HMAC-SHA256 of the body keyed by the client secret.
 */
const knownBody = '{"action":"created","installation":{"uuid":"7a485448-a9e2-4c85-8a3c-4f44175783c9"},"data":{"issue":{"id":"1170820242","title":"TypeError"}}}';
const knownSignature = '341c2aa276bc02ee70d3a16055900c261014314975cfe90c36f64c9eb2cdd1a6';

const sign = (body: string, secret = clientSecret) => createHmac('sha256', secret).update(body).digest('hex');

/**
 * The Sentry pack against a local fake of Sentry's API: every action through the builder's step test, its
 * request checked against the documented endpoint, body and Bearer token (Sentry publishes no REST SDK to
 * compare with); error bodies as sentences; and integration webhooks signed by hand with the documented
 * algorithm (checked against a precomputed vector): valid → one run, bad or missing signature → 401 and
 * no run, the same Request-ID twice → one run, resource and action filtered.
 */
describe('Sentry pack', () => {
  const own = useResources('all');
  let fake: SentryFake;
  let server: SwitchyardProcess;
  let connection: string;

  beforeAll(async () => {
    fake = own(await SentryFake.start(org, token));
    fake.addIssue(issue);
    server = own(await SwitchyardProcess.launch());
    const created = await connect(token);
    expect(created.status).toBe(201);
    connection = created.id;
  });

  function connect(authToken: string) {
    return saveConnection(server, {
      packId: 'sentry',
      name: 'Sentry (acme)',
      fields: { base_url: fake.url, organization: org, auth_token: authToken, client_secret: clientSecret },
    });
  }

  it('refuses a wrong auth token with a sentence, after asking Sentry', async () => {
    const refused = await connect('sntrys_wrong');
    expect(refused.status).toBe(422);
    expect(refused.message).toContain('Sentry refused the auth token (HTTP 401)');
    expect(fake.requestsTo('GET', `/api/0/organizations/${org}/`).at(-1)!.headers['authorization']).toBe('Bearer sntrys_wrong');
  });

  describe('actions', () => {
    const steps = {
      archive: { use: 'sentry/update-issue', input: { issue_id: issue, status: 'ignored', status_details: { ignoreDuration: 60 }, has_seen: true, is_bookmarked: false } },
      resolve_in: { use: 'sentry/resolve-issue', input: { issue_id: issue, in_release: 'web-frontend@2.4.2' } },
      resolve_now: { use: 'sentry/resolve-issue', input: { issue_id: issue, in_release: '' } },
      assign: { use: 'sentry/assign-issue', input: { issue_id: issue, assignee: 'team:12' } },
      assign_bad: { use: 'sentry/assign-issue', input: { issue_id: issue, assignee: 'nobody at all' } },
      unassign: { use: 'sentry/unassign-issue', input: { issue_id: issue } },
      comment: { use: 'sentry/comment-on-issue', input: { issue_id: issue, text: 'Fixed in **2.4.2**' } },
      get: { use: 'sentry/get-issue', input: { issue_id: issue } },
      find: { use: 'sentry/find-issues', input: { query: 'is:unresolved', project: ['4505678', '4505679'], environment: 'production', stats_period: '24h', sort: 'freq', limit: 50 } },
      missing: { use: 'sentry/get-issue', input: { issue_id: '999' } },
      release: {
        use: 'sentry/create-release',
        input: {
          version: 'web-frontend@2.4.2',
          projects: ['web-frontend', 'api'],
          ref: 'v2.4.2',
          url: 'https://github.com/acme/web-frontend/releases/tag/v2.4.2',
          date_released: '2024-06-01T13:10:00Z',
          refs: [{ repository: 'acme/web-frontend', commit: 'a3f9c1', previousCommit: '77c1d2' }],
        },
      },
    };
    let harness: PackStepHarness<SentryRequest, Record<string, unknown>, keyof typeof steps>;

    beforeAll(async () => {
      harness = await PackStepHarness.importAllSteps({ server, fake, name: 'Every Sentry action', connection, steps });
    });

    /** Each action sends one request, with the auth token as a Bearer token. */
    async function runStep(stepId: keyof typeof steps) {
      const sent = await harness.runOneRequestStep(stepId);
      expect(sent.request.headers['authorization']).toBe(`Bearer ${token}`);
      return sent;
    }

    it('updates, resolves, assigns and unassigns an issue with the documented PUT', async () => {
      const archive = await runStep('archive');
      expect(archive.request).toMatchObject({ method: 'PUT', path: issuePath, query: [] });
      expect(archive.request.headers['content-type']).toBe('application/json');
      expect(archive.request.json).toEqual({ status: 'ignored', statusDetails: { ignoreDuration: 60 }, hasSeen: true, isBookmarked: false });
      expect(archive.result.output).toMatchObject({ id: issue, status: 'ignored' });

      expect((await runStep('resolve_in')).request.json).toEqual({ status: 'resolved', statusDetails: { inRelease: 'web-frontend@2.4.2' } });
      // An empty release means "now": nothing is said about a release.
      expect((await runStep('resolve_now')).request.json).toEqual({ status: 'resolved', statusDetails: {} });

      const assign = await runStep('assign');
      expect(assign.request).toMatchObject({ method: 'PUT', path: issuePath, json: { assignedTo: 'team:12' } });
      expect(assign.result.output).toMatchObject({ assignedTo: { type: 'team', id: '12' } });
      const unassign = await runStep('unassign');
      expect(unassign.request.json).toEqual({ assignedTo: '' });
      expect(unassign.result.output).toMatchObject({ assignedTo: null });
    });

    it('comments, reads the issue and creates a release', async () => {
      const comment = await runStep('comment');
      expect(comment.request).toMatchObject({ method: 'POST', path: `${issuePath}comments/`, json: { text: 'Fixed in **2.4.2**' } });
      expect(comment.result.output).toMatchObject({ type: 'note', data: { text: 'Fixed in **2.4.2**' } });

      const got = await runStep('get');
      expect(got.request).toMatchObject({ method: 'GET', path: issuePath, body: '' });
      expect(got.result.output).toMatchObject({ id: issue, shortId: `WEB-${issue}` });

      const release = await runStep('release');
      expect(release.request).toMatchObject({ method: 'POST', path: `/api/0/organizations/${org}/releases/` });
      expect(release.request.json).toEqual({
        version: 'web-frontend@2.4.2',
        projects: ['web-frontend', 'api'],
        ref: 'v2.4.2',
        url: 'https://github.com/acme/web-frontend/releases/tag/v2.4.2',
        dateReleased: '2024-06-01T13:10:00Z',
        refs: [{ repository: 'acme/web-frontend', commit: 'a3f9c1', previousCommit: '77c1d2' }],
      });
      expect(release.result.output).toMatchObject({ id: 1, version: 'web-frontend@2.4.2' });
    });

    it('finds issues with the documented query parameters, and offers the projects to choose from', async () => {
      fake.addIssue('1170820243', { projectId: '4505679' });
      fake.addIssue('1170820244', { projectId: '4505680' });
      fake.addIssue('1170820245', { projectId: '4505678', status: 'resolved' });
      const find = await runStep('find');
      expect(find.request).toMatchObject({ method: 'GET', path: `/api/0/organizations/${org}/issues/`, body: '' });
      expect(find.request.query).toEqual([
        ['query', 'is:unresolved'],
        ['project', '4505678'],
        ['project', '4505679'],
        ['environment', 'production'],
        ['statsPeriod', '24h'],
        ['sort', 'freq'],
        ['limit', '50'],
      ]);
      expect((find.result.output as unknown as { id: string }[]).map((found) => found.id)).toEqual(['1170820243']);

      const choices = await server.api<{ choices: unknown[] }>('POST', '/packs/sentry/actions/create-release/fields/projects/choices', { connection });
      expect(choices.body.choices).toEqual([
        { label: 'Web frontend', value: 'web-frontend' },
        { label: 'API', value: 'api' },
      ]);
    });

    it("turns Sentry's error bodies into sentences", async () => {
      expect((await runStep('missing')).result.error?.message).toBe(
        'Sentry answered 404: Sentry found no such issue, release or organization (HTTP 404: The requested resource does not exist).',
      );
      expect((await runStep('assign_bad')).result.error?.message).toBe(
        'Sentry answered 400: Sentry refused the values sent: {"assignedTo":["Could not parse actor. Format should be `type:id` where type is `team` or `user`."]}',
      );
    });
  });

  describe('integration webhooks', () => {
    let hookPath = '';
    let recipeId = '';

    beforeAll(async () => {
      const recipe = await publishRecipe(server, {
        name: 'New or resolved Sentry issues get a comment',
        trigger: { use: 'sentry/issue-event', connection, input: { actions: ['issue.created', 'issue.resolved'] } },
        steps: [{ id: 'note', use: 'sentry/comment-on-issue', connection, input: { issue_id: '{{trigger.data.issue.id}}', text: 'Seen by Switchyard: {{trigger.action}} {{trigger.data.issue.title}}' } }],
      });
      hookPath = recipe.hookPath;
      recipeId = recipe.id;
    });

    async function deliver(body: string, headers: Record<string, string>) {
      const answer = await fetch(`${server.baseUrl}${hookPath}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
      return { status: answer.status, body: (await answer.json()) as { runIds?: string[]; duplicates?: number; filtered?: number } };
    }
    const headersFor = (resource: string, requestId: string, signature: string) => ({
      'sentry-hook-resource': resource,
      'sentry-hook-timestamp': '1717243200',
      'request-id': requestId,
      'sentry-hook-signature': signature,
    });

    it('checks signatures against a precomputed vector, refuses bad ones, and runs once per Request-ID', async () => {
      expect(sign(knownBody)).toBe(knownSignature);
      const refusals = [
        headersFor('issue', 'req-bad', sign(knownBody, 'another secret')),
        headersFor('issue', 'req-bad', `sha256=${knownSignature}`),
        { 'sentry-hook-resource': 'issue', 'request-id': 'req-bad' },
      ];
      for (const headers of refusals) expect((await deliver(knownBody, headers)).status).toBe(401);
      expect(await listRuns(server, recipeId)).toHaveLength(0);

      const first = await deliver(knownBody, headersFor('issue', 'req-1', knownSignature));
      expect(first).toMatchObject({ status: 200, body: { runIds: [expect.any(String)], duplicates: 0, filtered: 0 } });
      expect((await deliver(knownBody, headersFor('issue', 'req-1', knownSignature))).body).toMatchObject({ runIds: [], duplicates: 1 });

      const resolved = JSON.stringify({ action: 'resolved', data: { issue: { id: issue, title: 'TypeError' } } });
      expect((await deliver(resolved, headersFor('issue', 'req-2', sign(resolved)))).body).toMatchObject({ runIds: [expect.any(String)] });
      // Kinds the trigger was not asked for are acknowledged and start nothing.
      const assigned = JSON.stringify({ action: 'assigned', data: { issue: { id: issue } } });
      expect((await deliver(assigned, headersFor('issue', 'req-3', sign(assigned)))).body).toMatchObject({ runIds: [], filtered: 1 });
      const comment = JSON.stringify({ action: 'created', data: { comment: 'hi', issue_id: 1170820242 } });
      expect((await deliver(comment, headersFor('comment', 'req-4', sign(comment)))).body).toMatchObject({ runIds: [], filtered: 1 });

      const runs = await waitForRuns(server, recipeId, 2);
      expect(runs.map((run) => run.status)).toEqual(['succeeded', 'succeeded']);
      const notes = fake.requestsTo('POST', `${issuePath}comments/`).map((request) => (request.json as { text: string }).text);
      expect(notes).toEqual(expect.arrayContaining(['Seen by Switchyard: created TypeError', 'Seen by Switchyard: resolved TypeError']));
      expect(server.logTail(5000)).not.toContain(clientSecret);
    });

    it('takes every kind a trigger lists when none is chosen', async () => {
      const recipe = await publishRecipe(server, {
        name: 'Sentry comments',
        trigger: { use: 'sentry/comment-event', connection },
        steps: [{ id: 'echo', use: 'sentry/get-issue', connection, input: { issue_id: '{{trigger.data.issue_id}}' } }],
      });
      const post = (body: string, resource: string, id: string) =>
        fetch(`${server.baseUrl}${recipe.hookPath}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headersFor(resource, id, sign(body)) }, body }).then(
          async (answer) => (await answer.json()) as { runIds: string[]; filtered: number },
        );
      for (const action of ['created', 'updated', 'deleted']) {
        const body = JSON.stringify({ action, data: { comment: 'hi', issue_id: Number(issue) } });
        expect((await post(body, 'comment', `c-${action}`)).runIds).toHaveLength(1);
      }
      const created = JSON.stringify({ action: 'created', data: { issue: { id: issue } } });
      expect(await post(created, 'issue', 'c-issue')).toMatchObject({ runIds: [], filtered: 1 });
      expect((await waitForRuns(server, recipe.id, 3)).every((run) => run.status === 'succeeded')).toBe(true);
    });
  });
});
