import { describe, expect, it } from 'vitest';
import { hookOutboxRepo } from './hook-outbox-repo.js';
import { hookSubscriptionRepo } from './hook-subscription-repo.js';
import { dialects, useMigratedDatabase } from './test-databases.js';

describe.each(dialects)('hook outbox on %s', (dialect) => {
  const { database, openAnother } = useMigratedDatabase(dialect);

  const subscribe = (event: string, filters: { recipeId?: string; emitName?: string } = {}) =>
    database.write((trx) =>
      hookSubscriptionRepo.create(
        trx,
        { targetUrl: 'https://example.com/hook', event, recipeId: filters.recipeId ?? null, emitName: filters.emitName ?? null, createdBy: null },
        (id) => `sealed:${id}`,
        1_000,
      ),
    );
  const queue = (recipeId: string, eventKey: string, filter: { events: string[]; emitName?: string }) =>
    database.write(async (trx) => {
      const subscriptions = await hookOutboxRepo.matching(trx, { ...filter, recipeId });
      await hookOutboxRepo.queue(trx, subscriptions, { eventKey, payload: (type) => ({ type }) }, 2_000);
      return subscriptions.map((subscription) => subscription.id);
    });
  const pendingOf = async (subscriptionId: string) => (await hookOutboxRepo.recent(database.db, subscriptionId, 10)).filter((row) => row.status === 'pending');

  it('queues an event once per subscription, however often it is queued again (a retried step, a resumed run)', async () => {
    const sub = await subscribe('recipe.emitted', { recipeId: 'rcp_once', emitName: 'order' });
    await queue('rcp_once', 'emit:key-1', { events: ['recipe.emitted'], emitName: 'order' });
    await queue('rcp_once', 'emit:key-1', { events: ['recipe.emitted'], emitName: 'order' });
    expect(await hookOutboxRepo.recent(database.db, sub.id, 10)).toMatchObject([{ event_key: 'emit:key-1', payload: '{"type":"recipe.emitted"}', status: 'pending', attempts: 0 }]);
  });

  it('matches on event, recipe and emit name; unsubscribed targets get nothing', async () => {
    const any = await subscribe('run.finished');
    const mine = await subscribe('run.succeeded', { recipeId: 'rcp_match' });
    const other = await subscribe('run.succeeded', { recipeId: 'rcp_other' });
    const gone = await subscribe('run.finished');
    await database.write((trx) => hookSubscriptionRepo.unsubscribe(trx, gone.id, 1_500));
    const matched = await queue('rcp_match', 'run:1', { events: ['run.succeeded', 'run.finished'] });
    expect(matched).toContain(any.id);
    expect(matched).toContain(mine.id);
    expect(matched).not.toContain(other.id);
    expect(matched).not.toContain(gone.id);
    expect(await hookOutboxRepo.recent(database.db, mine.id, 10)).toMatchObject([{ event: 'run.succeeded' }]);
    expect(await hookOutboxRepo.recent(database.db, any.id, 10)).toMatchObject([{ event: 'run.finished' }]);
  });

  it('leases a due delivery to one claimer at a time, and hands it on when the lease runs out', async () => {
    const sub = await subscribe('run.failed', { recipeId: 'rcp_lease' });
    await queue('rcp_lease', 'run:lease', { events: ['run.failed'] });
    const other = openAnother();
    const [first, second] = await Promise.all([hookOutboxRepo.claim(database, 100, 30_000, 5_000), hookOutboxRepo.claim(other, 100, 30_000, 5_000)]);
    const claimedHere = [...first, ...second].filter((row) => row.subscription_id === sub.id);
    expect(claimedHere).toMatchObject([{ target_url: 'https://example.com/hook', secret: `sealed:${sub.id}` }]);
    expect((await hookOutboxRepo.claim(database, 100, 30_000, 34_999)).filter((row) => row.subscription_id === sub.id)).toEqual([]);
    expect((await hookOutboxRepo.claim(database, 100, 30_000, 35_001)).filter((row) => row.subscription_id === sub.id)).toHaveLength(1);
  });

  it('records attempts, and an attempt finishing after the delivery was cancelled leaves it cancelled', async () => {
    const sub = await subscribe('run.failed', { recipeId: 'rcp_cancel' });
    await queue('rcp_cancel', 'run:a', { events: ['run.failed'] });
    const [delivery] = await pendingOf(sub.id);
    const failedOnce = { attemptedAt: 3_000, durationMs: 12, httpStatus: 503, error: 'the target answered 503', status: 'pending' as const, nextAttemptAt: 8_000 };
    await database.write((trx) => hookOutboxRepo.recordAttempt(trx, delivery!.id, failedOnce));
    await database.write((trx) => hookSubscriptionRepo.unsubscribe(trx, sub.id, 4_000));
    await database.write((trx) => hookOutboxRepo.recordAttempt(trx, delivery!.id, { ...failedOnce, attemptedAt: 8_000, status: 'succeeded', httpStatus: 200, error: null, nextAttemptAt: null }));
    const [row] = await hookOutboxRepo.recent(database.db, sub.id, 10);
    expect(row).toMatchObject({ status: 'cancelled', attempts: 1, next_attempt_at: null, finished_at: 4_000 });
    expect(row!.attemptRows.map((attempt) => [attempt.attempted_at, attempt.http_status, attempt.duration_ms])).toEqual([[3_000, 503, 12]]);
  });

  it('retention deletes finished deliveries before the cutoff and keeps pending ones', async () => {
    const sub = await subscribe('run.failed', { recipeId: 'rcp_retention' });
    await queue('rcp_retention', 'run:done', { events: ['run.failed'] });
    await queue('rcp_retention', 'run:waiting', { events: ['run.failed'] });
    const done = (await pendingOf(sub.id)).find((row) => row.event_key === 'run:done')!;
    const result = { attemptedAt: 2_500, durationMs: 3, httpStatus: 200, error: null, status: 'succeeded' as const, nextAttemptAt: null };
    await database.write((trx) => hookOutboxRepo.recordAttempt(trx, done.id, result));
    expect(await database.write((trx) => hookOutboxRepo.deleteFinished(trx, 2_000, 100))).toBe(0);
    expect(await database.write((trx) => hookOutboxRepo.deleteFinished(trx, 2_001, 100))).toBeGreaterThanOrEqual(1);
    expect((await hookOutboxRepo.recent(database.db, sub.id, 10)).map((row) => row.event_key)).toEqual(['run:waiting']);
    expect(await database.db.selectFrom('hook_attempts').select('id').where('delivery_id', '=', done.id).execute()).toEqual([]);
  });

  it('deleting a subscription deletes its deliveries and attempts', async () => {
    const sub = await subscribe('run.failed', { recipeId: 'rcp_delete' });
    await queue('rcp_delete', 'run:d', { events: ['run.failed'] });
    expect(await database.write((trx) => hookSubscriptionRepo.remove(trx, sub.id))).toBe(true);
    expect(await database.db.selectFrom('hook_deliveries').select('id').where('subscription_id', '=', sub.id).execute()).toEqual([]);
  });
});
