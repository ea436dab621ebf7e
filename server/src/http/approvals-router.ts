import { Hono } from 'hono';
import { html } from 'hono/html';
import { verifyApproval } from '../runs/approval-token.js';
import { fromJson, toJson } from '../storage/json-column.js';
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

  router.get('/approvals/:token', async (c) => {
    const claim = claimOf(c.req.param('token'));
    if (!claim) return c.html(page('Link not valid', html`<p>This approval link is not valid or has expired.</p>`), 404);
    const step = (await runRepo.steps(database.db, claim.runId)).find((row) => row.path === claim.path);
    if (!step || step.status !== 'waiting') return c.html(page('Already decided', html`<p>This request was already decided or has expired.</p>`), 410);
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
    const decided = await database.write(async (trx) => {
      const step = (await runRepo.steps(trx, claim.runId)).find((row) => row.path === claim.path);
      if (!step || step.status !== 'waiting' || step.use !== 'core/approval') return false;
      const output = { ...fromJson<Record<string, unknown>>(step.output), decision: claim.decision, decidedAt: new Date(now()).toISOString() };
      await runRepo.saveStep(trx, { ...step, status: 'succeeded', output: toJson(output), finished_at: now(), next_attempt_at: null });
      await jobRepo.wakeRun(trx, claim.runId, now());
      return true;
    });
    if (!decided) return c.html(page('Already decided', html`<p>This request was already decided or has expired.</p>`), 410);
    deps.triggers.onEnqueued();
    const done = claim.decision === 'approve' ? 'Approved' : 'Rejected';
    return c.html(page(done, html`<p>Thank you. The run ${claim.decision === 'approve' ? 'continues' : 'stops here'}.</p>`));
  });

  return router;
}
