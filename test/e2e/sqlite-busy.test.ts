import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countRows, queryDb, triggerIdOf } from '../support/inspect-db.js';
import { publishRecipe, waitForRuns, type PublishedRecipe } from '../support/recipes.js';
import { SwitchyardProcess } from '../support/switchyard-process.js';

/**
 * Test battery 10: another process holds SQLite's write lock. Webhooks wait out the busy timeout, then get
 * 503 with Retry-After — never a 2xx for an event that was not committed — and the same deliveries sent
 * again after the lock is gone are stored once each; the database stays intact.
 */
describe('SQLite busy', () => {
  let server: SwitchyardProcess;
  let recipe: PublishedRecipe;

  beforeAll(async () => {
    server = await SwitchyardProcess.launch();
    recipe = await publishRecipe(server, {
      name: 'busy',
      trigger: { use: 'core/webhook', input: { dedupe: '{{body.id}}' } },
      steps: [{ id: 'up', use: 'core/formatter', input: { operation: 'text.upper', value: '{{trigger.body.id}}' } }],
    });
  });
  afterAll(() => server?.dispose());

  const deliver = (id: string) =>
    fetch(`${server.baseUrl}${recipe.hookPath}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ id }) });

  it('answers 503 + Retry-After while the database is locked, then stores each resent delivery once', async () => {
    const ids = ['busy-1', 'busy-2', 'busy-3'];
    const blocker = new Database(join(server.dataDir, 'switchyard.db'));
    blocker.pragma('busy_timeout = 10000');
    blocker.exec('BEGIN EXCLUSIVE');
    let refused: Response[];
    try {
      refused = await Promise.all(ids.map(deliver));
    } finally {
      blocker.exec('ROLLBACK');
      blocker.close();
    }
    for (const answer of refused) {
      expect(answer.status).toBe(503);
      expect(Number(answer.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(await answer.json()).toMatchObject({ error: { code: 'STORAGE_UNAVAILABLE' } });
    }
    const triggerId = triggerIdOf(server.dataDir, recipe.id);
    expect(countRows(server.dataDir, 'select count(*) as n from inbox where source = ?', triggerId)).toBe(0);

    // The senders retry: now every delivery is stored, once, and its run completes.
    for (const answer of await Promise.all(ids.map(deliver))) expect(answer.status).toBe(202);
    for (const answer of await Promise.all(ids.map(deliver))) expect(await answer.json()).toMatchObject({ duplicate: true });
    await waitForRuns(server, recipe.id, ids.length);
    expect(countRows(server.dataDir, 'select count(*) as n from inbox where source = ?', triggerId)).toBe(ids.length);
    expect(queryDb<{ integrity_check: string }>(server.dataDir, 'pragma integrity_check')).toEqual([{ integrity_check: 'ok' }]);
    expect((await server.get('/healthz')).status).toBe(200);
  });
});
