import { createHmac } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { getRun, publishRecipe, waitForRuns } from '../../support/recipes.js';
import { useResources } from '../../support/resources.js';
import { SwitchyardProcess } from '../../support/switchyard-process.js';
import { SentryFake } from '../sentry/sentry-fake.js';
import { connectPosthog, personalKey, projectKey, webhookSecret } from './posthog-connection.js';
import { PosthogFake } from './posthog-fake.js';

const sentryToken = 'sntrys_recipe_token';
const clientSecret = 'sentry-client-secret-for-recipes';

/**
 * The issue's recipes, end to end on the two fakes:
 * - "Sentry issue created → only errors and fatals → PostHog capture event" (the error is counted as a
 *   product event on the affected user), and
 * - "PostHog webhook destination (a churn signal) → feature flag → Sentry comment on the linked issue".
 */
describe('Sentry and PostHog recipes', () => {
  const own = useResources('all');
  let sentry: SentryFake;
  let posthog: PosthogFake;
  let server: SwitchyardProcess;
  let sentryConnection = '';
  let posthogConnection = '';

  beforeAll(async () => {
    sentry = own(await SentryFake.start('acme', sentryToken));
    sentry.addIssue('1170820242', { title: 'TypeError: map of undefined' });
    posthog = own(await PosthogFake.start({ project: projectKey, personal: personalKey, projectId: '12345' }));
    posthog.flags.set('churn-outreach', { enabled: true });
    server = own(await SwitchyardProcess.launch());
    const sentryCreated = await server.api<{ connection: { id: string } }>('POST', '/connections', {
      packId: 'sentry',
      name: 'Sentry',
      fields: { base_url: sentry.url, organization: 'acme', auth_token: sentryToken, client_secret: clientSecret },
    });
    expect(sentryCreated.status).toBe(201);
    sentryConnection = sentryCreated.body.connection.id;
    const posthogCreated = await connectPosthog(server, posthog);
    expect(posthogCreated.status).toBe(201);
    posthogConnection = posthogCreated.id;
  });

  it('Sentry issue created → filter on level → PostHog capture event', async () => {
    const recipe = await publishRecipe(server, {
      name: 'Count new Sentry issues in PostHog',
      trigger: { use: 'sentry/issue-event', connection: sentryConnection, input: { actions: ['issue.created'] } },
      steps: [
        { id: 'serious', use: 'core/filter', input: { all: [{ left: '{{trigger.data.issue.level}}', op: 'in', right: ['error', 'fatal'] }] } },
        {
          id: 'capture',
          use: 'posthog/capture-event',
          connection: posthogConnection,
          input: {
            event: 'error seen',
            distinct_id: 'sentry-project-{{trigger.data.issue.project.slug}}',
            properties: { issue_id: '{{trigger.data.issue.id}}', title: '{{trigger.data.issue.title}}', level: '{{trigger.data.issue.level}}' },
          },
        },
      ],
    });
    const send = async (requestId: string, id: string, level: string) => {
      const body = JSON.stringify({ action: 'created', data: { issue: { id, title: `Boom (${level})`, level, project: { slug: 'web-frontend' } } } });
      const signature = createHmac('sha256', clientSecret).update(body).digest('hex');
      const answer = await fetch(`${server.baseUrl}${recipe.hookPath}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'sentry-hook-resource': 'issue', 'request-id': requestId, 'sentry-hook-signature': signature },
        body,
      });
      expect(answer.status).toBe(200);
    };
    await send('r-1', '501', 'error');
    await send('r-2', '502', 'warning');
    await send('r-1', '501', 'error'); // Sentry resending the same delivery

    const runs = await waitForRuns(server, recipe.id, 2);
    expect(runs.every((run) => run.status === 'succeeded')).toBe(true);
    const captured = posthog.events.filter((event) => event['event'] === 'error seen');
    expect(captured).toEqual([
      { event: 'error seen', distinct_id: 'sentry-project-web-frontend', properties: { issue_id: '501', title: 'Boom (error)', level: 'error' } },
    ]);
    const batch = posthog.requestsTo('POST', '/batch/').at(-1)!;
    expect((batch.json as { api_key: string }).api_key).toBe(projectKey);
  });

  it('PostHog webhook destination → feature flag → Sentry comment', async () => {
    const recipe = await publishRecipe(server, {
      name: 'Churn signals reach the Sentry issue',
      trigger: { use: 'posthog/named-event', connection: posthogConnection, input: { event_names: 'checkout failed' } },
      steps: [
        { id: 'flag', use: 'posthog/evaluate-feature-flag', connection: posthogConnection, input: { flag_key: 'churn-outreach', distinct_id: '{{trigger.event.distinct_id}}' } },
        { id: 'only_enabled', use: 'core/filter', input: { all: [{ left: '{{steps.flag.output.churn-outreach.enabled}}', op: 'is_true' }] } },
        {
          id: 'comment',
          use: 'sentry/comment-on-issue',
          connection: sentryConnection,
          input: { issue_id: '{{trigger.event.properties.sentry_issue_id}}', text: '{{trigger.person.properties.email}} hit this at checkout ({{trigger.event.timestamp}}).' },
        },
      ],
    });
    const body = JSON.stringify({
      event: { uuid: '0190-checkout-1', event: 'checkout failed', distinct_id: 'user_42', properties: { sentry_issue_id: '1170820242' }, timestamp: '2024-06-01T12:00:00.000Z' },
      person: { id: 'p1', properties: { email: 'grace@example.com' } },
    });
    const answer = await fetch(`${server.baseUrl}${recipe.hookPath}`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${webhookSecret}` }, body });
    expect(answer.status).toBe(200);

    const [run] = await waitForRuns(server, recipe.id, 1);
    const detail = await getRun(server, run!.id);
    expect(detail.status).toBe('succeeded');
    expect(sentry.requestsTo('POST', '/api/0/organizations/acme/issues/1170820242/comments/').map((request) => request.json)).toEqual([
      { text: 'grace@example.com hit this at checkout (2024-06-01T12:00:00.000Z).' },
    ]);
    expect(posthog.requestsTo('POST', '/flags/').at(-1)!.json).toMatchObject({ token: projectKey, distinct_id: 'user_42', flag_keys_to_evaluate: ['churn-outreach'] });
  });
});
