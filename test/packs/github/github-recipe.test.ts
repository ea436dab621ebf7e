import { beforeAll, describe, expect, it } from 'vitest';
import { getRun, publishRecipe, waitForRuns } from '../../support/recipes.js';
import { useResources } from '../../support/resources.js';
import { SwitchyardProcess } from '../../support/switchyard-process.js';
import { connectGithub, personalToken, webhookSecret } from './github-connection.js';
import { deliver, issuesPayload, pingPayload } from './github-delivery.js';
import { GithubFake } from './github-fake.js';

const repository = 'octocat/hello-world';

/**
 * The pack's recipe, end to end on the fake: "an issue opened with the label bug → comment on it and add
 * the label triage", started by a webhook the user added on GitHub (signed with the connection's webhook
 * secret). Other issues and other actions stop at the filter; `ping` and bad signatures start nothing.
 */
describe('GitHub recipe: triage new bugs', () => {
  const own = useResources('all');
  let fake: GithubFake;
  let server: SwitchyardProcess;

  beforeAll(async () => {
    fake = own(await GithubFake.start([personalToken]));
    fake.addIssues(repository, 8);
    server = own(await SwitchyardProcess.launch());
  });

  it('comments on a new bug and labels it triage, once per delivery', async () => {
    const connection = (await connectGithub(server, fake)).id;
    const issue = { repository: '{{trigger.repository.full_name}}', issue_number: '{{trigger.issue.number}}' };
    const recipe = await publishRecipe(server, {
      name: 'Triage new bugs',
      trigger: { use: 'github/webhook-event', connection, input: { events: ['issues'] } },
      steps: [
        {
          id: 'new_bug',
          use: 'core/filter',
          input: {
            all: [
              { left: '{{trigger.action}}', op: 'eq', right: 'opened' },
              { left: '{{trigger.issue.labels | json}}', op: 'contains', right: '"name":"bug"' },
            ],
          },
        },
        { id: 'thank', use: 'github/create-comment', connection, input: { ...issue, body: 'Thanks @{{trigger.issue.user.login}}! A maintainer will look at this bug soon.' } },
        { id: 'triage', use: 'github/add-labels', connection, input: { ...issue, labels: ['triage'] } },
      ],
    });

    const send = (event: string, payload: unknown, secret: string | null = webhookSecret, id?: string) =>
      deliver(server, recipe.hookPath, { event, payload, secret, ...(id && { id }) });

    expect((await send('ping', pingPayload)).body).toMatchObject({ runIds: [], filtered: 1 });
    expect((await send('issues', issuesPayload('opened', 7, ['bug']), 'wrong secret')).status).toBe(401);
    expect((await send('issues', issuesPayload('opened', 7, ['bug']), null)).status).toBe(401);

    const bug = await send('issues', issuesPayload('opened', 7, ['bug']));
    expect(bug.body.runIds).toHaveLength(1);
    expect((await send('issues', issuesPayload('opened', 7, ['bug']), webhookSecret, bug.id)).body).toMatchObject({ duplicates: 1 });
    expect((await send('issues', issuesPayload('opened', 8, ['question']))).body.runIds).toHaveLength(1);
    expect((await send('issues', issuesPayload('labeled', 8, ['question', 'bug']))).body.runIds).toHaveLength(1);
    expect((await send('issue_comment', { action: 'created', issue: issuesPayload('opened', 7, ['bug']).issue })).body).toMatchObject({ filtered: 1 });

    const runs = await waitForRuns(server, recipe.id, 3);
    expect(runs.map((run) => run.status)).toEqual(['succeeded', 'succeeded', 'succeeded']);
    const first = await getRun(server, bug.body.runIds![0]!);
    expect(first.steps.map((step) => step.status)).toEqual(['succeeded', 'succeeded', 'succeeded']);
    expect(first.steps[2]!.output).toEqual([{ name: 'triage' }]);

    const comments = fake.requestsTo('POST', /\/comments$/);
    expect(comments.map((request) => [request.path, request.json])).toEqual([
      ['/repos/octocat/hello-world/issues/7/comments', { body: 'Thanks @monalisa! A maintainer will look at this bug soon.' }],
    ]);
    expect(fake.requestsTo('POST', /\/labels$/).map((request) => [request.path, request.json])).toEqual([['/repos/octocat/hello-world/issues/7/labels', { labels: ['triage'] }]]);
    expect(server.logTail(5000)).not.toContain(personalToken);
    expect(server.logTail(5000)).not.toContain(webhookSecret);
  });
});
