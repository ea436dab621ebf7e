import { describe, expect, it } from 'vitest';
import { kvRepo } from '../../storage/kv-repo.js';
import { dialects, useMigratedDatabase } from '../../storage/test-databases.js';
import { testTriggerStore, testUrlLifetimeMs } from './test-trigger-store.js';

describe.each(dialects)('testTriggerStore on %s', (dialect) => {
  const { database, openAnother } = useMigratedDatabase(dialect);

  it('finds a listener from another process until it expires, and drops the previous one of the recipe', async () => {
    const first = await testTriggerStore.listen(database, 'rcp_a', 1_000);
    const other = openAnother();
    expect(await testTriggerStore.lookup(other, first.token, 2_000)).toEqual(first);
    expect(await testTriggerStore.lookup(other, first.token, 1_000 + testUrlLifetimeMs)).toBeNull();
    expect(await testTriggerStore.current(other, 'rcp_a', 2_000)).toEqual(first);

    const second = await testTriggerStore.listen(database, 'rcp_a', 3_000);
    expect(await testTriggerStore.lookup(database, first.token, 3_000)).toBeNull();
    expect(await testTriggerStore.lookup(database, second.token, 3_000)).toEqual(second);
  });

  it('keeps captures per recipe, newest first, and hides those older than a test URL lives', async () => {
    await testTriggerStore.listen(database, 'rcp_b', 1_000);
    await testTriggerStore.record(database, 'rcp_b', { n: 1 }, 1_000);
    await testTriggerStore.record(database, 'rcp_b', { n: 2 }, 1_000);
    await testTriggerStore.record(database, 'rcp_c', { n: 3 }, 2_000);
    expect((await testTriggerStore.events(database, 'rcp_b', 2_000)).map((captured) => captured.event)).toHaveLength(2);
    expect((await testTriggerStore.events(database, 'rcp_c', 2_000)).map((captured) => captured.event)).toEqual([{ n: 3 }]);
    expect(await testTriggerStore.events(database, 'rcp_c', 2_000 + testUrlLifetimeMs)).toEqual([]);
  });

  it("drops an expired test's URL and captures when any recipe starts a new test", async () => {
    const old = await testTriggerStore.listen(database, 'rcp_d', 1_000);
    await testTriggerStore.record(database, 'rcp_d', { n: 1 }, 1_000);
    await testTriggerStore.listen(database, 'rcp_e', 1_000 + testUrlLifetimeMs);
    expect(await kvRepo.get(database.db, 'test-trigger:listeners', old.token)).toBeUndefined();
    expect(await kvRepo.list(database.db, 'test-trigger:events:rcp_d')).toEqual([]);
  });
});
