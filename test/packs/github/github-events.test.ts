import type { Octokit } from '@octokit/rest';
import { beforeAll, describe, expect, it } from 'vitest';
import { sdkRequests } from '../../support/pack-step-harness.js';
import { listRuns, publishRecipe, waitForRuns } from '../../support/recipes.js';
import { useResources } from '../../support/resources.js';
import { SwitchyardProcess } from '../../support/switchyard-process.js';
import { waitFor } from '../../support/wait-for.js';
import { connectGithub, expectSameRequest, githubRefusal, githubSdk, personalToken } from './github-connection.js';
import { deliver, issuesPayload, pingPayload } from './github-delivery.js';
import { GithubFake } from './github-fake.js';

const owner = 'octocat';
const repo = 'hello-world';
const repository = `${owner}/${repo}`;

/**
 * The managed "Repository event" trigger: publishing creates the repository webhook exactly as
 * `@octokit/rest` would (our URL, a generated secret, JSON content, the chosen events), deliveries signed
 * with that secret by `@octokit/webhooks-methods` start runs once per X-GitHub-Delivery (the run sees it
 * and X-GitHub-Event as `trigger.headers`), GitHub's `ping`
 * and unchosen events start nothing, a bad or missing signature is a 401 that stores nothing, a restart
 * keeps the secret and the seen deliveries without subscribing again, and unpublishing deletes the webhook
 * as the SDK would.
 */
describe('GitHub repository events through a managed webhook', () => {
  const own = useResources('all');
  let fake: GithubFake;
  let server: SwitchyardProcess;
  let sdk: Octokit;
  let connection: string;

  beforeAll(async () => {
    fake = own(await GithubFake.start([personalToken]));
    fake.addIssues(repository, 3);
    server = own(await SwitchyardProcess.launch());
    sdk = githubSdk(fake);
    connection = (await connectGithub(server, fake)).id;
  });

  it('subscribes on publish, verifies and dedupes deliveries, and unsubscribes on unpublish', async () => {
    const events = ['issues', 'pull_request'];
    const recipe = await publishRecipe(server, {
      name: 'Comment on every issue event',
      trigger: { use: 'github/repository-event', connection, input: { repository, events } },
      steps: [{ id: 'ack', use: 'github/create-comment', connection, input: { repository: '{{trigger.repository.full_name}}', issue_number: '{{trigger.issue.number}}', body: 'Seen: {{trigger.headers.x-github-event}} {{trigger.action}} ({{trigger.headers.x-github-delivery}})' } }],
    });

    const [created] = fake.requestsTo('POST', '/repos/octocat/hello-world/hooks');
    const config = (created!.json as { config: { url: string; secret: string } }).config;
    expect(config.url).toBe(`${server.baseUrl}${recipe.hookPath}`);
    expect(config.secret).toMatch(/^\S{32,}$/);
    const [sdkCreate] = await sdkRequests(fake, () =>
      sdk.rest.repos.createWebhook({ owner, repo, name: 'web', active: true, events, config: { url: config.url, content_type: 'json', secret: config.secret, insecure_ssl: '0' } }),
      githubRefusal,
    );
    expectSameRequest(created!, sdkCreate!);
    const secret = config.secret;

    // GitHub pings a new hook: answered 2xx, no run.
    const ping = await deliver(server, recipe.hookPath, { event: 'ping', payload: pingPayload, secret });
    expect(ping).toMatchObject({ status: 200, body: { runIds: [], filtered: 1 } });

    const opened = await deliver(server, recipe.hookPath, { event: 'issues', payload: issuesPayload('opened', 2, ['bug']), secret });
    expect(opened.status).toBe(200);
    expect(opened.body.runIds).toHaveLength(1);
    // A redelivery keeps its X-GitHub-Delivery: the same event, no second run.
    const again = await deliver(server, recipe.hookPath, { event: 'issues', payload: issuesPayload('opened', 2, ['bug']), secret, id: opened.id });
    expect(again.body).toMatchObject({ runIds: [], duplicates: 1 });
    // An event the trigger did not choose is answered and dropped.
    const push = await deliver(server, recipe.hookPath, { event: 'push', payload: { ref: 'refs/heads/main', repository: { full_name: repository } }, secret });
    expect(push.body).toMatchObject({ runIds: [], filtered: 1 });
    // Wrong secret, no signature: 401, nothing stored (checked below: one run in all).
    for (const bad of [{ secret: 'not the secret' }, { secret: null }]) {
      const refused = await deliver(server, recipe.hookPath, { event: 'issues', payload: issuesPayload('opened', 3, []), ...bad });
      expect(refused.status).toBe(401);
      expect(refused.body.error?.code).toBe('SIGNATURE_INVALID');
    }

    const runs = await waitForRuns(server, recipe.id, 1);
    expect(runs.map((run) => run.status)).toEqual(['succeeded']);
    // The run sees the event name and delivery id GitHub sends only as headers (eventHeaders).
    expect(fake.requestsTo('POST', '/repos/octocat/hello-world/issues/2/comments').map((request) => request.json)).toEqual([{ body: `Seen: issues opened (${opened.id})` }]);

    // After a restart the kept secret still verifies, the redelivery is still known, and nothing subscribes again.
    await server.restart();
    expect((await deliver(server, recipe.hookPath, { event: 'issues', payload: issuesPayload('opened', 2, ['bug']), secret, id: opened.id })).body).toMatchObject({ duplicates: 1 });
    const reopened = await deliver(server, recipe.hookPath, { event: 'issues', payload: issuesPayload('reopened', 3, []), secret });
    expect(reopened.body.runIds).toHaveLength(1);
    const afterRestart = await waitForRuns(server, recipe.id, 2);
    expect(afterRestart.map((run) => run.status)).toEqual(['succeeded', 'succeeded']);
    expect(fake.requestsTo('POST', '/repos/octocat/hello-world/hooks')).toHaveLength(2); // ours and the SDK's, no other

    const hookId = [...fake.hooks.keys()][0]!;
    expect((await server.api('POST', `/recipes/${recipe.id}/unpublish`, {})).status).toBe(200);
    const deleted = await waitFor(() => fake.requestsTo('DELETE', `/repos/octocat/hello-world/hooks/${hookId}`)[0], { timeoutMs: 10_000, what: 'the webhook to be deleted' });
    const [sdkDelete] = await sdkRequests(fake, () => sdk.rest.repos.deleteWebhook({ owner, repo, hook_id: hookId }), githubRefusal);
    expectSameRequest(deleted, sdkDelete!);
    expect(await listRuns(server, recipe.id)).toHaveLength(2);
  });
});
