/** An Event Webhook event as SendGrid posts it (one item of the delivered array). */
export const sampleEmailEvent = {
  email: 'ada@example.com',
  timestamp: 1795000000,
  event: 'delivered',
  sg_event_id: 'ZGVsaXZlcmVkLTAtMjQ0NDk5NzMtZW1haWwtMA',
  sg_message_id: '14c5d75ce93.dfd.64b469.filter0001.16648.5515E0B88.0',
  'smtp-id': '<14c5d75ce93.dfd.64b469@ismtpd-555>',
  response: '250 OK',
  category: ['receipt'],
  ip: '168.1.1.1',
  tls: 1,
};

export const eventTypes = [
  { label: 'Processed', value: 'processed' },
  { label: 'Dropped', value: 'dropped' },
  { label: 'Delivered', value: 'delivered' },
  { label: 'Deferred', value: 'deferred' },
  { label: 'Bounced', value: 'bounce' },
  { label: 'Opened', value: 'open' },
  { label: 'Clicked', value: 'click' },
  { label: 'Marked as spam', value: 'spamreport' },
  { label: 'Unsubscribed', value: 'unsubscribe' },
  { label: 'Unsubscribed from a group', value: 'group_unsubscribe' },
  { label: 'Resubscribed to a group', value: 'group_resubscribe' },
];
