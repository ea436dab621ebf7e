import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RecipeDefinition } from '../contracts/recipe-definition.js';
import { createPackRegistry } from '../registry/create-pack-registry.js';
import { startTestSystem, stepOf, type TestSystem } from '../test-system.js';
import { startFakeVendor, type FakeVendor } from './start-fake-vendor.js';

const describeAnswer = (object: string) => ({
  fields: [
    { name: 'Name', label: `${object} name`, type: 'string', createable: true, nillable: false, defaultedOnCreate: false, picklistValues: [] },
    { name: 'Size', label: 'Size', type: 'double', createable: true, nillable: true, defaultedOnCreate: false, picklistValues: [] },
    { name: 'Tags', label: 'Tags', type: 'multipicklist', createable: true, nillable: true, defaultedOnCreate: false, picklistValues: [{ label: 'Red', value: 'red', active: true }, { label: 'Old', value: 'old', active: false }, { label: 'Blue', value: 'blue', active: true }] },
    { name: 'Id', label: 'Record ID', type: 'id', createable: false, nillable: false, defaultedOnCreate: true, picklistValues: [] },
    { name: 'object', label: 'Shadows a static field', type: 'string', createable: true, nillable: true, defaultedOnCreate: false, picklistValues: [] },
    { name: 'Due date', label: 'A vendor name with a space', type: 'date', createable: true, nillable: true, defaultedOnCreate: false, picklistValues: [] },
    { name: 'Headline', label: 'Headline', type: 'title', createable: true, nillable: true, defaultedOnCreate: false, picklistValues: [] },
    { name: 'Dotted.Key', label: 'Not a key', type: 'string', createable: true, nillable: true, defaultedOnCreate: false, picklistValues: [] },
    { name: '__proto__', label: 'Not a key either', type: 'string', createable: true, nillable: true, defaultedOnCreate: false, picklistValues: [] },
  ],
});

/** Dynamic fields end to end: the form's route (types, required, choices, cache), saving, and the run's checks and value shapes. */
describe('an action with dynamicFields', () => {
  let system: TestSystem;
  let vendor: FakeVendor;

  beforeAll(async () => {
    system = await startTestSystem();
    vendor = await startFakeVendor((request) => {
      const describe = /^\/objects\/(\w+)\/describe$/.exec(request.url.pathname);
      if (describe) return describe[1] === 'Missing' ? { status: 404, body: { error: { message: 'no such object' } } } : { body: describeAnswer(describe[1]!) };
      return { status: 201, body: { id: 'r1', sent: JSON.parse(request.body.toString()) } };
    });
    const installed = await createPackRegistry({ database: system.wired.database, now: Date.now }).installPack(
      {
        id: 'crm', name: 'CRM', version: '1.0.0', engine: '^1.0.0', baseUrl: vendor.url, auth: { kind: 'none' },
        errors: { message: 'error.message' },
        actions: [
          {
            key: 'create', name: 'Create record',
            input: [{ key: 'object', label: 'Object', required: true }],
            dynamicFields: {
              request: { path: '/objects/{{input.object}}/describe' },
              items: 'fields',
              when: { createable: true },
              key: '{{item.name}}',
              label: '{{item.label}}',
              type: '{{item.type}}',
              types: {
                double: 'number',
                date: 'date',
                multipicklist: { type: 'multiselect', value: "{{value | join: ';'}}" },
                // Notion's shape: the value wrapped in the property's own JSON.
                title: { type: 'string', value: { title: [{ text: { content: '{{value}}' } }] } },
              },
              required: { nillable: false, defaultedOnCreate: false },
              choices: { items: 'picklistValues', when: { active: true }, label: '{{choice.label}}', value: '{{choice.value}}' },
              dependsOn: ['object'],
            },
            request: { method: 'POST', path: '/objects/{{input.object}}', json: '{{fields}}' },
          },
        ],
      },
      'test',
      null,
    );
    if (!installed.ok) throw new Error(JSON.stringify(installed));
  });
  afterAll(async () => {
    await vendor?.close();
    await system?.close();
  });

  const fields = (input: Record<string, unknown>) => system.api('POST', '/packs/crm/actions/create/fields', { input });
  const describeCalls = () => vendor.requests.filter((request) => request.url.pathname.endsWith('/describe')).length;

  it('fetches the fields for the chosen object: filtered, typed, required and with active choices; vendor names with spaces kept, static and unsafe keys left out', async () => {
    const answer = await fields({ object: 'Account' });
    expect(answer.status).toBe(200);
    expect(answer.body.fields).toEqual([
      { key: 'Name', label: 'Account name', type: 'string', required: true, secret: false, advanced: false },
      { key: 'Size', label: 'Size', type: 'number', required: false, secret: false, advanced: false },
      { key: 'Tags', label: 'Tags', type: 'multiselect', required: false, secret: false, advanced: false, choices: [{ label: 'Red', value: 'red' }, { label: 'Blue', value: 'blue' }] },
      { key: 'Due date', label: 'A vendor name with a space', type: 'date', required: false, secret: false, advanced: false },
      { key: 'Headline', label: 'Headline', type: 'string', required: false, secret: false, advanced: false },
    ]);
  });

  it('reuses a fetched list for the same values and asks again for others', async () => {
    const before = describeCalls();
    await fields({ object: 'Account' });
    expect(describeCalls()).toBe(before);
    await fields({ object: 'Contact' });
    expect(describeCalls()).toBe(before + 1);
  });

  it('has no fields until the inputs they depend on are chosen, and maps vendor errors and unknown actions', async () => {
    const before = describeCalls();
    expect((await fields({})).body).toEqual({ fields: [] });
    expect((await fields({ object: '{{trigger.body.kind}}' })).body).toEqual({ fields: [] });
    expect(describeCalls()).toBe(before);
    const missing = await fields({ object: 'Missing' });
    expect(missing.status).toBe(502);
    expect(missing.body.error.message).toContain('no such object');
    expect((await system.api('POST', '/packs/crm/actions/nope/fields', {})).status).toBe(404);
  });

  const recipe = (input: Record<string, unknown>): RecipeDefinition =>
    ({ trigger: { use: 'core/webhook' }, steps: [{ id: 'make', use: 'crm/create', input: { object: 'Account', ...input } }] }) as RecipeDefinition;

  it('saves keys that are no static field, and sends the shaped values as {{fields}}', async () => {
    const { hookPath } = await system.publish(recipe({ Name: '{{trigger.body.name}}', Size: '12.5', Tags: ['red', 'blue'], 'Due date': '2026-12-01', Headline: 'Big {{trigger.body.name}}' }));
    const run = await system.deliver(hookPath, { name: 'Ada' });
    expect(run.status).toBe('succeeded');
    expect(stepOf(run, 'make').output).toEqual({ id: 'r1', sent: { Name: 'Ada', Size: 12.5, Tags: 'red;blue', 'Due date': '2026-12-01', Headline: { title: [{ text: { content: 'Big Ada' } }] } } });
  });

  it('refuses, without a retry, unknown keys, wrong types, choices not offered and a missing required field', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ Name: 'x', Colour: 'red' }, '"Create record" has no field "Colour" here'],
      [{ Name: 'x', Size: '{{trigger.body.size}}' }, '/input/Size: must be a number'],
      [{ Name: 'x', Tags: ['green'] }, '/input/Tags/0: must be one of "red", "blue"'],
      [{ Size: 1 }, '/input/Name: "Account name" is required'],
    ];
    for (const [input, message] of cases) {
      const { hookPath } = await system.publish(recipe(input));
      const run = await system.deliver(hookPath, { size: 'big' });
      expect(run.status).toBe('failed');
      expect(stepOf(run, 'make')).toMatchObject({ attempts: 1, error: { code: 'INVALID_STEP_INPUT' } });
      expect(stepOf(run, 'make').error?.message).toContain(message);
    }
  });
});
