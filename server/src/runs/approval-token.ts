import { createHmac, timingSafeEqual } from 'node:crypto';

export type ApprovalDecision = 'approve' | 'reject';

export interface ApprovalClaim {
  runId: string;
  path: string;
  decision: ApprovalDecision;
  expiresAt: number;
}

/** Links are signed, not stored: the signature proves we issued them, the step's state makes them single-use. */
export function signApproval(claim: ApprovalClaim, key: Buffer): string {
  const body = Buffer.from(JSON.stringify([claim.runId, claim.path, claim.decision, claim.expiresAt])).toString('base64url');
  return `${body}.${mac(body, key)}`;
}

export function verifyApproval(token: string, key: Buffer, now: number): ApprovalClaim | null {
  const [body, signature, extra] = token.split('.');
  if (!body || !signature || extra !== undefined || token.length > 2048) return null;
  const expected = Buffer.from(mac(body, key));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  try {
    const [runId, path, decision, expiresAt] = JSON.parse(Buffer.from(body, 'base64url').toString()) as unknown[];
    if (typeof runId !== 'string' || typeof path !== 'string' || typeof expiresAt !== 'number') return null;
    if (decision !== 'approve' && decision !== 'reject') return null;
    if (expiresAt < now) return null;
    return { runId, path, decision, expiresAt };
  } catch {
    return null;
  }
}

function mac(body: string, key: Buffer): string {
  return createHmac('sha256', key).update(body).digest('base64url');
}
