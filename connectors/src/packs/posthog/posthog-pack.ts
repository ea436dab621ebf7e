import { definePack } from '../define-pack.js';
import { annotationSample, captureSample, flagSample } from './posthog-samples.js';
import { posthogTriggers } from './posthog-triggers.js';

const icon =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><rect width="24" height="24" rx="5" fill="#1d4aff"/>' +
  '<path d="M4 17 11 10v7zM4 12l5-5v5zM4 7l2-2v2zM12 17l6-6v6z" fill="#f9bd2b"/><circle cx="19" cy="15.5" r="1" fill="#fff"/></svg>';

/**
 * Events go to `/batch/` as posthog-node sends them: `{ api_key, batch: [event] }`, the project API key in
 * the body and no Authorization header. `uuid` and `timestamp` are sent only when given; PostHog fills them.
 */
function batchOf(event: Record<string, unknown>) {
  return {
    method: 'POST' as const,
    path: '/batch/',
    json: { api_key: '{{connection.project_api_key}}', batch: [{ ...event, timestamp: '{{input.timestamp}}', uuid: '{{input.uuid}}' }] },
  };
}

const distinctId = {
  key: 'distinct_id',
  label: 'Distinct ID',
  required: true,
  placeholder: 'user_42',
  description: 'Who did it: your user id (or the anonymous id PostHog gave the browser).',
};

/** On every event action: when it happened, and an id that makes a retried step count once. */
const eventTiming = [
  { key: 'timestamp', label: 'Happened at', type: 'datetime' as const, description: 'Leave empty for the time PostHog receives it.' },
  {
    key: 'uuid',
    label: 'Event UUID',
    advanced: true,
    description: 'A UUID of your own (e.g. from the trigger’s event id) so PostHog keeps one copy if the step is sent again.',
  },
];

/**
 * PostHog (https://posthog.com/docs/api): capture events, identify people and groups, evaluate feature
 * flags on the public ingestion endpoints with the project API key; annotations on the private API with a
 * personal API key. The host is a connection field: US or EU Cloud, or a self-hosted PostHog.
 */
export const posthogPack = definePack({
  id: 'posthog',
  name: 'PostHog',
  version: '1.0.0',
  engine: '^1.0.0',
  description: 'Send events and person data to PostHog, check feature flags, annotate charts, and start recipes from PostHog webhook destinations.',
  homepage: 'https://posthog.com',
  icon,
  baseUrl: '{{connection.host}}',
  auth: {
    kind: 'custom',
    fields: [
      {
        key: 'host',
        label: 'PostHog host',
        type: 'url',
        required: true,
        default: 'https://us.i.posthog.com',
        description:
          'US Cloud: https://us.i.posthog.com. EU Cloud: https://eu.i.posthog.com. Self-hosted: your PostHog’s address. (For annotations on Cloud, PostHog’s private API is at https://us.posthog.com or https://eu.posthog.com.)',
      },
      {
        key: 'project_api_key',
        label: 'Project API key',
        required: true,
        placeholder: 'phc_…',
        description: 'Project settings → Project API key. It is public (the browser snippet carries it) and only sends data in.',
      },
      {
        key: 'personal_api_key',
        label: 'Personal API key',
        secret: true,
        placeholder: 'phx_…',
        description: 'Only for "Create annotation": Account settings → Personal API keys, with the annotation:write scope.',
      },
      {
        key: 'project_id',
        label: 'Project ID',
        placeholder: '12345',
        description: 'Only for "Create annotation": the number in your project’s address (/project/12345). Empty means the key’s current project.',
      },
      {
        key: 'webhook_secret',
        label: 'Webhook secret (for triggers)',
        secret: true,
        description:
          'Any long random text. In the PostHog webhook destination, add the header Authorization with the value "Bearer " followed by this secret.',
      },
    ],
    // A wrong project key answers 401 here; nothing else in PostHog checks it without side effects.
    test: { method: 'POST', path: '/flags/', query: { v: '2' }, json: { token: '{{connection.project_api_key}}', distinct_id: 'switchyard-connection-test' } },
  },
  // PostHog (Django REST) errors: { "type": "validation_error", "code": "invalid_input", "detail": "…", "attr": "content" }.
  errors: {
    message: 'detail',
    code: 'code',
    byStatus: {
      '401': 'PostHog refused the key (HTTP 401: {{body.detail}}). Check the project API key, or for annotations the personal API key.',
      '403': 'The personal API key may not do this (HTTP 403: {{body.detail}}); give it the needed scope.',
    },
  },
  actions: [
    {
      key: 'capture-event',
      name: 'Capture event',
      description: 'Records an event for a person, as PostHog’s SDKs do.',
      input: [
        { key: 'event', label: 'Event name', required: true, placeholder: 'subscription upgraded' },
        distinctId,
        {
          key: 'properties',
          label: 'Properties',
          type: 'json',
          placeholder: '{ "plan": "pro", "$set": { "email": "grace@example.com" } }',
          description: 'Event properties. $set / $set_once update the person; $groups links the event to groups.',
        },
        ...eventTiming,
      ],
      request: batchOf({ event: '{{input.event}}', distinct_id: '{{input.distinct_id}}', properties: '{{input.properties}}' }),
      sample: captureSample,
    },
    {
      key: 'identify-person',
      name: 'Identify person',
      description: 'Sets properties on a person ($identify), and can merge an anonymous id into them.',
      input: [
        distinctId,
        { key: 'set', label: 'Properties to set', type: 'json', placeholder: '{ "email": "grace@example.com", "plan": "pro" }', description: 'Overwrite what the person had.' },
        { key: 'set_once', label: 'Properties to set once', type: 'json', placeholder: '{ "first_seen_plan": "free" }', description: 'Kept if the person already has them.' },
        { key: 'anon_distinct_id', label: 'Anonymous ID to merge', description: 'The id the person had before signing in; their earlier events join this person.' },
        ...eventTiming,
      ],
      request: batchOf({
        event: '$identify',
        distinct_id: '{{input.distinct_id}}',
        properties: { $set: '{{input.set}}', $set_once: '{{input.set_once}}', $anon_distinct_id: '{{input.anon_distinct_id}}' },
      }),
      sample: captureSample,
    },
    {
      key: 'create-alias',
      name: 'Create alias',
      description: 'Makes a second id (e.g. a backend id) stand for the same person ($create_alias).',
      input: [distinctId, { key: 'alias', label: 'Alias', required: true, description: 'The other id that should mean the same person.' }, ...eventTiming],
      request: batchOf({ event: '$create_alias', distinct_id: '{{input.distinct_id}}', properties: { distinct_id: '{{input.distinct_id}}', alias: '{{input.alias}}' } }),
      sample: captureSample,
    },
    {
      key: 'identify-group',
      name: 'Identify group',
      description: 'Sets properties on a group such as a company ($groupidentify), for group analytics.',
      input: [
        { key: 'group_type', label: 'Group type', required: true, placeholder: 'company' },
        { key: 'group_key', label: 'Group key', required: true, placeholder: 'acme-inc', description: 'The group’s id within its type.' },
        { key: 'properties', label: 'Group properties', type: 'json', placeholder: '{ "name": "Acme Inc", "seats": 40 }' },
        ...eventTiming,
      ],
      request: batchOf({
        event: '$groupidentify',
        distinct_id: '${{input.group_type}}_{{input.group_key}}',
        properties: { $group_type: '{{input.group_type}}', $group_key: '{{input.group_key}}', $group_set: '{{input.properties}}' },
      }),
      sample: captureSample,
    },
    {
      key: 'evaluate-feature-flag',
      name: 'Evaluate feature flag',
      description:
        'Asks PostHog what a flag is for one person. The output is keyed by the flag key: enabled, variant, and metadata.payload (the payload as JSON text).',
      sideEffect: false,
      input: [
        { key: 'flag_key', label: 'Flag key', required: true, placeholder: 'new-checkout' },
        distinctId,
        { key: 'person_properties', label: 'Person properties', type: 'json', placeholder: '{ "plan": "pro" }', description: 'Used by release conditions instead of what PostHog stored.' },
        { key: 'groups', label: 'Groups', type: 'json', placeholder: '{ "company": "acme-inc" }', description: 'For flags that roll out by group.' },
        { key: 'group_properties', label: 'Group properties', type: 'json', placeholder: '{ "company": { "seats": 40 } }' },
      ],
      // posthog-node's remote evaluation: one flag asked for, geo lookup off, server-side flags included.
      request: {
        method: 'POST',
        path: '/flags/',
        query: { v: '2' },
        json: {
          token: '{{connection.project_api_key}}',
          distinct_id: '{{input.distinct_id}}',
          groups: '{{input.groups}}',
          person_properties: '{{input.person_properties}}',
          group_properties: '{{input.group_properties}}',
          geoip_disable: true,
          flag_keys_to_evaluate: ['{{input.flag_key}}'],
          evaluation_runtime: 'server',
        },
      },
      output: 'flags',
      sample: flagSample,
    },
    {
      key: 'create-annotation',
      name: 'Create annotation',
      description:
        'Marks a moment on PostHog’s charts, e.g. a deploy or a campaign launch. It uses the private API: on PostHog Cloud, give this step a connection whose host is https://us.posthog.com (or https://eu.posthog.com), where PostHog serves it.',
      input: [
        { key: 'content', label: 'Text', required: true, placeholder: 'Deployed web-frontend@2.4.2', description: 'At most 400 characters.' },
        { key: 'date_marker', label: 'At', type: 'datetime', required: true, description: 'The moment on the chart, e.g. the trigger’s time.' },
        {
          key: 'scope',
          label: 'Shown on',
          type: 'select',
          default: 'project',
          choices: [
            { label: 'Every chart of the project', value: 'project' },
            { label: 'Every project of the organization', value: 'organization' },
            { label: 'One insight', value: 'dashboard_item' },
            { label: 'One dashboard', value: 'dashboard' },
          ],
        },
        { key: 'dashboard_item', label: 'Insight ID', type: 'integer', description: 'When shown on one insight.' },
        { key: 'dashboard_id', label: 'Dashboard ID', type: 'integer', description: 'When shown on one dashboard.' },
      ],
      request: {
        method: 'POST',
        path: "/api/projects/{{connection.project_id | default: '@current'}}/annotations/",
        // The private API takes the personal key; the public endpoints above never see it.
        headers: { Authorization: 'Bearer {{connection.personal_api_key}}' },
        json: {
          content: '{{input.content}}',
          date_marker: '{{input.date_marker}}',
          scope: '{{input.scope}}',
          dashboard_item: '{{input.dashboard_item}}',
          dashboard_id: '{{input.dashboard_id}}',
          creation_type: 'USR',
        },
      },
      sample: annotationSample,
    },
  ],
  triggers: posthogTriggers,
});
