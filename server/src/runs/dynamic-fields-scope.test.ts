import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeVendor, type FakeVendor } from '../connections/start-fake-vendor.js';
import type { RecipeDefinition } from '../contracts/recipe-definition.js';
import { createPackRegistry } from '../registry/create-pack-registry.js';
import { startTestSystem, stepOf, type TestSystem } from '../test-system.js';

// A Notion-like source: properties keyed by name, a read-only kind, options under the kind's own key.
const source = {
  properties: {
    Name: { name: 'Name', type: 'title' },
    Tags: { name: 'Tags', type: 'multi_select', multi_select: { options: [{ name: 'a' }, { name: 'b' }] } },
    Owners: { name: 'Owners', type: 'people' },
    Score: { name: 'Score', type: 'formula' },
    Done: { name: 'Done', type: 'checkbox' },
  },
};

/** The run's side of the generic dynamic-field features: object items, "one of" conditions, list value shapes, empty values left out. */
describe('dynamic fields at run time', () => {
  let system: TestSystem;
  let vendor: FakeVendor;

  beforeAll(async () => {
    system = await startTestSystem();
    vendor = await startFakeVendor((request) => {
      if (request.method === 'GET') return { body: source };
      return { status: 200, body: { sent: JSON.parse(request.body.toString()) } };
    });
    const installed = await createPackRegistry({ database: system.wired.database, now: Date.now }).installPack(
      {
        id: 'notes', name: 'Notes', version: '1.0.0', engine: '^1.0.0', baseUrl: vendor.url, auth: { kind: 'none' },
        actions: [
          {
            key: 'update', name: 'Update note',
            input: [{ key: 'id', label: 'Note', required: true }, { key: 'source', label: 'Source' }],
            dynamicFields: {
              request: { path: '/sources/{{input.source}}' },
              items: 'properties',
              when: { type: ['title', 'multi_select', 'people', 'checkbox'] },
              key: '{{item.name}}',
              label: '{{item.name}}',
              type: '{{item.type}}',
              types: {
                title: { type: 'string', value: { title: [{ text: { content: '{{value}}' } }] } },
                multi_select: { type: 'multiselect', value: { multi_select: "{{value | objects: 'name'}}" } },
                people: { type: 'string', value: { people: "{{value | objects: 'id'}}" } },
                checkbox: { type: 'boolean', value: { checkbox: '{{value}}' } },
              },
              choices: { items: ['select.options', 'multi_select.options'], label: '{{choice.name}}', value: '{{choice.name}}' },
              dependsOn: ['source'],
            },
            request: { method: 'PATCH', path: '/notes/{{input.id}}', json: { properties: '{{fields}}' } },
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

  const run = async (input: Record<string, unknown>, body: Record<string, unknown> = {}) => {
    const recipe = { trigger: { use: 'core/webhook' }, steps: [{ id: 'update', use: 'notes/update', input: { id: 'n1', ...input } }] } as RecipeDefinition;
    const { hookPath } = await system.publish(recipe);
    return system.deliver(hookPath, body);
  };

  it('offers the values of an object as fields, only the kinds listed, with choices from the path that holds them', async () => {
    const answer = await system.api('POST', '/packs/notes/actions/update/fields', { input: { source: 's1' } });
    expect(answer.body.fields.map((field: { key: string; type: string }) => [field.key, field.type])).toEqual([
      ['Name', 'string'], ['Tags', 'multiselect'], ['Owners', 'string'], ['Done', 'boolean'],
    ]);
    expect(answer.body.fields[1].choices).toEqual([{ label: 'a', value: 'a' }, { label: 'b', value: 'b' }]);
  });

  it('shapes lists and comma-separated text as objects, and leaves empty values out', async () => {
    const done = await run({ source: 's1', Name: '{{trigger.body.title}}', Tags: ['a', 'b'], Owners: 'u1, u2', Done: '' }, { title: '' });
    expect(done.status).toBe('succeeded');
    expect(stepOf(done, 'update').output).toEqual({
      sent: { properties: { Tags: { multi_select: [{ name: 'a' }, { name: 'b' }] }, Owners: { people: [{ id: 'u1' }, { id: 'u2' }] } } },
    });
  });

  it('has no fields and asks nothing of the vendor while the inputs they depend on are empty', async () => {
    const before = vendor.requests.filter((request) => request.method === 'GET').length;
    const bare = await run({});
    expect(stepOf(bare, 'update').output).toEqual({ sent: { properties: {} } });
    const refused = await run({ Name: 'x' });
    expect(stepOf(refused, 'update').error?.message).toContain('has no field "Name" here (fields: none)');
    expect(vendor.requests.filter((request) => request.method === 'GET').length).toBe(before);
  });
});
