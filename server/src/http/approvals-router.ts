import { Hono, type Context } from 'hono';
import { finishedRunStatuses } from '../contracts/run.js';
import { html } from 'hono/html';
import { verifyApproval, type ApprovalClaim } from '../runs/approval-token.js';
import { auditRepo } from '../storage/audit-repo.js';
import { fromJson, toJson } from '../storage/json-column.js';
import type { Db } from '../storage/database.js';
import { jobRepo } from '../storage/job-repo.js';
import { runRepo } from '../storage/run-repo.js';
import type { AppDeps } from './app-deps.js';

const page = (title: string, body: unknown) => html`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${title} · Switchyard</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem;color:#1f2937}
button{font:inherit;padding:.6rem 1.4rem;border-radius:.4rem;border:0;background:#2563eb;color:#fff;cursor:pointer}
.reject{background:#b91c1c}</style></head><body><h1>${title}</h1>${body}</body></html>`;

/**
 * The links a `core/approval` step hands out. GET only shows a page (mail scanners follow links), the
 * button POSTs the decision; the step's `waiting` state makes each link work once.
 */
export function approvalsRouter(deps: AppDeps) {
  const router = new Hono();
  const { database, now } = deps;

  const claimOf = (token: string) => verifyApproval(token, deps.engine.approvalKey, now());
  const decided = (c: Context) => c.html(page('Already decided', html`<p>This request was already decided or has expired.</p>`), 410);

  /** The approval step the claim decides, while it still waits; a run that already ended has nobody left to resume. */
  const waitingStep = async (ex: Db, claim: ApprovalClaim) => {
    const run = await runRepo.get(ex, claim.runId);
    if (!run || finishedRunStatuses.includes(run.status)) return undefined;
    const step = await runRepo.step(ex, claim.runId, claim.path);
    return step?.status === 'waiting' && step.use === 'core/approval' ? step : undefined;
  };

  router.get('/approvals/:token', async (c) => {
    const claim = claimOf(c.req.param('token'));
    if (!claim) return c.html(page('Link not valid', html`<p>This approval link is not valid or has expired.</p>`), 404);
    const step = await waitingStep(database.db, claim);
    if (!step) return decided(c);
    const message = fromJson<{ message?: string | null }>(step.output)?.message;
    const verb = claim.decision === 'approve' ? 'Approve' : 'Reject';
    return c.html(
      page(
        `${verb} this request?`,
        html`${message ? html`<p>${message}</p>` : ''}<form method="post"><button class="${claim.decision}">${verb}</button></form>`,
      ),
    );
  });

  router.post('/approvals/:token', async (c) => {
    const claim = claimOf(c.req.param('token'));
    if (!claim) return c.html(page('Link not valid', html`<p>This approval link is not valid or has expired.</p>`), 404);
    const settled = await database.write(async (trx) => {
      const step = await waitingStep(trx, claim);
      if (!step) return false;
      const output = { ...fromJson<Record<string, unknown>>(step.output), decision: claim.decision, decidedAt: new Date(now()).toISOString() };
      const won = await runRepo.settleWaitingStep(trx, { ...step, status: 'succeeded', output: toJson(output), finished_at: now(), next_attempt_at: null });
      if (won) {
        await jobRepo.wakeRun(trx, claim.runId, now());
        // Whoever holds the link decides; there is no signed-in user to name.
        const details = { step: claim.path, decision: claim.decision };
        await auditRepo.record(trx, { actor: null, action: 'approval.decide', targetId: claim.runId, details }, now());
      }
      return won;
    });
    if (!settled) return decided(c);
    deps.triggers.onEnqueued();
    const done = claim.decision === 'approve' ? 'Approved' : 'Rejected';
    return c.html(page(done, html`<p>Thank you. The run ${claim.decision === 'approve' ? 'continues' : 'stops here'}.</p>`));
  });

  return router;
}
