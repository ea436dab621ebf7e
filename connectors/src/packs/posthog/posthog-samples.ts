/**
 * Example payloads for the builder's pills, shaped like PostHog's documented answers
 * (posthog.com/docs/api) and its webhook destination's default body (`{ event, person }`).
 */

/** What `/batch/` answers when PostHog accepts the events. */
export const captureSample = { status: 'Ok' };

/** One flag of a `/flags/?v=2` answer, keyed by the flag key; the payload is JSON text, as PostHog stores it. */
export const flagSample = {
  'new-checkout': {
    key: 'new-checkout',
    enabled: true,
    variant: 'test',
    reason: { code: 'condition_match', condition_index: 0, description: 'Matched condition set 1' },
    metadata: { id: 4821, version: 3, description: 'New checkout flow', payload: '{"color":"blue"}' },
  },
};

export const annotationSample = {
  id: 918,
  content: 'Deployed web-frontend@2.4.2',
  date_marker: '2024-06-01T13:10:00Z',
  creation_type: 'USR',
  dashboard_item: null,
  dashboard_id: null,
  scope: 'project',
  created_by: { id: 7, first_name: 'Ada', email: 'ada@example.com' },
  created_at: '2024-06-01T13:10:02.118Z',
  updated_at: '2024-06-01T13:10:02.118Z',
  deleted: false,
};

/** The webhook destination's default body: the event and the person it belongs to. */
export const destinationSample = {
  event: {
    uuid: '0190d5a8-6d3e-7c4e-9f1a-2b3c4d5e6f70',
    event: 'subscription upgraded',
    distinct_id: 'user_42',
    properties: { plan: 'pro', $current_url: 'https://app.acme.example/billing', $browser: 'Chrome' },
    elements_chain: '',
    timestamp: '2024-06-01T12:00:00.000Z',
    url: 'https://us.posthog.com/project/12345/events/0190d5a8-6d3e-7c4e-9f1a-2b3c4d5e6f70/2024-06-01T12:00:00.000Z',
  },
  person: {
    id: '0190c1f2-1a2b-7c3d-8e4f-5a6b7c8d9e0f',
    name: 'grace@example.com',
    url: 'https://us.posthog.com/project/12345/person/user_42',
    properties: { email: 'grace@example.com', plan: 'pro' },
  },
};
