/** Shapes as Intercom's REST API 2.14 answers them (https://developers.intercom.com/docs/references/2.14/rest-api/api.intercom.io). */
export const contactSample = {
  type: 'contact',
  id: '6762f0dd1bb69f9f2193bb83',
  workspace_id: 'ecahpwf5',
  external_id: 'user-1042',
  role: 'user',
  email: 'ada@example.com',
  phone: '+447700900123',
  name: 'Ada Lovelace',
  created_at: 1717243200,
  updated_at: 1717243200,
  custom_attributes: { plan: 'pro' },
  tags: { type: 'list', data: [], url: '/contacts/6762f0dd1bb69f9f2193bb83/tags', total_count: 0, has_more: false },
};

export const conversationSample = {
  type: 'conversation',
  id: '123',
  created_at: 1717243200,
  updated_at: 1717243260,
  title: null,
  state: 'open',
  open: true,
  read: false,
  source: { type: 'conversation', id: '403918330', delivered_as: 'customer_initiated', body: '<p>Hello there</p>', author: { type: 'user', id: '6762f0dd1bb69f9f2193bb83' } },
  contacts: { type: 'contact.list', contacts: [{ type: 'contact', id: '6762f0dd1bb69f9f2193bb83' }] },
  admin_assignee_id: null,
  conversation_parts: { type: 'conversation_part.list', conversation_parts: [], total_count: 0 },
};

/** A new conversation answers the message that started it. */
export const messageSample = {
  type: 'user_message',
  id: '403918330',
  created_at: 1717243200,
  body: 'Hello there',
  message_type: 'inapp',
  conversation_id: '123',
};

export const tagSample = { type: 'tag', id: '7522907', name: 'VIP' };

/** One webhook notification (https://developers.intercom.com/docs/references/webhooks/webhook-models). */
export const notificationSample = {
  type: 'notification_event',
  app_id: 'ecahpwf5',
  id: 'notif_ccd8a4d0-f965-11e3-a367-c779cae3e1b3',
  topic: 'conversation.user.created',
  delivery_status: 'pending',
  delivery_attempts: 1,
  delivered_at: 0,
  first_sent_at: 1717243200,
  created_at: 1717243200,
  self: null,
  data: { type: 'notification_event_data', item: conversationSample },
};
