import { describe, expect, it } from 'vitest';
import { fromJson } from '../../storage/json-column.js';
import { seedRecipe, useMigratedDatabase } from '../../storage/test-databases.js';
import { triggerItemRepo } from '../../storage/trigger-item-repo.js';
import { triggerRepo } from '../../storage/trigger-repo.js';
import { packTriggerFakes } from '../pack-trigger-fakes.js';
import { readPackTriggerState } from '../pack-trigger-state.js';
import { PackTriggerLoop } from './pack-trigger-loop.js';

const newItem = {
  kind: 'poll' as const,
  key: 'new-item',
  name: 'New item',
  input: [{ key: 'project', label: 'Project' }],
  request: { path: '/items', query: { project: '{{input.project}}' } },
  items: 'data',
  intervalSeconds: 60,
  cursor: { field: 'updated', param: 'since' },
};

describe('poll triggers', () => {
  const { database } = useMigratedDatabase('sqlite');

  async function setup(trigger: object = newItem) {
    // The file shares one database: earlier tests' triggers stop, so each test's ticks poll its own only.
    await database.write((trx) => trx.updateTable('triggers').set({ active: 0 }).execute());
    let now = 1_000_000;
    const fakes = packTriggerFakes(database, { triggers: [trigger] as never }, { now: () => now });
    const { recipe, version } = await seedRecipe(database);
    const config = { use: 'acme/new-item@1', connection: 'con_1', input: { project: 'p1' }, packKind: 'poll' };
    const row = await database.write((trx) =>
      triggerRepo.activate(trx, { recipeId: recipe.id, versionId: version.id, kind: config.use, config, nextFireAt: now, now }),
    );
    let loop = new PackTriggerLoop(fakes.deps, fakes.packs);
    /** A new process: a fresh loop over the same database. */
    const restart = () => {
      loop = new PackTriggerLoop(fakes.deps, fakes.packs);
    };
    let items: unknown[] = [];
    fakes.answerWith(() => ({ status: 200, headers: {}, body: { data: items } }));
    const runs = async () => {
      const rows = await database.db.selectFrom('runs').select(['trigger_event', 'trigger_kind']).where('recipe_id', '=', recipe.id).orderBy('id').execute();
      return rows.map((r) => fromJson<{ id: string }>(r.trigger_event)!.id);
    };
    /** The vendor now lists `next`; the clock moves past the next poll time and the loop ticks. */
    const poll = async (next: unknown[]) => {
      items = next;
      now += 70_000;
      await loop.tick();
    };
    const state = async () => readPackTriggerState(fromJson((await triggerRepo.byId(database.db, row.id))!.state));
    return { fakes, row, poll, runs, state, restart };
  }

  it('seeds on the first poll, then fires each new id once, oldest first', async () => {
    const { fakes, row, poll, runs, state } = await setup();
    await poll([{ id: 'a', updated: 1 }, { id: 'b', updated: 2 }]);
    expect(await runs()).toEqual([]);
    expect(await state()).toMatchObject({ seeded: true, cursor: { value: 2, ids: ['b'] } });
    expect(fakes.calls[0]).toMatchObject({ path: '/items', query: { project: 'p1' } });

    await poll([{ id: 'd', updated: 4 }, { id: 'c', updated: 3 }, { id: 'b', updated: 2 }]);
    expect(fakes.calls[1]?.query).toEqual({ project: 'p1', since: 2 });
    const fired = await runs();
    expect(fired.sort()).toEqual(['c', 'd']);
    const inbox = await database.db.selectFrom('inbox').select('dedupe_key').where('source', '=', row.id).execute();
    expect(inbox.map((r) => r.dedupe_key).sort()).toEqual(['item:c', 'item:d']);

    await poll([{ id: 'd', updated: 4 }, { id: 'c', updated: 3 }]);
    expect(await runs()).toHaveLength(2);
    expect(await triggerItemRepo.count(database.db, row.id)).toBe(4);
  });

  it('breaks timestamp ties by id: a new id at the newest time fires, the seen one does not', async () => {
    const { poll, runs, state } = await setup();
    await poll([{ id: 'a', updated: 10 }]);
    await poll([{ id: 'a', updated: 10 }, { id: 'b', updated: 10 }]);
    expect(await runs()).toEqual(['b']);
    expect((await state()).cursor).toEqual({ value: 10, ids: ['a', 'b'] });
  });

  it('a crash between fetch and commit neither loses nor doubles items', async () => {
    const { fakes, poll, runs, state } = await setup();
    await poll([{ id: 'a', updated: 1 }]);
    const real = fakes.deps.deliveries.enqueueAll;
    let failures = 1;
    fakes.deps.deliveries.enqueueAll = (deliveries, alsoWrite) =>
      real(deliveries, async (trx) => {
        await alsoWrite?.(trx);
        if (failures-- > 0) throw new Error('the process died before commit');
      });
    await poll([{ id: 'b', updated: 2 }, { id: 'a', updated: 1 }]);
    expect(await runs()).toEqual([]);
    expect((await state()).lastError?.message).toBe('the process died before commit');
    await poll([{ id: 'c', updated: 3 }, { id: 'b', updated: 2 }, { id: 'a', updated: 1 }]);
    expect((await runs()).sort()).toEqual(['b', 'c']);
    expect((await state()).lastError).toBeNull();
  });

  it('records vendor failures in the state and polls again at the next interval', async () => {
    const { fakes, row, poll, runs, state } = await setup();
    await poll([{ id: 'a', updated: 1 }]);
    fakes.answerWith(() => {
      throw new Error('Acme answered 503: try later');
    });
    await poll([]);
    const failed = await state();
    expect(failed.lastError?.message).toBe('Acme answered 503: try later');
    expect((await triggerRepo.byId(database.db, row.id))!.next_fire_at).toBeGreaterThan(fakes.deps.now());
    fakes.answerWith(() => ({ status: 200, headers: {}, body: { data: [{ id: 'b', updated: 2 }] } }));
    await poll([]);
    expect(await runs()).toEqual(['b']);
  });

  it('reads a missing list as no items only when the trigger says the vendor leaves empty lists out', async () => {
    const strict = await setup();
    strict.fakes.answerWith(() => ({ status: 200, headers: {}, body: { QueryResponse: {} } }));
    await strict.poll([]);
    expect((await strict.state()).lastError?.message).toBe('the vendor\'s answer has no list at "data"');

    const lenient = await setup({ ...newItem, items: 'QueryResponse.Item', omitsEmptyItems: true });
    lenient.fakes.answerWith(() => ({ status: 200, headers: {}, body: { QueryResponse: {} } }));
    await lenient.poll([]);
    expect(await lenient.state()).toMatchObject({ seeded: true, lastError: null });
    lenient.fakes.answerWith(() => ({ status: 200, headers: {}, body: { QueryResponse: { Item: [{ id: 'a', updated: 1 }] } } }));
    await lenient.poll([]);
    expect(await lenient.runs()).toEqual(['a']);
  });

  it('follows pagination and reads every page', async () => {
    const paged = { ...newItem, cursor: undefined, pagination: { type: 'cursor', items: 'data', cursor: 'next', param: 'page' } };
    const { fakes, poll, runs } = await setup(paged);
    const pages: Record<string, unknown> = {
      '': { data: [{ id: 3 }, { id: 2 }], next: 'p2' },
      p2: { data: [{ id: 1 }], next: null },
    };
    fakes.answerWith((call) => ({ status: 200, headers: {}, body: pages[String(call.query['page'] ?? '')] }));
    await poll([]);
    pages[''] = { data: [{ id: 5 }, { id: 4 }], next: 'p2' };
    await poll([]);
    expect(await runs()).toHaveLength(2);
    expect(fakes.calls.filter((call) => call.query['page'] === 'p2')).toHaveLength(2);
  });

  it('fetches each firing item with fetchEach (never while seeding) and fires the full item', async () => {
    const listed = { ...newItem, cursor: undefined, fetchEach: { request: { path: '/items/{{item.id}}', query: { view: 'full' } }, output: 'item' } };
    const { fakes, poll, runs } = await setup(listed);
    fakes.answerWith((call) =>
      call.path === '/items' ? { status: 200, headers: {}, body: { data: [{ id: 'b' }, { id: 'a' }] } } : { status: 200, headers: {}, body: { item: { id: `${call.path.slice(7)}`, full: true } } },
    );
    await poll([]);
    expect(fakes.calls.map((call) => call.path)).toEqual(['/items']);
    fakes.answerWith((call) =>
      call.path === '/items'
        ? { status: 200, headers: {}, body: { data: [{ id: 'd' }, { id: 'c' }, { id: 'b' }] } }
        : { status: 200, headers: {}, body: { item: { id: call.path.slice(7), full: true } } },
    );
    await poll([]);
    expect(fakes.calls.slice(1).map((call) => [call.path, call.query])).toEqual([['/items', { project: 'p1' }], ['/items/c', { view: 'full' }], ['/items/d', { view: 'full' }]]);
    expect((await runs()).sort()).toEqual(['c', 'd']);
  });

  it('a failing fetchEach leaves the items new for the next poll', async () => {
    const listed = { ...newItem, cursor: undefined, fetchEach: { request: { path: '/items/{{item.id}}' } } };
    const { fakes, poll, runs, state } = await setup(listed);
    await poll([{ id: 'a' }]);
    let down = true;
    fakes.answerWith((call) => {
      if (call.path === '/items') return { status: 200, headers: {}, body: { data: [{ id: 'b' }, { id: 'a' }] } };
      if (down) throw new Error('Acme answered 503');
      return { status: 200, headers: {}, body: { id: call.path.slice(7) } };
    });
    await poll([]);
    expect(await runs()).toEqual([]);
    expect((await state()).lastError?.message).toBe('Acme answered 503');
    down = false;
    await poll([]);
    expect(await runs()).toEqual(['b']);
  });

  describe('a cursor placed by the request, starting now', () => {
    // A search that lists oldest first from its filter (HubSpot's CRM search): the cursor goes in the body.
    const search = {
      ...newItem,
      request: { method: 'POST' as const, path: '/search', json: { after: '{{poll.cursor}}', project: '{{input.project}}' } },
      cursor: { field: 'updated', initial: 'now' as const },
    };
    const iso = (ms: number) => new Date(ms).toISOString();

    it('sends the seeding time and keeps it when the seeding poll sees nothing, so items made before the 2nd poll fire', async () => {
      const { fakes, poll, runs, state } = await setup(search);
      await poll([]);
      const seededAt = fakes.deps.now();
      expect(fakes.calls[0]).toMatchObject({ method: 'POST', path: '/search', json: { after: iso(seededAt), project: 'p1' } });
      expect(fakes.calls[0]?.query).toEqual({});
      expect(await state()).toMatchObject({ seeded: true, cursor: { value: iso(seededAt), ids: [] } });

      await poll([{ id: 'a', updated: iso(seededAt + 5_000) }]);
      expect(fakes.calls[1]?.json).toMatchObject({ after: iso(seededAt) });
      expect(await runs()).toEqual(['a']);
      expect((await state()).cursor).toEqual({ value: iso(seededAt + 5_000), ids: ['a'] });
    });

    it('seeds with the items the first poll sees and moves the cursor to the newest of them', async () => {
      const { fakes, poll, runs, state } = await setup(search);
      const t = fakes.deps.now() + 70_000;
      await poll([{ id: 'a', updated: iso(t + 1) }, { id: 'b', updated: iso(t + 2) }]);
      expect(await runs()).toEqual([]);
      expect((await state()).cursor).toEqual({ value: iso(t + 2), ids: ['b'] });
      await poll([{ id: 'b', updated: iso(t + 2) }, { id: 'c', updated: iso(t + 2) }]);
      expect(fakes.calls[1]?.json).toMatchObject({ after: iso(t + 2) });
      expect(await runs()).toEqual(['c']);
    });

    it('after a restart polls from the stored cursor, not from a new now', async () => {
      const { fakes, row, poll, runs, restart } = await setup(search);
      await poll([]);
      const seededAt = fakes.deps.now();
      await poll([{ id: 'a', updated: iso(seededAt + 1) }]);
      restart();
      await poll([{ id: 'a', updated: iso(seededAt + 1) }]);
      expect(fakes.calls.map((call) => (call.json as { after: unknown }).after)).toEqual([iso(seededAt), iso(seededAt), iso(seededAt + 1)]);
      expect(await runs()).toEqual(['a']);
      expect(await triggerItemRepo.count(database.db, row.id)).toBe(1);
    });

    it('writes a made time as epoch milliseconds when the vendor stamps items so', async () => {
      const { fakes, poll, state } = await setup({ ...search, cursor: { ...search.cursor, format: 'epoch_ms' } });
      await poll([]);
      expect(fakes.calls[0]?.json).toMatchObject({ after: fakes.deps.now() });
      expect((await state()).cursor?.value).toBe(fakes.deps.now());
    });

    it('with lagSeconds asks from before the newest time seen: a late-indexed item fires, a seen one does not', async () => {
      const { fakes, poll, runs, state } = await setup({ ...search, cursor: { ...search.cursor, lagSeconds: 30 } });
      await poll([]);
      const seededAt = fakes.deps.now();
      expect(fakes.calls[0]?.json).toMatchObject({ after: iso(seededAt - 30_000) });
      await poll([{ id: 'b', updated: iso(seededAt + 2_000) }]);
      expect(fakes.calls[1]?.json).toMatchObject({ after: iso(seededAt - 30_000) });
      // 'a' was written before 'b' but the vendor's search shows it only now.
      await poll([{ id: 'a', updated: iso(seededAt + 1_000) }, { id: 'b', updated: iso(seededAt + 2_000) }]);
      expect(fakes.calls[2]?.json).toMatchObject({ after: iso(seededAt + 2_000 - 30_000) });
      expect(await runs()).toEqual(['b', 'a']);
      expect((await state()).cursor).toEqual({ value: iso(seededAt + 2_000), ids: ['b'] });
    });

    it('fires an item again for each new revision when the trigger names one', async () => {
      const { fakes, poll, runs } = await setup({ ...search, revision: 'updated' });
      await poll([]);
      const t = fakes.deps.now();
      await poll([{ id: 'a', updated: iso(t + 1) }]);
      await poll([{ id: 'a', updated: iso(t + 1) }, { id: 'a', updated: iso(t + 2) }]);
      expect(await runs()).toEqual(['a', 'a']);
    });
  });

  it('does not poll a trigger that another scheduler claimed', async () => {
    const { fakes, row } = await setup();
    const claimed = await database.write((trx) => triggerRepo.claim(trx, row.id, row.next_fire_at!, row.next_fire_at! + 300_000));
    expect(claimed).toBe(true);
    await new PackTriggerLoop(fakes.deps, fakes.packs).tick();
    expect(fakes.calls).toHaveLength(0);
  });
});
