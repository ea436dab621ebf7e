// Shapes from Crisp's REST API v1 and Web Hooks references (docs.crisp.chat/references/).

export const messageSentSample = { error: false, reason: 'dispatched', data: { fingerprint: 163408415189945 } };

export const profileUpdatedSample = { error: false, reason: 'updated', data: {} };

export const stateChangedSample = { error: false, reason: 'updated', data: {} };

export const hookEventSample = {
  website_id: '42286ab3-b29a-4fde-8538-da0ae501d825',
  event: 'message:send',
  data: {
    website_id: '42286ab3-b29a-4fde-8538-da0ae501d825',
    session_id: 'session_36ba3566-9651-4790-afc8-ffedbccc317f',
    type: 'text',
    origin: 'chat',
    content: 'Hello, my order has not arrived.',
    from: 'user',
    fingerprint: 163408415189945,
    user: { nickname: 'Ada Lovelace', user_id: 'session_36ba3566-9651-4790-afc8-ffedbccc317f' },
    timestamp: 1763640000000,
  },
  timestamp: 1763640000000,
};
