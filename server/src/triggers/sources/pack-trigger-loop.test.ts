import { describe, expect, it } from 'vitest';
import { fromJson } from '../../storage/json-column.js';
import { seedRecipe, useMigratedDatabase } from '../../storage/test-databases.js';
import { triggerRepo } from '../../storage/trigger-repo.js';
import { activateTrigger } from '../activate-trigger.js';
import { packTriggerFakes } from '../pack-trigger-fakes.js';
import { packTriggerLifecycle } from '../pack-trigger-lifecycle.js';
import { readPackTriggerState } from '../pack-trigger-state.js';
import { PackTriggerLoop } from './pack-trigger-loop.js';

const expiring = {
  kind: 'subscription',
  key: 'changes',
  name: 'Changes',
  subscribe: { method: 'POST', path: '/subscriptions', json: { notificationUrl: '{{webhook.url}}' } },
  unsubscribe: { method: 'DELETE', path: '/subscriptions/{{subscription.id}}', json: { clientState: '{{subscription.clientState}}' } },
  renew: {
    request: { method: 'PATCH', path: '/subscriptions/{{subscription.id}}', json: { clientState: '{{subscription.clientState}}' } },
    beforeSeconds: 3600,
    expiresAt: 'expirationDateTime',
  },
  capture: { clientState: 'clientState' },
};

describe('subscription renewal and release', () => {
  const { database } = useMigratedDatabase('sqlite');

  async function publish() {
    let now = Date.parse('2030-01-01T00:00:00Z');
    const fakes = packTriggerFakes(database, { triggers: [expiring] as never, auth: { kind: 'none' } }, { now: () => now });
    const { recipe, version } = await seedRecipe(database);
    const config = { use: 'acme/changes@1' };
    const resolved = (await fakes.packs.registry.trigger(config.use))!;
    fakes.answerWith((call) => ({
      status: 200,
      headers: {},
      body: { id: 'sub_1', expirationDateTime: call.method === 'POST' ? '2030-01-03T00:00:00Z' : '2030-01-05T00:00:00Z', ...(call.method === 'POST' && { clientState: 'captured-state' }) },
    }));
    const prepared = await packTriggerLifecycle.prepare(fakes.deps, { config, resolved, existing: undefined });
    const row = await database.write((trx) =>
      activateTrigger(trx, { recipeId: recipe.id, versionId: version.id, definition: { trigger: config, steps: [] }, now, prepared }),
    );
    const load = async () => (await triggerRepo.byId(database.db, row.id))!;
    return { fakes, row, load, advance: (to: string) => (now = Date.parse(to)) };
  }

  it('renews beforeSeconds ahead of the expiry the vendor gave with the sealed captured values, and moves to the new expiry', async () => {
    const { fakes, row, load, advance } = await publish();
    expect(row.next_fire_at).toBe(Date.parse('2030-01-02T23:00:00Z'));
    const loop = new PackTriggerLoop(fakes.deps, fakes.packs);
    advance('2030-01-02T22:00:00Z');
    await loop.tick();
    expect(fakes.calls.filter((call) => call.method === 'PATCH')).toHaveLength(0);
    advance('2030-01-02T23:00:01Z');
    await loop.tick();
    expect(fakes.calls.at(-1)).toMatchObject({ method: 'PATCH', path: '/subscriptions/sub_1', json: { clientState: 'captured-state' } });
    const after = await load();
    expect(readPackTriggerState(fromJson(after.state)).subscription?.expiresAt).toBe(Date.parse('2030-01-05T00:00:00Z'));
    expect(after.next_fire_at).toBe(Date.parse('2030-01-04T23:00:00Z'));
    expect(after.state).not.toContain('captured-state');
    await database.write((trx) => triggerRepo.deactivate(trx, row.recipe_id));
    await packTriggerLifecycle.release(fakes.deps, await load());
    expect(fakes.calls.at(-1)).toMatchObject({ method: 'DELETE', path: '/subscriptions/sub_1', json: { clientState: 'captured-state' } });
  });

  it('records a failed renewal and a failed unsubscribe in the state without throwing', async () => {
    const { fakes, row, load, advance } = await publish();
    fakes.answerWith(() => {
      throw new Error('Acme answered 500: internal error');
    });
    advance('2030-01-02T23:30:00Z');
    await new PackTriggerLoop(fakes.deps, fakes.packs).tick();
    expect(readPackTriggerState(fromJson((await load()).state)).lastError?.message).toBe('Acme answered 500: internal error');
    await database.write((trx) => triggerRepo.deactivate(trx, row.recipe_id));
    await packTriggerLifecycle.release(fakes.deps, await load());
    const state = readPackTriggerState(fromJson((await load()).state));
    expect(state.lastError?.message).toBe('unsubscribing sub_1 failed: Acme answered 500: internal error');
    expect(state.subscription?.id).toBe('sub_1');
  });
});
