import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countRows, queryDb, triggerIdOf } from '../support/inspect-db.js';
import { publishRecipe, waitForRuns, type PublishedRecipe } from '../support/recipes.js';
import { SwitchyardProcess } from '../support/switchyard-process.js';

/** The server's connection may not grow the file past this many pages (80 MiB at 4 KiB): our "disk". */
const maxPages = 20_000;
/** Each event carries this much, so storing it needs fresh pages rather than room left in existing ones. */
const padding = 'x'.repeat(96 * 1024);

/**
 * Test battery 11: the disk is full (the server runs with SWITCHYARD_SQLITE_MAX_PAGE_COUNT, and another
 * connection fills the file up to that cap). Webhooks get 503 with Retry-After — never a 2xx for an event
 * that was not committed — the server keeps answering, and once space is freed (the filler deleted, no
 * restart) the same deliveries sent again are stored once each and run; the database stays intact.
 */
describe('disk full', () => {
  let server: SwitchyardProcess;
  let recipe: PublishedRecipe;
  let filler: Database.Database;

  beforeAll(async () => {
    server = await SwitchyardProcess.launch({ env: { SWITCHYARD_SQLITE_MAX_PAGE_COUNT: String(maxPages) } });
    recipe = await publishRecipe(server, {
      name: 'disk full',
      trigger: { use: 'core/webhook', input: { dedupe: '{{body.id}}' } },
      steps: [{ id: 'up', use: 'core/formatter', input: { operation: 'text.upper', value: '{{trigger.body.id}}' } }],
    });
    filler = new Database(join(server.dataDir, 'switchyard.db'));
    filler.pragma('busy_timeout = 10000');
  });
  afterAll(async () => {
    filler?.close();
    await server?.dispose();
  });

  const deliver = (id: string) =>
    fetch(`${server.baseUrl}${recipe.hookPath}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ id, padding }),
    });
  const stored = (id: string) =>
    countRows(server.dataDir, `select count(*) as n from inbox where source = ? and dedupe_key = ?`, triggerIdOf(server.dataDir, recipe.id), id);

  it('answers 503 + Retry-After while the disk is full, then stores each resent delivery once', async () => {
    // Before the fault: a delivery goes through.
    expect((await deliver('before')).status).toBe(202);
    await waitForRuns(server, recipe.id, 1);

    // Fill the file up to the server's cap from a connection without one (in 1 MiB rows).
    filler.exec('create table fault_filler (b blob not null)');
    const insert = filler.prepare('insert into fault_filler (b) values (zeroblob(1048576))');
    const pages = () => Number(filler.pragma('page_count', { simple: true }));
    for (let i = 0; i < 200 && pages() < maxPages; i++) insert.run();
    expect(pages()).toBeGreaterThanOrEqual(maxPages);
    console.log(`[e2e] disk full: file grown to ${pages()} pages (cap ${maxPages}), ${Number(filler.pragma('freelist_count', { simple: true }))} free`);

    const ids = Array.from({ length: 8 }, (_, n) => `full-${n}`);
    const refused = await Promise.all(ids.map(deliver));
    const statuses = refused.map((answer) => answer.status);
    console.log(`[e2e] disk full: answers ${statuses.join(',')}`);
    for (const [index, answer] of refused.entries()) {
      const id = ids[index]!;
      // The promise under test: a 2xx only for an event that is stored; anything else is a 503 to retry.
      if (answer.status >= 200 && answer.status < 300) {
        expect(stored(id), `${id} was acknowledged`).toBe(1);
        continue;
      }
      expect(answer.status).toBe(503);
      expect(Number(answer.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(await answer.json()).toMatchObject({ error: { code: 'STORAGE_UNAVAILABLE' } });
      expect(stored(id), `${id} was refused`).toBe(0);
    }
    // Each event needs ~24 new pages and the file has none left: most of them cannot have fit.
    expect(statuses.filter((status) => status === 503).length).toBeGreaterThanOrEqual(ids.length - 1);
    expect((await server.get('/healthz')).status).toBe(200);
    expect((await server.api('GET', '/recipes')).status).toBe(200);

    // Space comes back (the filler goes; its pages are free for the server to reuse, no restart).
    filler.exec('drop table fault_filler');
    for (const answer of await Promise.all(ids.map(deliver))) expect([202, 200]).toContain(answer.status);
    for (const answer of await Promise.all(ids.map(deliver))) expect(await answer.json()).toMatchObject({ duplicate: true });
    await waitForRuns(server, recipe.id, ids.length + 1);
    for (const id of ids) expect(stored(id)).toBe(1);

    filler.pragma('wal_checkpoint(TRUNCATE)');
    expect(queryDb<{ integrity_check: string }>(server.dataDir, 'pragma integrity_check')).toEqual([{ integrity_check: 'ok' }]);
    expect((await server.get('/healthz')).status).toBe(200);
  });
});
