import { Webhook } from 'standardwebhooks';
import type { EgressClient } from '../egress/egress-client.js';
import { EgressError } from '../egress/egress-error.js';

export const hookTimeoutMs = 15_000;
/** The answer is read only for its status; a receiver that streams more than this fails the attempt. */
export const hookMaxResponseBytes = 64 * 1024;

export interface HookMessage {
  /** `webhook-id`: the delivery's id, the same on every attempt, so receivers can drop repeats. */
  id: string;
  targetUrl: string;
  /** The `whsec_…` secret of the subscription. */
  secret: string;
  payload: string;
}

/** What one attempt came to: `retry` on timeouts, connection errors, 429 and 5xx; `gone` on 410 (unsubscribe). */
export type HookSendResult =
  | { outcome: 'delivered'; httpStatus: number }
  | { outcome: 'retry' | 'failed' | 'gone'; httpStatus: number | null; error: string };

/**
 * One Standard Webhooks delivery attempt through the egress policy: signed with `webhook-id`,
 * `webhook-timestamp` (now) and `webhook-signature` (`v1,<base64>`), with a deadline, a cap on the answer,
 * and no redirect followed (a 3xx fails the attempt: a sender must not be steered elsewhere).
 */
export async function sendHook(egress: EgressClient, message: HookMessage, now: number): Promise<HookSendResult> {
  const timestamp = new Date(now);
  const signature = new Webhook(message.secret).sign(message.id, timestamp, message.payload);
  try {
    const response = await egress.request({
      url: message.targetUrl,
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'user-agent': 'Switchyard-Webhooks/1',
        'webhook-id': message.id,
        'webhook-timestamp': String(Math.floor(now / 1000)),
        'webhook-signature': signature,
      },
      body: message.payload,
      timeoutMs: hookTimeoutMs,
      maxRedirects: 0,
      maxResponseBytes: hookMaxResponseBytes,
    });
    const status = response.status;
    if (status >= 200 && status < 300) return { outcome: 'delivered', httpStatus: status };
    if (status === 410) return { outcome: 'gone', httpStatus: status, error: 'the target answered 410 Gone: unsubscribed' };
    const retryable = status === 408 || status === 429 || status >= 500;
    return { outcome: retryable ? 'retry' : 'failed', httpStatus: status, error: `the target answered ${status}` };
  } catch (error) {
    if (!(error instanceof EgressError)) throw error;
    if (error.code === 'EGRESS_TOO_MANY_REDIRECTS') return { outcome: 'failed', httpStatus: null, error: 'the target answered with a redirect, which is not followed' };
    return { outcome: error.retryable ? 'retry' : 'failed', httpStatus: null, error: `${error.code}: ${error.message}` };
  }
}
