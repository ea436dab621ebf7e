import { beforeAll, describe, expect, it } from 'vitest';
import { pollNow } from '../../support/poll-now.js';
import { listRuns, publishRecipe, waitForRuns, type PublishedRecipe } from '../../support/recipes.js';
import { useResources } from '../../support/resources.js';
import { SwitchyardProcess } from '../../support/switchyard-process.js';
import { waitFor } from '../../support/wait-for.js';
import { connectGithub, personalToken } from './github-connection.js';
import { GithubFake } from './github-fake.js';

const repository = 'octocat/hello-world';

/**
 * "New issue" (poll) → comment, end to end on the fake: the first check only notes the issues already
 * there, later checks start one run per new issue (oldest first), and a server killed between checks
 * neither comments twice nor misses an issue opened while it was down.
 */
describe('GitHub new issue (poll) → welcome comment', () => {
  const own = useResources('all');
  let fake: GithubFake;
  let server: SwitchyardProcess;
  let recipe: PublishedRecipe;

  beforeAll(async () => {
    fake = own(await GithubFake.start([personalToken]));
    fake.addIssues(repository, 3);
    server = own(await SwitchyardProcess.launch());
    const connection = (await connectGithub(server, fake)).id;
    recipe = await publishRecipe(server, {
      name: 'Welcome new issues',
      trigger: { use: 'github/new-issue', connection, input: { repository } },
      steps: [{ id: 'welcome', use: 'github/create-comment', connection, input: { repository, issue_number: '{{trigger.number}}', body: 'Welcome! #{{trigger.number}} is in the queue.' } }],
    });
  });

  /** Makes the trigger due now (instead of waiting 5 minutes) and waits for that check to finish. */
  async function poll(): Promise<void> {
    const lastPollAt = async () => (await server.api<{ state: { lastPollAt?: number } }>('GET', `/triggers/${recipe.trigger.id}/state`)).body.state.lastPollAt ?? 0;
    const before = await lastPollAt();
    pollNow(server.dataDir, recipe.id);
    await waitFor(async () => (await lastPollAt()) > before, { timeoutMs: 20_000, intervalMs: 100, what: 'the next check' });
  }

  const commented = () => fake.requestsTo('POST', /\/comments$/).map((request) => request.path.split('/')[5]);

  it('seeds first, then comments once on each new issue, across a restart', async () => {
    await poll();
    expect(await listRuns(server, recipe.id)).toHaveLength(0);
    const search = fake.requestsTo('GET', '/search/issues').at(-1)!;
    expect(Object.fromEntries(search.query)).toEqual({ q: 'repo:octocat/hello-world is:issue ', sort: 'created', order: 'desc', per_page: '100' });

    fake.addIssues(repository, 2);
    await poll();
    await waitForRuns(server, recipe.id, 2);
    await poll();
    expect(await listRuns(server, recipe.id)).toHaveLength(2);
    expect(commented()).toEqual(['4', '5']);

    await server.kill();
    fake.addIssues(repository, 1);
    await server.start();
    await poll();
    const runs = await waitForRuns(server, recipe.id, 3);
    expect(runs.map((run) => run.status)).toEqual(['succeeded', 'succeeded', 'succeeded']);
    expect(commented()).toEqual(['4', '5', '6']);
  });
});
