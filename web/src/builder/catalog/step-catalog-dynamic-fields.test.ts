import { describe, expect, it } from 'vitest';
import { buildCatalog, findEntry } from './step-catalog';

describe('a pack action with dynamic fields in the catalog', () => {
  it('says which inputs its fetched fields depend on; other actions have none', () => {
    const manifest = {
      auth: { kind: 'none' },
      actions: [
        { key: 'create', name: 'Create', input: [{ key: 'object', label: 'Object' }], dynamicFields: { request: { path: '/d' }, items: 'fields', key: '{{item.name}}', label: '{{item.label}}', dependsOn: ['object'] } },
        { key: 'plain', name: 'Plain', input: [] },
      ],
    };
    const catalog = buildCatalog([{ pack: { id: 'crm', name: 'CRM' } as never, manifest }]);
    expect(findEntry(catalog.steps, 'crm/create@1')?.dynamicFields).toEqual({ dependsOn: ['object'] });
    expect(findEntry(catalog.steps, 'crm/plain')?.dynamicFields).toBeUndefined();
  });
});
