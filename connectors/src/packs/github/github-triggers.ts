import type { PackManifestInput } from '../../manifest/pack-manifest-schema.js';
import { repoPath, repositoryField } from './github-fields.js';
import { issueSample, issuesEventSample } from './github-samples.js';

type Triggers = NonNullable<PackManifestInput['triggers']>;

// The repository webhook events people automate most (https://docs.github.com/webhooks/webhook-events-and-payloads).
const eventChoices = [
  ['Issues (opened, edited, closed, labeled, …)', 'issues'],
  ['Issue or pull request comment', 'issue_comment'],
  ['Push', 'push'],
  ['Pull request', 'pull_request'],
  ['Pull request review', 'pull_request_review'],
  ['Pull request review comment', 'pull_request_review_comment'],
  ['Release', 'release'],
  ['Branch or tag created', 'create'],
  ['Branch or tag deleted', 'delete'],
  ['Workflow run', 'workflow_run'],
  ['Workflow job', 'workflow_job'],
  ['Check run', 'check_run'],
  ['Check suite', 'check_suite'],
  ['Commit status', 'status'],
  ['Deployment', 'deployment'],
  ['Deployment status', 'deployment_status'],
  ['Discussion', 'discussion'],
  ['Discussion comment', 'discussion_comment'],
  ['Label', 'label'],
  ['Milestone', 'milestone'],
  ['Fork', 'fork'],
  ['Star', 'star'],
  ['Watch', 'watch'],
  ['Commit comment', 'commit_comment'],
  ['Wiki page', 'gollum'],
  ['Collaborator', 'member'],
  ['Repository', 'repository'],
].map(([label, value]) => ({ label: label!, value: value! }));

const eventsField = (description: string) => ({
  key: 'events',
  label: 'Events',
  type: 'multiselect' as const,
  required: true,
  description,
  choices: eventChoices,
});

/**
 * Common to both triggers: one run per delivery (the `X-GitHub-Delivery` id stays the same when a delivery
 * is redelivered), and only the chosen events (`X-GitHub-Event`); the `ping` GitHub sends when a hook is
 * made is never chosen, so it is answered 200 and starts nothing. The run sees the delivery's JSON payload
 * and, as `headers`, the event name and delivery id (the payload does not say which event it is).
 */
const deliveryHandling = {
  dedupe: '{{headers.x-github-delivery}}',
  filter: { value: '{{headers.x-github-event}}', oneOf: '{{input.events}}' },
  eventHeaders: ['x-github-event', 'x-github-delivery'],
  sample: { ...issuesEventSample, headers: { 'x-github-event': 'issues', 'x-github-delivery': '72d3162e-cc78-11e3-81ab-4c9367dc0958' } },
};

export const githubTriggers: Triggers = [
  {
    kind: 'subscription',
    key: 'repository-event',
    name: 'Repository event',
    description:
      "Switchyard adds a webhook to the repository when the recipe is published and removes it when the recipe is unpublished (the connected account needs admin rights on the repository).",
    input: [repositoryField, eventsField('What starts a run. The run sees the event payload (issue, pull_request, release, … and repository, sender).')],
    subscribe: {
      method: 'POST',
      path: `${repoPath}/hooks`,
      json: {
        name: 'web',
        active: true,
        events: '{{input.events}}',
        config: { url: '{{webhook.url}}', content_type: 'json', secret: '{{webhook.secret}}', insecure_ssl: '0' },
      },
    },
    subscriptionId: 'id',
    unsubscribe: { method: 'DELETE', path: `${repoPath}/hooks/{{subscription.id}}` },
    verification: { scheme: 'github', secret: '{{webhook.secret}}' },
    ...deliveryHandling,
  },
  {
    kind: 'webhook',
    key: 'webhook-event',
    name: 'Webhook event (add the webhook yourself)',
    description:
      "For a webhook you add by hand (repository or organization → Settings → Webhooks → Add webhook): paste this trigger's URL as the Payload URL, choose content type application/json, and use the connection's webhook secret as the Secret.",
    input: [eventsField('Runs start only for these events, whatever else the webhook sends.')],
    verification: { scheme: 'github', secret: '{{connection.webhook_secret}}' },
    ...deliveryHandling,
  },
  {
    kind: 'poll',
    key: 'new-issue',
    name: 'New issue (checked every 5 minutes)',
    description:
      "Needs no admin rights on the repository (the webhook triggers do): checks GitHub's issue search for new issues or pull requests. The first check only notes those that exist; each new one starts one run.",
    input: [
      repositoryField,
      {
        key: 'kind',
        label: 'Watch for',
        type: 'select',
        required: true,
        default: 'issue',
        choices: [{ label: 'New issues', value: 'issue' }, { label: 'New pull requests', value: 'pr' }],
      },
      { key: 'query', label: 'Only those matching', placeholder: 'label:bug', description: 'Search qualifiers, e.g. label:bug or author:octocat.' },
    ],
    // Newest first, 100 at a time: more than that many new issues within one interval is not expected.
    request: {
      method: 'GET',
      path: '/search/issues',
      query: { q: 'repo:{{input.repository}} is:{{input.kind}} {{input.query}}', sort: 'created', order: 'desc', per_page: '100' },
    },
    items: 'items',
    id: 'id',
    intervalSeconds: 300,
    sample: issueSample,
  },
];
