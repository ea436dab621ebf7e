export type { EgressClient, EgressRequest, EgressResponse } from './egress-client.js';
export { createEgressClient, type EgressClientOptions } from './create-egress-client.js';
export { EgressError, type EgressErrorCode } from './egress-error.js';
export { blockedAddressReason, createAllowList, isBlockedAddress, type AllowList } from './address-policy.js';
export { parseEgressUrl } from './parse-egress-url.js';
export { parseRetryAfter } from './retry-after.js';
export { classifyStatus, type StatusClass } from './classify-response.js';
export { backoffDelay, type BackoffOptions } from './backoff-delay.js';
export { decodeResponseBody } from './decode-response-body.js';
