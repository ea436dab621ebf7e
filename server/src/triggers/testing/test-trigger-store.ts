import { randomBytes } from 'node:crypto';
import type { Database, Db } from '../../storage/database.js';
import { fromJson } from '../../storage/json-column.js';
import { kvRepo } from '../../storage/kv-repo.js';

/** How long a test URL takes deliveries, and how long what it caught stays readable. */
export const testUrlLifetimeMs = 10 * 60_000;
/** The builder shows a handful; older captures are dropped as new ones arrive. */
export const maxTestEvents = 10;

export interface TestListener {
  token: string;
  recipeId: string;
  expiresAt: number;
}

export interface CapturedEvent {
  id: string;
  capturedAt: number;
  /** null for a delivery that gave no event (`refused` says why). */
  event: unknown;
  /** A delivery refused (a bad signature, an unreadable body) or filtered out: shown to the builder, never a sample. */
  refused?: { code: string; message: string };
}

// Kept in `kv` (every process reads it) under scopes no recipe's `core/storage` can name (those are `recipe:<id>`/`global`).
const listenerScope = 'test-trigger:listeners';
const recipeScope = (recipeId: string) => `test-trigger:recipe:${recipeId}`;
const eventsScope = (recipeId: string) => `test-trigger:events:${recipeId}`;

async function dropCaptures(trx: Db, recipeId: string): Promise<void> {
  for (const row of await kvRepo.list(trx, eventsScope(recipeId))) await kvRepo.delete(trx, eventsScope(recipeId), row.key);
}

/**
 * Test captures of a recipe's webhook trigger: a short-lived URL whose deliveries are kept for the
 * builder instead of starting runs.
 */
export const testTriggerStore = {
  /** A new test URL for the recipe; its earlier URL and captures are dropped, as are other recipes' expired URLs. */
  async listen(database: Database, recipeId: string, now: number): Promise<TestListener> {
    const listener = { token: randomBytes(24).toString('base64url'), recipeId, expiresAt: now + testUrlLifetimeMs };
    await database.write(async (trx) => {
      const previous = (await kvRepo.get(trx, recipeScope(recipeId), 'listener')) as TestListener | undefined;
      if (previous) await kvRepo.delete(trx, listenerScope, previous.token);
      // Expired tests of every recipe go now, captures included, so nothing is kept long after its test.
      for (const row of await kvRepo.list(trx, listenerScope)) {
        const stale = fromJson<TestListener>(row.value);
        if (stale && stale.expiresAt > now) continue;
        await kvRepo.delete(trx, listenerScope, row.key);
        if (stale) await dropCaptures(trx, stale.recipeId);
      }
      await dropCaptures(trx, recipeId);
      await kvRepo.set(trx, listenerScope, listener.token, listener, now);
      await kvRepo.set(trx, recipeScope(recipeId), 'listener', listener, now);
    });
    return listener;
  },

  /** The recipe's current test URL, if it has one that has not expired. */
  async current(database: Database, recipeId: string, now: number): Promise<TestListener | null> {
    const listener = (await kvRepo.get(database.db, recipeScope(recipeId), 'listener')) as TestListener | undefined;
    return listener && listener.expiresAt > now ? listener : null;
  },

  async lookup(database: Database, token: string, now: number): Promise<TestListener | null> {
    const listener = (await kvRepo.get(database.db, listenerScope, token)) as TestListener | undefined;
    return listener && listener.expiresAt > now ? listener : null;
  },

  /** Keeps one captured delivery (or why one was refused), dropping the oldest beyond `maxTestEvents`. */
  async record(database: Database, recipeId: string, event: unknown, now: number, refused?: CapturedEvent['refused']): Promise<CapturedEvent> {
    // Zero-padded time first so keys sort by arrival; the random part keeps two in one millisecond apart.
    const captured: CapturedEvent = { id: `${String(now).padStart(15, '0')}-${randomBytes(4).toString('hex')}`, capturedAt: now, event, ...(refused && { refused }) };
    await database.write(async (trx) => {
      await kvRepo.set(trx, eventsScope(recipeId), captured.id, captured, now);
      const rows = await kvRepo.list(trx, eventsScope(recipeId));
      for (const row of rows.slice(0, Math.max(0, rows.length - maxTestEvents))) await kvRepo.delete(trx, eventsScope(recipeId), row.key);
    });
    return captured;
  },

  /** What the recipe's test URLs caught, newest first; nothing older than a test URL's lifetime. */
  async events(database: Database, recipeId: string, now: number): Promise<CapturedEvent[]> {
    const rows = await kvRepo.list(database.db, eventsScope(recipeId));
    return rows
      .map((row) => fromJson<CapturedEvent>(row.value)!)
      .filter((captured) => captured.capturedAt > now - testUrlLifetimeMs)
      .reverse()
      .slice(0, maxTestEvents);
  },
};
