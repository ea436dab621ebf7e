import type { PackTrigger } from '@switchyard/connectors';
import { readBodyPath } from '../../connections/read-body-path.js';

type Handshake = NonNullable<Extract<PackTrigger, { kind: 'webhook' | 'subscription' }>['handshake']>;

/** How a body challenge is recognised and answered. */
export interface ChallengeRule {
  /** Body field holding the challenge, echoed back under the same name. */
  field: string;
  /** Only bodies whose `path` equals `equals` are challenges. */
  when?: { path: string; equals: string } | undefined;
  /** Verified only when this header came (Slack signs its url_verification, but a pasted URL's first one may not be). */
  signatureHeader?: string | undefined;
}

/** `slack_url_verification` is the generic challenge with Slack's envelope and signature header. */
export function challengeRule(handshake: Extract<Handshake, { type: 'slack_url_verification' | 'challenge' }>): ChallengeRule {
  if (handshake.type === 'slack_url_verification') {
    return { field: 'challenge', when: { path: 'type', equals: 'url_verification' }, signatureHeader: 'x-slack-signature' };
  }
  return { field: handshake.field, when: handshake.when };
}

/** The challenge of a body that is one, else null: a non-empty string at `field`, and `when` holding. */
export function readChallenge(rule: ChallengeRule, body: unknown): string | null {
  if (rule.when && readBodyPath(body, rule.when.path) !== rule.when.equals) return null;
  const challenge = readBodyPath(body, rule.field);
  return typeof challenge === 'string' && challenge !== '' ? challenge : null;
}
