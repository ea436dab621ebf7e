import type { Octokit } from '@octokit/rest';
import { beforeAll, describe, expect, it } from 'vitest';
import { PackStepHarness } from '../../support/pack-step-harness.js';
import { useResources } from '../../support/resources.js';
import { startOAuth } from '../../support/save-connection.js';
import { SwitchyardProcess } from '../../support/switchyard-process.js';
import { connectGithub, expectSameRequest, githubRefusal, githubSdk } from './github-connection.js';
import { GithubFake, type GithubRequest } from './github-fake.js';

type Output = Record<string, unknown> & { items?: unknown[] };

const owner = 'octocat';
const repo = 'hello-world';
const repository = `${owner}/${repo}`;
const fileText = 'héllo\nwörld ✓';
const base64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

/**
 * Every GitHub action run through Switchyard (the builder's "test step", the engine's own path) against the
 * fake, and the same operation run by `@octokit/rest` pointed at the same fake: the requests must agree in
 * method, path, query, decoded JSON body and token (searches: every page, followed through Link headers).
 * Also: the pasted personal access token, dynamic choices, and GitHub's error bodies as readable messages.
 */
describe('GitHub actions match @octokit/rest', () => {
  const own = useResources('all');
  let fake: GithubFake;
  let server: SwitchyardProcess;
  let sdk: Octokit;
  let connection: string;
  let harness: PackStepHarness<GithubRequest, Output, keyof typeof steps>;

  const steps = {
    issue: { use: 'github/create-issue', input: { repository, title: 'Crash on start', body: 'Steps to reproduce…', labels: ['bug'], assignees: 'octocat, hubot', milestone: 3 } },
    update: { use: 'github/update-issue', input: { repository, issue_number: '{{steps.issue.output.number}}', state: 'closed', state_reason: 'not_planned' } },
    comment: { use: 'github/create-comment', input: { repository, issue_number: '{{steps.issue.output.number}}', body: 'Thanks, **looking** into it.' } },
    labels: { use: 'github/add-labels', input: { repository, issue_number: '{{steps.issue.output.number}}', labels: ['triage', 'needs info'] } },
    comment_missing: { use: 'github/create-comment', input: { repository, issue_number: 999, body: 'Anyone?' } },
    file_create: { use: 'github/create-or-update-file', input: { repository, path: 'notes/hello world.txt', content: fileText, message: 'Add notes', branch: 'main' } },
    file_get: { use: 'github/get-file', input: { repository, path: 'notes/hello world.txt', ref: 'main' } },
    file_update: { use: 'github/create-or-update-file', input: { repository, path: 'notes/hello world.txt', content: 'second', message: 'Update notes', sha: '{{steps.file_get.output.sha}}' } },
    file_no_sha: { use: 'github/create-or-update-file', input: { repository, path: 'notes/hello world.txt', content: 'third', message: 'Forgot the sha' } },
    release: {
      use: 'github/create-release',
      input: { repository, tag_name: 'v1.0.0', target_commitish: 'main', name: 'First', body: 'Notes', prerelease: true, generate_release_notes: true, make_latest: 'false' },
    },
    release_again: { use: 'github/create-release', input: { repository, tag_name: 'v1.0.0' } },
    find: { use: 'github/find-issues', input: { repository, query: 'label:bug crash', state: 'is:open', sort: 'created', order: 'asc' } },
    list: { use: 'github/list-issues', input: { repository, state: 'all', labels: ['bug', 'ui'], creator: 'octocat', since: '2024-06-01T00:00:00Z', direction: 'asc' } },
  };

  beforeAll(async () => {
    fake = own(await GithubFake.start(['ghp_16C7e42F292c6912E7710c838347Ae178B4a']));
    server = own(await SwitchyardProcess.launch());
    sdk = githubSdk(fake);
    const connected = await connectGithub(server, fake);
    expect(connected.status).toBe(201);
    connection = connected.id;
    harness = await PackStepHarness.importAllSteps({ server, fake, name: 'Every GitHub action', connection, steps, compare: expectSameRequest, isRefusal: githubRefusal });
  });

  it('refuses a wrong pasted token with GitHub\'s message, and keeps nothing', async () => {
    const refused = await connectGithub(server, fake, 'ghp_wrong0000000000000000000000000000000');
    expect(refused.status).toBe(422);
    expect(refused.message).toContain('GitHub refused the token (Bad credentials)');
    const tested = fake.requestsTo('GET', '/user').at(-1)!;
    expect(tested.headers['authorization']).toBe('Bearer ghp_wrong0000000000000000000000000000000');
  });

  it('connects through an OAuth app: PKCE, client credentials in the form, the token asked for as JSON', async () => {
    const { clientId, clientSecret, userToken } = fake.oauthApp;
    const { id, authorizeUrl: authorize } = await startOAuth(server, {
      packId: 'github',
      name: 'GitHub (OAuth app)',
      fields: { client_id: clientId, client_secret: clientSecret, base_url: fake.url, web_url: fake.url },
    });
    expect(`${authorize.origin}${authorize.pathname}`).toBe(`${fake.url}/login/oauth/authorize`);
    expect(Object.fromEntries(authorize.searchParams)).toMatchObject({ client_id: clientId, scope: 'repo', code_challenge_method: 'S256', state: expect.any(String) });

    const approved = await fetch(authorize, { redirect: 'manual' });
    const callback = new URL(approved.headers.get('location')!);
    callback.searchParams.set('format', 'json');
    const done = await fetch(callback);
    expect(await done.json()).toEqual({ connectionId: id });

    const exchange = fake.requestsTo('POST', '/login/oauth/access_token').at(-1)!;
    // Without this Accept GitHub answers form-encoded.
    expect(exchange.headers['accept']).toBe('application/json');
    expect(Object.fromEntries(new URLSearchParams(exchange.body))).toMatchObject({
      client_id: clientId,
      client_secret: clientSecret,
      code: callback.searchParams.get('code'),
      redirect_uri: authorize.searchParams.get('redirect_uri'),
      code_verifier: expect.stringMatching(/^[\w-]{43,128}$/),
    });
    const before = fake.requests.length;
    expect((await server.api('POST', `/connections/${id}/test`, {})).status).toBe(200);
    expect(fake.requests.slice(before).map((request) => request.headers['authorization'])).toEqual([`Bearer ${userToken}`]);
  });

  it('offers the repositories and, for a chosen one, its labels', async () => {
    const repos = await server.api<{ choices: unknown[] }>('POST', '/packs/github/actions/create-issue/fields/repository/choices', { connection });
    expect(repos.body.choices).toEqual([{ label: 'octocat/hello-world', value: 'octocat/hello-world' }, { label: 'octo-org/api', value: 'octo-org/api' }]);
    expect(fake.requestsTo('GET', '/user/repos').at(-1)!.query).toEqual([['sort', 'updated'], ['per_page', '100']]);
    const labels = await server.api<{ choices: { value: string }[] }>('POST', '/packs/github/actions/add-labels/fields/labels/choices', { connection, input: { repository } });
    expect(labels.body.choices.map((choice) => choice.value)).toEqual(['bug', 'triage', 'good first issue']);
    expect(fake.requestsTo('GET', '/repos/octocat/hello-world/labels')).toHaveLength(1);
  });

  it('creates, updates, comments on and labels an issue', async () => {
    const issue = await harness.expectLikeSdk('issue', () =>
      sdk.rest.issues.create({ owner, repo, title: 'Crash on start', body: 'Steps to reproduce…', labels: ['bug'], assignees: ['octocat', 'hubot'], milestone: 3 }),
    );
    expect(issue.output).toMatchObject({ number: 1, labels: [{ name: 'bug' }], assignees: [{ login: 'octocat' }, { login: 'hubot' }] });
    await harness.expectLikeSdk('update', () => sdk.rest.issues.update({ owner, repo, issue_number: 1, state: 'closed', state_reason: 'not_planned' }));
    const comment = await harness.expectLikeSdk('comment', () => sdk.rest.issues.createComment({ owner, repo, issue_number: 1, body: 'Thanks, **looking** into it.' }));
    expect(comment.output).toMatchObject({ body: 'Thanks, **looking** into it.' });
    const labels = await harness.expectLikeSdk('labels', () => sdk.rest.issues.addLabels({ owner, repo, issue_number: 1, labels: ['triage', 'needs info'] }));
    expect(labels.output).toEqual([{ name: 'bug' }, { name: 'triage' }, { name: 'needs info' }]);
  });

  it("says what GitHub's 404 means", async () => {
    const { result } = await harness.runStep('comment_missing');
    expect(result.error?.message).toBe(
      'GitHub answered 404: Not Found: the repository, issue or file does not exist, or this connection cannot see it (private repositories need the repo scope or access for the token).',
    );
  });

  it('commits a file as base64, reads its sha back and replaces it with that sha', async () => {
    await harness.expectLikeSdk('file_create', () =>
      sdk.rest.repos.createOrUpdateFileContents({ owner, repo, path: 'notes/hello world.txt', content: base64(fileText), message: 'Add notes', branch: 'main' }),
    );
    expect(fake.requestsTo('PUT', /\/contents\//)[0]!.path).toBe('/repos/octocat/hello-world/contents/notes%2Fhello%20world.txt');
    const file = await harness.expectLikeSdk('file_get', () => sdk.rest.repos.getContent({ owner, repo, path: 'notes/hello world.txt', ref: 'main' }));
    expect(Buffer.from(String(file.output?.['content']), 'base64').toString('utf8')).toBe(fileText);
    const { result } = await harness.runStep('file_update');
    expect(result.ok).toBe(true);
    expect(fake.files.get('octocat/hello-world:notes/hello world.txt')?.content).toBe(base64('second'));
    const { result: noSha } = await harness.runStep('file_no_sha');
    expect(noSha.error?.message).toBe('GitHub answered 422: Invalid request.\n\n"sha" wasn\'t supplied.');
  });

  it('creates a release, and explains a tag that has one already', async () => {
    await harness.expectLikeSdk('release', () =>
      sdk.rest.repos.createRelease({
        owner, repo, tag_name: 'v1.0.0', target_commitish: 'main', name: 'First', body: 'Notes', draft: false, prerelease: true, generate_release_notes: true, make_latest: 'false',
      }),
    );
    const { result } = await harness.runStep('release_again');
    expect(result.error?.message).toBe('GitHub answered 422: Validation Failed {"resource":"Release","code":"already_exists","field":"tag_name"}');
  });

  it('finds issues with the search syntax over every page', async () => {
    fake.addIssues(repository, 130, ['bug']);
    const q = 'repo:octocat/hello-world is:issue is:open label:bug crash';
    const found = await harness.expectLikeSdk('find', () => sdk.paginate(sdk.rest.search.issuesAndPullRequests, { q, sort: 'created', order: 'asc', per_page: 100 }));
    // The two issues created above (ours and the SDK's) carry the label too.
    expect(found.output?.items).toHaveLength(132);
    expect(fake.requestsTo('GET', '/search/issues').length).toBe(4);
  });

  it("lists a repository's issues with filters over every page", async () => {
    fake.addIssues(repository, 120, ['bug', 'ui']);
    const listed = await harness.expectLikeSdk('list', () =>
      sdk.paginate(sdk.rest.issues.listForRepo, { owner, repo, state: 'all', labels: 'bug,ui', creator: 'octocat', since: '2024-06-01T00:00:00Z', sort: 'created', direction: 'asc', per_page: 100 }),
    );
    expect(listed.output?.items).toHaveLength(120);
  });
});
