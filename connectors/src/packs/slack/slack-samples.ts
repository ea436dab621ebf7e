/**
 * Example outputs in the shapes Slack's Web API reference documents, so the builder's pills work before
 * a step or trigger has run.
 */

export const sampleMessage = {
  type: 'message',
  user: 'U061F7AUR',
  text: 'Deploy finished :rocket:',
  ts: '1717243200.000200',
  team: 'T061EG9R6',
  bot_id: 'B061F7JD2',
  app_id: 'A061F7JD2',
};

export const samplePostedMessage = {
  ok: true,
  channel: 'C061EG9SL',
  ts: '1717243200.000200',
  message: sampleMessage,
};

export const sampleChannel = {
  id: 'C061EG9SL',
  name: 'deploys',
  is_channel: true,
  is_private: false,
  is_archived: false,
  is_member: true,
  created: 1717243200,
  creator: 'U061F7AUR',
  topic: { value: 'Releases and rollbacks', creator: 'U061F7AUR', last_set: 1717243200 },
  purpose: { value: 'Where CI reports deploys', creator: 'U061F7AUR', last_set: 1717243200 },
  num_members: 12,
};

export const sampleUser = {
  id: 'U061F7AUR',
  team_id: 'T061EG9R6',
  name: 'ada',
  real_name: 'Ada Lovelace',
  tz: 'Europe/London',
  is_bot: false,
  deleted: false,
  profile: {
    email: 'ada@example.com',
    display_name: 'ada',
    real_name: 'Ada Lovelace',
    title: 'Engineer',
    image_72: 'https://avatars.slack-edge.com/ada_72.png',
  },
};

export const sampleHistoryMessage = {
  type: 'message',
  user: 'U061F7AUR',
  text: 'Can someone review my pull request?',
  ts: '1717243260.000300',
  team: 'T061EG9R6',
};

/** An Events API delivery (the outer envelope; the event itself is under `event`). */
export const sampleEvent = {
  token: 'XXYYZZ',
  team_id: 'T061EG9R6',
  api_app_id: 'A061F7JD2',
  type: 'event_callback',
  event_id: 'Ev061F7K1Y',
  event_time: 1717243260,
  event: {
    type: 'app_mention',
    user: 'U061F7AUR',
    text: '<@U0LAN0Z89> is the deploy done?',
    ts: '1717243260.000300',
    channel: 'C061EG9SL',
    event_ts: '1717243260.000300',
  },
  authorizations: [{ team_id: 'T061EG9R6', user_id: 'U0LAN0Z89', is_bot: true, is_enterprise_install: false }],
};
