import type { PackManifestInput } from '../../manifest/pack-manifest-schema.js';
import { alertWebhookSample, commentWebhookSample, errorWebhookSample, issueWebhookSample } from './sentry-samples.js';

type Trigger = NonNullable<PackManifestInput['triggers']>[number];

const setUp =
  'In Sentry → Settings → Developer Settings → Custom Integrations, open (or create) an internal integration, set its Webhook URL to this trigger’s URL, tick the resource under Webhooks, and copy its Client Secret into the connection.';

/**
 * Every Sentry integration webhook: signed with the integration's client secret (`Sentry-Hook-Signature`,
 * HMAC-SHA256 hex of the body), named by `Sentry-Hook-Resource`, and carrying a `Request-ID` that is
 * the one id Sentry sends per delivery, so a redelivery starts one run.
 */
function sentryWebhook(key: string, name: string, description: string, choices: { label: string; value: string }[], sample: unknown): Trigger {
  return {
    kind: 'webhook',
    key,
    name,
    description: `${description} ${setUp}`,
    input: [
      {
        key: 'actions',
        label: 'Which changes',
        type: 'multiselect',
        choices,
        description: 'Leave empty for all of them. Deliveries of other kinds are acknowledged and start no run.',
      },
    ],
    verification: { scheme: 'sentry', secret: '{{connection.client_secret}}' },
    dedupe: '{{headers.request-id}}',
    // The resource is only named in a header; the action is in the body.
    // An empty choice means every kind this trigger lists (a pipe argument cannot be a list, hence the join and split).
    filter: {
      value: '{{headers.sentry-hook-resource}}.{{body.action}}',
      oneOf: `{{input.actions | join: ',' | default: '${choices.map((choice) => choice.value).join(',')}' | split: ','}}`,
    },
    sample,
  };
}

export const sentryTriggers: Trigger[] = [
  sentryWebhook(
    'issue-event',
    'Issue created or changed',
    'A new issue, or an issue resolved, assigned, archived or unresolved.',
    [
      { label: 'Created', value: 'issue.created' },
      { label: 'Resolved', value: 'issue.resolved' },
      { label: 'Assigned', value: 'issue.assigned' },
      { label: 'Archived (ignored)', value: 'issue.archived' },
      { label: 'Unresolved (reopened or regressed)', value: 'issue.unresolved' },
    ],
    issueWebhookSample,
  ),
  sentryWebhook('new-error', 'New error event', 'Every error event Sentry processes (Business plans and up send these).', [{ label: 'Created', value: 'error.created' }], errorWebhookSample),
  sentryWebhook(
    'comment-event',
    'Issue comment',
    'A comment added to, edited on or removed from an issue.',
    [
      { label: 'Created', value: 'comment.created' },
      { label: 'Updated', value: 'comment.updated' },
      { label: 'Deleted', value: 'comment.deleted' },
    ],
    commentWebhookSample,
  ),
  sentryWebhook(
    'alert-triggered',
    'Alert triggered',
    'An issue alert rule or a metric alert that sends to this integration (add the integration as the alert’s action).',
    [
      { label: 'Issue alert triggered', value: 'event_alert.triggered' },
      { label: 'Metric alert critical', value: 'metric_alert.critical' },
      { label: 'Metric alert warning', value: 'metric_alert.warning' },
      { label: 'Metric alert resolved', value: 'metric_alert.resolved' },
    ],
    alertWebhookSample,
  ),
];
