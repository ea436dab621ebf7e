import type { PackManifestInput } from '@switchyard/connectors';

/**
 * A small valid manifest for tests (and the generated one for the size benchmark): an API-key pack with
 * one action and one poll trigger. Overrides replace top-level keys.
 */
export function samplePack(overrides: Partial<PackManifestInput> = {}): PackManifestInput {
  return {
    id: 'acme',
    name: 'Acme',
    version: '1.0.0',
    engine: '^1.0.0',
    baseUrl: 'https://api.acme.test',
    auth: { kind: 'api_key', in: 'header', name: 'X-Api-Key' },
    actions: [
      {
        key: 'create-widget',
        name: 'Create widget',
        input: [
          { key: 'name', label: 'Name', required: true },
          { key: 'size', label: 'Size', type: 'number' },
        ],
        request: { method: 'POST', path: '/widgets', json: { name: '{{input.name}}', size: '{{input.size}}' } },
      },
    ],
    triggers: [{ kind: 'poll', key: 'new-widget', name: 'New widget', request: { path: '/widgets' }, items: 'data' }],
    ...overrides,
  };
}

/** A pack with `count` actions of a few fields each, to measure validation and install of a big pack. */
export function generatedPack(count: number, id = 'generated'): PackManifestInput {
  const actions = Array.from({ length: count }, (_, index) => ({
    key: `action-${index}`,
    name: `Action ${index}`,
    description: `Does thing number ${index}`,
    input: Array.from({ length: 6 }, (_, field) => ({ key: `field_${field}`, label: `Field ${field}`, required: field === 0 })),
    request: { method: 'POST' as const, path: `/things/${index}`, json: { value: '{{input.field_0}}' } },
    output: 'data',
  }));
  return samplePack({ id, name: `Generated ${count}`, actions, triggers: [] });
}
