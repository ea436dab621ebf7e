import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StepDefinitionJson, TriggerDefinitionJson } from '../contracts/recipe-definition.js';
import { startTestSystem, type TestSystem } from '../test-system.js';

const upper = (id: string, value = 'x'): StepDefinitionJson => ({ id, use: 'core/formatter', input: { operation: 'text.upper', value } });

/** Loops nested `depth` levels deep (the outermost list is level 1). */
function nested(depth: number): StepDefinitionJson[] {
  let steps: StepDefinitionJson[] = [upper('leaf')];
  for (let level = depth - 1; level >= 1; level--) steps = [{ id: `loop_${level}`, use: 'core/loop', input: { items: [1] }, steps }];
  return steps;
}

const webhook: TriggerDefinitionJson = { use: 'core/webhook' };

const invalid: { name: string; trigger?: TriggerDefinitionJson; steps: StepDefinitionJson[]; problem: { path: string; message: RegExp } }[] = [
  { name: 'an unknown use', steps: [{ id: 'a', use: 'acme/launch-rocket' }], problem: { path: '/steps/0/use', message: /no installed pack 'acme' has an action 'launch-rocket'/ } },
  { name: 'a duplicate step id', steps: [upper('a'), upper('a')], problem: { path: '/steps/1/id', message: /already used at (\/definition)?\/steps\/0\/id/ } },
  {
    name: 'a template naming a later step',
    steps: [upper('a', '{{steps.later.output.value}}'), upper('later')],
    problem: { path: '/steps/0/input/value', message: /steps\.later.*does not name a step that runs before/ },
  },
  {
    name: 'a template naming an unknown step',
    steps: [upper('a', '{{steps.ghost.output}}')],
    problem: { path: '/steps/0/input/value', message: /steps\.ghost/ },
  },
  {
    name: 'core/email without its SMTP account',
    steps: [{ id: 'mail', use: 'core/email', input: { to: ['ada@example.com'], subject: 'Hi', text: 'Hello' } }],
    problem: { path: '/steps/0/connection', message: /this step needs a mail server \(SMTP\) account/ },
  },
  {
    name: 'core/email with a connection that does not exist',
    steps: [{ id: 'mail', use: 'core/email', connection: 'con_missing', input: { to: ['ada@example.com'], subject: 'Hi', text: 'Hello' } }],
    problem: { path: '/steps/0/connection', message: /no connection "con_missing" exists/ },
  },
  { name: '{{loop.item}} outside a loop', steps: [upper('a', '{{loop.item}}')], problem: { path: '/steps/0/input/value', message: /only available inside a core\/loop/ } },
  { name: 'bad template syntax', steps: [upper('a', 'Hi {{trigger.body.name')], problem: { path: '/steps/0/input/value', message: /./ } },
  { name: 'an unknown pipe', steps: [upper('a', '{{trigger.body.name | shout}}')], problem: { path: '/steps/0/input/value', message: /shout/ } },
  {
    name: 'more than 500 steps',
    steps: Array.from({ length: 501 }, (_, index) => upper(`s${index}`)),
    problem: { path: '/steps', message: /at most 500 steps; this one has 501/ },
  },
  { name: 'nesting deeper than 10', steps: nested(11), problem: { path: '/steps/0/steps/0/steps/0/steps/0/steps/0/steps/0/steps/0/steps/0/steps/0/steps/0/steps', message: /more than 10 levels/ } },
  {
    name: 'a bad schedule cron',
    trigger: { use: 'core/schedule', input: { cron: '61 * * * *' } },
    steps: [],
    problem: { path: '/trigger/input/cron', message: /./ },
  },
  {
    name: 'a bad schedule time zone',
    trigger: { use: 'core/schedule', input: { cron: '0 9 * * 1', timezone: 'Mars/Olympus' } },
    steps: [],
    problem: { path: '/trigger/input/timezone', message: /unknown time zone "Mars\/Olympus"/ },
  },
  { name: 'an unknown trigger', trigger: { use: 'acme/new-rocket' }, steps: [], problem: { path: '/trigger/use', message: /unknown trigger/ } },
  {
    name: 'a bad webhook option',
    trigger: { use: 'core/webhook', input: { maxBodyBytes: 10 } },
    steps: [],
    problem: { path: '/trigger/input/maxBodyBytes', message: /./ },
  },
];

describe('recipe validation', () => {
  let system: TestSystem;
  let existing: string;
  beforeAll(async () => {
    system = await startTestSystem({ worker: false });
    existing = await system.createRecipe({ trigger: webhook, steps: [upper('keep')] }, 'Existing');
  });
  afterAll(() => system?.close());

  const counts = async () => ({
    recipes: (await system.api('GET', '/recipes')).body.recipes.length,
    versions: (await system.api('GET', `/recipes/${existing}/versions`)).body.versions.length,
  });

  it.each(invalid)('answers 422 for $name on create, import and save, and saves nothing', async ({ trigger, steps, problem }) => {
    const before = await counts();
    const definition = { trigger: trigger ?? webhook, steps };
    for (const path of ['/recipes', '/recipes/import']) {
      const answer = await system.api('POST', path, { name: 'Invalid', ...definition });
      expect(answer.status).toBe(422);
      expect(answer.body.error.code).toBe('VALIDATION_FAILED');
      expect(answer.body.error.problems).toContainEqual({ path: problem.path, message: expect.stringMatching(problem.message) });
      expect(JSON.stringify(answer.body)).not.toMatch(/at .*\.(ts|js):\d+/);
    }
    const patched = await system.api('PATCH', `/recipes/${existing}`, { definition });
    expect(patched.status).toBe(422);
    expect(patched.body.error.problems).toContainEqual({ path: `/definition${problem.path}`, message: expect.stringMatching(problem.message) });
    expect(await counts()).toEqual(before);
  });

  it('lists every problem, not just the first', async () => {
    const answer = await system.api('POST', '/recipes', {
      name: 'Many',
      trigger: { use: 'acme/x' },
      steps: [upper('a', '{{loop.item}}'), { id: 'a', use: 'acme/y' }],
    });
    expect(answer.body.error.problems.map((p: { path: string }) => p.path)).toEqual(['/trigger/use', '/steps/0/input/value', '/steps/1/id', '/steps/1/use']);
  });

  it('accepts the limits themselves: 500 steps, 10 levels, loop.item inside a loop', async () => {
    const steps = [
      { id: 'each', use: 'core/loop', input: { items: '{{trigger.body.list}}' }, steps: [upper('inner', '{{loop.item}} {{loop.index}}')] },
      ...Array.from({ length: 498 }, (_, index) => upper(`s${index}`, '{{steps.each.output.count}}')),
    ];
    expect((await system.api('POST', '/recipes', { name: 'Big', trigger: webhook, steps })).status).toBe(201);
    expect((await system.api('POST', '/recipes', { name: 'Deep', trigger: webhook, steps: nested(10) })).status).toBe(201);
  });

  it('answers 422 with pointers for shape errors zod finds', async () => {
    const answer = await system.api('POST', '/recipes', { name: '', trigger: webhook, steps: [{ id: 'Bad Id', use: 'core/formatter' }] });
    expect(answer.status).toBe(422);
    expect(answer.body.error.problems.map((p: { path: string }) => p.path)).toEqual(expect.arrayContaining(['/name', '/steps/0/id']));
  });
});
