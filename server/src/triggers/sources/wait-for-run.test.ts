import { EventEmitter } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';
import { createDb } from '../../storage/create-db.js';
import type { TriggerDeps } from '../trigger-deps.js';
import { waitForRun } from './wait-for-run.js';

describe('waitForRun', () => {
  const unhandled: unknown[] = [];
  const record = (reason: unknown) => unhandled.push(reason);
  afterEach(() => {
    process.off('unhandledRejection', record);
  });

  it('keeps waiting (and crashes nothing) while the database cannot be read', async () => {
    process.on('unhandledRejection', record);
    // A closed handle rejects every query, as a database that went away does.
    const database = createDb({ url: ':memory:' });
    await database.close();
    const deps = { database, events: new EventEmitter() } as unknown as TriggerDeps;
    expect(await waitForRun(deps, 'run_x', 700)).toBeNull();
    await new Promise((resolve) => setImmediate(resolve));
    expect(unhandled).toEqual([]);
  });
});
