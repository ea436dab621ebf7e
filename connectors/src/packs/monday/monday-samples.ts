// Shapes from monday.com's API reference and webhook payloads, trimmed to what recipes read.

export const itemSample = {
  id: '1772099344',
  name: 'Reply to Ada about her order',
  url: 'https://acme.monday.com/boards/1771812698/pulses/1772099344',
  board: { id: '1771812698' },
  group: { id: 'topics', title: 'New' },
  column_values: [{ id: 'status', type: 'status', text: 'Working on it', value: '{"index":0}' }],
};

export const updateSample = { id: '2004157401', body: '<p>Followed up by email.</p>', text_body: 'Followed up by email.', created_at: '2026-11-20T12:05:00Z', creator: { id: '15158293', name: 'Grace Hopper' } };

export const webhookEventSample = {
  event: {
    app: 'monday',
    type: 'create_pulse',
    triggerTime: '2026-11-20T12:00:00.210Z',
    subscriptionId: 73759690,
    userId: 15158293,
    originalTriggerUuid: null,
    boardId: 1771812698,
    pulseId: 1772099344,
    pulseName: 'Reply to Ada about her order',
    groupId: 'topics',
    groupName: 'New',
    isTopGroup: true,
    columnValues: {},
    triggerUuid: '645fc8d8709d35718f1ac9e4ca4d6bc8',
  },
};
