import { describe, expect, it } from 'vitest';
import type { RecipeDefinition } from '../contracts/recipe-definition.js';
import { dialects, useMigratedDatabase } from '../storage/test-databases.js';
import { createPackRegistry } from './create-pack-registry.js';
import { planPackUpgrade } from './plan-pack-upgrade.js';
import { samplePack } from './sample-pack.js';

describe.each(dialects.slice(0, 1))('planPackUpgrade on %s', (dialect) => {
  const { database } = useMigratedDatabase(dialect);
  const registry = createPackRegistry({ database, now: () => 1 });
  const [sample] = samplePack().actions!;
  // The new versions drop `size`, so their request must not name it.
  const action = { ...sample!, request: { method: 'POST' as const, path: '/widgets', json: { name: '{{input.name}}' } } };

  const definition: RecipeDefinition = {
    trigger: { use: 'acme/new-widget@1' },
    steps: [
      { id: 'make', use: 'acme/create-widget@1', input: { name: '{{trigger.body.name}}', size: 3 } },
      { id: 'each', use: 'core/loop', input: { items: [] }, steps: [{ id: 'inner', use: 'acme/create-widget', input: { name: 'x' } }] },
    ],
  };

  it('re-pins every step and the trigger of the pack, leaving the original untouched', async () => {
    expect((await registry.installPack(samplePack(), 'upload', null)).ok).toBe(true);
    const v2 = { ...action, input: [action.input![0]!, { key: 'colour', label: 'Colour' }] };
    expect(await registry.installPack(samplePack({ version: '2.0.0', actions: [v2] }), 'upload', null)).toMatchObject({ ok: true });
    const plan = await planPackUpgrade(definition, 'acme', 2, registry);
    expect(plan.problems).toEqual([]);
    expect(plan.repinned).toEqual(['/trigger', '/steps/0', '/steps/1/steps/0']);
    expect(plan.fromMajors).toEqual([1, 1, null]);
    expect(plan.definition.steps[1]!.steps![0]!.use).toBe('acme/create-widget@2');
    expect(plan.definition.trigger.use).toBe('acme/new-widget@2');
    expect(definition.steps[0]!.use).toBe('acme/create-widget@1');
    expect(plan.warnings).toEqual([{ path: '/steps/0/input/size', message: 'acme 2.x has no field "size"; its value was dropped' }]);
    expect(plan.definition.steps[0]!.input).toEqual({ name: '{{trigger.body.name}}' });
  });

  it('blocks on a required field left empty, and on an action the new major lacks', async () => {
    const v3 = { ...action, input: [action.input![0]!, { key: 'colour', label: 'Colour', required: true }] };
    expect(await registry.installPack(samplePack({ version: '3.0.0', actions: [v3], triggers: [] }), 'upload', null)).toMatchObject({ ok: true });
    const plan = await planPackUpgrade(definition, 'acme', 3, registry);
    expect(plan.problems).toEqual([
      { path: '/trigger/use', message: 'acme 3.x has no trigger "new-widget"' },
      { path: '/steps/0/input/colour', message: '"Colour" is required by acme 3.x; send it as inputs.make.colour' },
      { path: '/steps/1/steps/0/input/colour', message: '"Colour" is required by acme 3.x; send it as inputs.inner.colour' },
    ]);
  });

  it('fills required fields from the values sent with the upgrade, and refuses values for unknown steps', async () => {
    const steps = { trigger: { use: 'core/manual' }, steps: definition.steps };
    const plan = await planPackUpgrade(steps, 'acme', 3, registry, { make: { colour: 'red' }, inner: { colour: '{{loop.item}}' }, ghost: { colour: 'x' } });
    expect(plan.problems).toEqual([{ path: '/inputs/ghost', message: 'no step "ghost" of this recipe uses acme' }]);
    expect(plan.definition.steps[0]!.input).toEqual({ name: '{{trigger.body.name}}', colour: 'red' });
  });
});
