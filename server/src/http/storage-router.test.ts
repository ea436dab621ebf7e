import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSystem, type TestSystem } from '../test-system.js';

describe('storage API', () => {
  let system: TestSystem;
  beforeAll(async () => {
    system = await startTestSystem();
  });
  afterAll(() => system?.close());

  it('shows what is stored and lets the owner apply retention now', async () => {
    const recipe = await system.publish({ trigger: { use: 'core/webhook' }, steps: [{ id: 'up', use: 'core/formatter', input: { operation: 'text.upper', value: 'x' } }] }, 'Stored');
    await system.deliver(recipe.hookPath, { n: 1 });
    const usage = await system.api('GET', '/system/storage');
    expect(usage.status).toBe(200);
    expect(usage.body).toMatchObject({ dialect: 'sqlite', runs: 1, runSteps: 1, inbox: 1, retentionDays: 30, maxBytes: 0, lastSweep: null });
    expect(usage.body.bytes).toBeGreaterThan(0);

    const sweep = await system.api('POST', '/system/storage/sweep');
    expect(sweep.status).toBe(200);
    // The run is recent, so retention keeps it.
    expect(sweep.body.sweep).toMatchObject({ runsByAge: 0, runsBySize: 0, inbox: 0, auditEntries: 0, loginAttempts: 0 });
    expect(sweep.body.storage.lastSweep).toEqual(sweep.body.sweep);
  });

  it('lets only owners sweep', async () => {
    const editorToken = await system.addUser('editor');
    expect((await system.api('POST', '/system/storage/sweep', undefined, { token: editorToken })).status).toBe(403);
  });
});
