import { describe, expect, it } from 'vitest';
import { inboxRepo, type Delivery } from './inbox-repo.js';
import { dialects, useMigratedDatabase, seedRecipe } from './test-databases.js';

describe.each(dialects)('inboxRepo.ingest on %s', (dialect) => {
  const { database, openAnother } = useMigratedDatabase(dialect);

  // Each test ingests for its own recipe and source, so counts never see another test's rows.
  async function scenario(source: string) {
    const { recipe, version } = await seedRecipe(database);
    const delivery = (dedupeKey: string, event: unknown = { key: dedupeKey }): Delivery => ({
      source,
      dedupeKey,
      run: { recipeId: recipe.id, versionId: version.id, triggerKind: 'core/webhook', event, deadlineAt: null },
    });
    const counts = async () => {
      const inbox = await database.db.selectFrom('inbox').selectAll().where('source', '=', source).execute();
      const runs = await database.db.selectFrom('runs').selectAll().where('recipe_id', '=', recipe.id).execute();
      const jobs = await database.db.selectFrom('jobs').selectAll().where('recipe_id', '=', recipe.id).execute();
      return { inbox: inbox.length, runs: runs.length, jobs: jobs.length };
    };
    return { recipe, version, delivery, counts };
  }

  it('stores keys PostgreSQL could not index (long, or with NUL) as hashes, still deduplicating', async () => {
    const { delivery, counts } = await scenario('odd-keys');
    const long = 'k'.repeat(5000);
    const withNul = 'a\u0000b';
    const first = await database.write((trx) => inboxRepo.ingest(trx, [delivery(long), delivery(withNul)], 2_000));
    const again = await database.write((trx) => inboxRepo.ingest(trx, [delivery(long), delivery(withNul)], 3_000));
    expect(first.map((r) => r.duplicate)).toEqual([false, false]);
    expect(again.map((r) => r.duplicate)).toEqual([true, true]);
    expect(again.map((r) => r.runId)).toEqual(first.map((r) => r.runId));
    expect(await counts()).toEqual({ inbox: 2, runs: 2, jobs: 2 });
  });

  it('creates the inbox row, a queued run and its job for each new delivery', async () => {
    const { recipe, version, delivery, counts } = await scenario('new');
    const results = await database.write((trx) => inboxRepo.ingest(trx, [delivery('a', { amount: 5 }), delivery('b')], 2_000));
    expect(results.map((r) => r.duplicate)).toEqual([false, false]);
    expect(await counts()).toEqual({ inbox: 2, runs: 2, jobs: 2 });

    const runId = results[0]!.runId!;
    const run = await database.db.selectFrom('runs').selectAll().where('id', '=', runId).executeTakeFirstOrThrow();
    expect(run).toMatchObject({ recipe_id: recipe.id, version_id: version.id, status: 'queued', created_at: 2_000 });
    expect(JSON.parse(run.trigger_event)).toEqual({ amount: 5 });
    const inbox = await database.db.selectFrom('inbox').selectAll().where('dedupe_key', '=', 'a').where('source', '=', 'new').executeTakeFirstOrThrow();
    expect(inbox).toMatchObject({ run_id: runId, received_at: 2_000 });
    const job = await database.db.selectFrom('jobs').selectAll().where('run_id', '=', runId).executeTakeFirstOrThrow();
    expect(job).toMatchObject({ kind: 'run', recipe_id: recipe.id, run_at: 2_000, attempts: 0, lease_owner: null, lease_until: 0 });
  });

  it('keeps a run id chosen by the caller', async () => {
    const { delivery } = await scenario('chosen');
    const chosen = { ...delivery('x'), run: { ...delivery('x').run, id: 'run_chosen' } };
    const [result] = await database.write((trx) => inboxRepo.ingest(trx, [chosen], 2_000));
    expect(result).toEqual({ runId: 'run_chosen', duplicate: false });
  });

  it('returns nothing for no deliveries', async () => {
    expect(await database.write((trx) => inboxRepo.ingest(trx, [], 2_000))).toEqual([]);
  });

  it('writes nothing when the transaction fails after ingest', async () => {
    const { delivery, counts } = await scenario('atomic');
    const failing = database.write(async (trx) => {
      await inboxRepo.ingest(trx, [delivery('a')], 2_000);
      throw new Error('handler failed after ingest');
    });
    await expect(failing).rejects.toThrow('handler failed after ingest');
    expect(await counts()).toEqual({ inbox: 0, runs: 0, jobs: 0 });
  });

  it('leaves no inbox row behind when its run cannot be created', async () => {
    const { delivery, counts } = await scenario('orphan');
    const bad = { ...delivery('a'), run: { ...delivery('a').run, recipeId: 'rcp_missing' } };
    await expect(database.write((trx) => inboxRepo.ingest(trx, [bad], 2_000))).rejects.toThrow(/foreign key/i);
    expect(await counts()).toEqual({ inbox: 0, runs: 0, jobs: 0 });
  });

  it('dedupes within one batch and answers duplicates with the first run id', async () => {
    const { delivery, counts } = await scenario('same-batch');
    const results = await database.write((trx) => inboxRepo.ingest(trx, [delivery('a'), delivery('a'), delivery('b')], 2_000));
    expect(results[1]).toEqual({ runId: results[0]!.runId, duplicate: true });
    expect(results.map((r) => r.duplicate)).toEqual([false, true, false]);
    expect(results[2]!.runId).not.toBe(results[0]!.runId);
    expect(await counts()).toEqual({ inbox: 2, runs: 2, jobs: 2 });
  });

  it('dedupes across batches', async () => {
    const { delivery, counts } = await scenario('across');
    const [first] = await database.write((trx) => inboxRepo.ingest(trx, [delivery('a')], 2_000));
    const [again] = await database.write((trx) => inboxRepo.ingest(trx, [delivery('a')], 3_000));
    expect(again).toEqual({ runId: first!.runId, duplicate: true });
    expect(await counts()).toEqual({ inbox: 1, runs: 1, jobs: 1 });
  });

  it('treats the same dedupe key from another source as new', async () => {
    const { delivery } = await scenario('source-one');
    const other = { ...delivery('a'), source: 'source-two' };
    const results = await database.write((trx) => inboxRepo.ingest(trx, [delivery('a'), other], 2_000));
    expect(results.map((r) => r.duplicate)).toEqual([false, false]);
  });

  it('records 50 concurrent duplicate deliveries once', async () => {
    const { delivery, counts } = await scenario('concurrent');
    const results = await Promise.all(
      Array.from({ length: 50 }, () => database.write((trx) => inboxRepo.ingest(trx, [delivery('a')], 2_000))),
    );
    const flat = results.flat();
    expect(flat.filter((r) => !r.duplicate)).toHaveLength(1);
    expect(new Set(flat.map((r) => r.runId)).size).toBe(1);
    expect(await counts()).toEqual({ inbox: 1, runs: 1, jobs: 1 });
  });

  it('records duplicates racing from two processes once', async () => {
    const { delivery, counts } = await scenario('two-processes');
    const handles = [database, openAnother()];
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, i) => handles[i % 2]!.write((trx) => inboxRepo.ingest(trx, [delivery('a')], 2_000))),
    );
    const flat = results.flat();
    expect(flat.filter((r) => !r.duplicate)).toHaveLength(1);
    expect(new Set(flat.map((r) => r.runId)).size).toBe(1);
    expect(await counts()).toEqual({ inbox: 1, runs: 1, jobs: 1 });
  });

  it('counts inbox rows', async () => {
    const before = await inboxRepo.count(database.db);
    const { delivery } = await scenario('count');
    await database.write((trx) => inboxRepo.ingest(trx, [delivery('a'), delivery('b')], 2_000));
    expect(await inboxRepo.count(database.db)).toBe(before + 2);
  });
});
