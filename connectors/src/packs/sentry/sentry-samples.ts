/**
 * Example payloads for the builder's pills, shaped like Sentry's documented webhook bodies
 * (docs.sentry.io/integrations/integration-platform/webhooks/) and API answers (docs.sentry.io/api/).
 */

const project = { id: '4505678', name: 'web-frontend', slug: 'web-frontend', platform: 'javascript' };
const actor = { type: 'user', id: 77, name: 'Ada Lovelace' };
const installation = { uuid: '7a485448-a9e2-4c85-8a3c-4f44175783c9' };

export const issueSample = {
  id: '1170820242',
  shortId: 'WEB-FRONTEND-2F',
  title: "TypeError: Cannot read properties of undefined (reading 'map')",
  culprit: 'components/Dashboard in render',
  permalink: 'https://acme.sentry.io/issues/1170820242/',
  level: 'error',
  status: 'unresolved',
  substatus: 'new',
  statusDetails: {},
  isPublic: false,
  platform: 'javascript',
  project,
  type: 'error',
  metadata: { type: 'TypeError', value: "Cannot read properties of undefined (reading 'map')", filename: 'components/Dashboard.tsx' },
  numComments: 0,
  assignedTo: null,
  isBookmarked: false,
  hasSeen: false,
  count: '12',
  userCount: 5,
  firstSeen: '2024-06-01T12:00:00.000000Z',
  lastSeen: '2024-06-01T12:30:00.000000Z',
};

/** `Sentry-Hook-Resource: issue`, action created | resolved | assigned | archived | unresolved. */
export const issueWebhookSample = {
  action: 'created',
  installation,
  actor: { type: 'application', id: 'sentry', name: 'Sentry' },
  data: {
    issue: {
      ...issueSample,
      url: 'https://sentry.io/api/0/organizations/acme/issues/1170820242/',
      web_url: 'https://acme.sentry.io/issues/1170820242/',
      project_url: 'https://acme.sentry.io/issues/?project=4505678',
    },
  },
};

const event = {
  event_id: 'a9e5f1f3a7b94a8f9c0d1b2e3f4a5b6c',
  project: 4505678,
  release: 'web-frontend@2.4.1',
  platform: 'javascript',
  message: '',
  datetime: '2024-06-01T12:30:00.000000Z',
  level: 'error',
  culprit: 'components/Dashboard in render',
  title: "TypeError: Cannot read properties of undefined (reading 'map')",
  location: 'components/Dashboard.tsx',
  issue_id: '1170820242',
  url: 'https://sentry.io/api/0/projects/acme/web-frontend/events/a9e5f1f3a7b94a8f9c0d1b2e3f4a5b6c/',
  web_url: 'https://acme.sentry.io/issues/1170820242/events/a9e5f1f3a7b94a8f9c0d1b2e3f4a5b6c/',
  issue_url: 'https://sentry.io/api/0/issues/1170820242/',
  tags: [['environment', 'production'], ['level', 'error'], ['release', 'web-frontend@2.4.1']],
  user: { id: 'user_42', email: 'grace@example.com', ip_address: '203.0.113.7' },
  exception: { values: [{ type: 'TypeError', value: "Cannot read properties of undefined (reading 'map')" }] },
};

/** `Sentry-Hook-Resource: error`, action created. */
export const errorWebhookSample = { action: 'created', installation, actor: { type: 'application', id: 'sentry', name: 'Sentry' }, data: { error: event } };

/** `Sentry-Hook-Resource: comment`, action created | updated | deleted. */
export const commentWebhookSample = {
  action: 'created',
  installation,
  actor,
  data: { comment: 'Looking into this now', project_slug: 'web-frontend', comment_id: 1234, issue_id: 1170820242, timestamp: '2024-06-01T12:40:00.000000Z' },
};

/** `Sentry-Hook-Resource: event_alert` (action triggered); metric alerts carry `data.metric_alert` instead. */
export const alertWebhookSample = {
  action: 'triggered',
  installation,
  actor: { type: 'application', id: 'sentry', name: 'Sentry' },
  data: { event, triggered_rule: 'Send a notification for new issues', issue_alert: { title: 'Send a notification for new issues', settings: [] } },
};

/** What POST …/issues/{id}/comments/ answers: the new activity entry. */
export const commentSample = {
  id: '3412',
  user: { id: '77', name: 'Ada Lovelace', email: 'ada@example.com' },
  type: 'note',
  data: { text: 'Deployed a fix in 2.4.2' },
  dateCreated: '2024-06-01T13:00:00.000000Z',
};

/** What POST …/releases/ answers. */
export const releaseSample = {
  id: 55443,
  version: 'web-frontend@2.4.2',
  shortVersion: '2.4.2',
  ref: 'main',
  url: 'https://github.com/acme/web-frontend/releases/tag/v2.4.2',
  dateCreated: '2024-06-01T13:10:00.000000Z',
  dateReleased: '2024-06-01T13:10:00.000000Z',
  newGroups: 0,
  commitCount: 1,
  deployCount: 0,
  authors: [{ name: 'Ada Lovelace', email: 'ada@example.com' }],
  projects: [{ id: 4505678, name: 'web-frontend', slug: 'web-frontend', platform: 'javascript' }],
};
