import { createHash } from 'node:crypto';
import type { Db } from '../storage/database.js';
import { loginAttemptRepo, type AttemptScope } from '../storage/login-attempt-repo.js';

/**
 * Failed sign-ins allowed in any `windowMs`: per account, enough for a person fumbling a password but
 * far too few to guess one; per address, more, since an office or a NAT shares one address.
 */
export const loginLimits = { windowMs: 15 * 60_000, perAccount: 10, perAddress: 50 } as const;

export type LoginClaim =
  | { ok: true; accountKey: string }
  | { ok: false; limitedBy: 'account' | 'address'; retryAfterMs: number };

type Refusal = Extract<LoginClaim, { ok: false }>;
/** A limit to check: what it is called, whose attempts it counts, how many it allows. */
type Limit = [Refusal['limitedBy'], AttemptScope, number];

/** The e-mail is hashed so that a password typed into the e-mail field is never stored readable. */
function accountKeyOf(email: string): string {
  return createHash('sha256').update(email.trim().toLowerCase()).digest('hex');
}

/** The longest wait any limit imposes when `extra` attempts more than it allows are tolerated; null if none applies. */
async function refusal(db: Db, limits: Limit[], now: number, extra: number): Promise<Refusal | null> {
  let longest: Refusal | null = null;
  for (const [limitedBy, scope, limit] of limits) {
    const at = await loginAttemptRepo.nthNewestAt(db, scope, now - loginLimits.windowMs, limit + extra);
    const retryAfterMs = at === undefined ? 0 : at + loginLimits.windowMs - now;
    if (retryAfterMs > (longest?.retryAfterMs ?? 0)) longest = { ok: false, limitedBy, retryAfterMs };
  }
  return longest;
}

/**
 * Call before checking a password, which is the expensive part. Refuses while the account or the
 * address has used up its failures; otherwise records this attempt as a failure until
 * `loginSucceeded` clears it. Recording first and counting after (each statement committed on its
 * own) means requests racing in parallel, in any number of processes, never get more than the limit
 * of password checks: every admitted attempt is visible to every count made after it.
 */
export async function claimLoginAttempt(db: Db, attempt: { email: string; address: string | null; now: number }): Promise<LoginClaim> {
  const accountKey = accountKeyOf(attempt.email);
  const limits: Limit[] = [['account', { accountKey }, loginLimits.perAccount]];
  if (attempt.address !== null) limits.push(['address', { address: attempt.address }, loginLimits.perAddress]);
  // Already used up: answer from a read alone, so a flood of refused requests writes nothing.
  const before = await refusal(db, limits, attempt.now, 0);
  if (before) return before;
  await loginAttemptRepo.prune(db, attempt.now - loginLimits.windowMs);
  const attemptId = await loginAttemptRepo.record(db, { accountKey, address: attempt.address, at: attempt.now });
  // This attempt is counted now, so one more than the limit is the first too many.
  const after = await refusal(db, limits, attempt.now, 1);
  if (!after) return { ok: true, accountKey };
  await loginAttemptRepo.remove(db, attemptId);
  // Racing attempts may all have been refused and removed like this one: then a retry soon is fair.
  return (await refusal(db, limits, attempt.now, 0)) ?? { ...after, retryAfterMs: 1_000 };
}

/** A correct password forgives the account's failures, from wherever they came; failures against other accounts still count. */
export async function loginSucceeded(db: Db, claim: Extract<LoginClaim, { ok: true }>): Promise<void> {
  await loginAttemptRepo.clearAccount(db, claim.accountKey);
}
