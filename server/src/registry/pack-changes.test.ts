import { validatePack, type PackManifest, type PackManifestInput } from '@switchyard/connectors';
import { describe, expect, it } from 'vitest';
import { packChanges } from './pack-changes.js';
import { samplePack } from './sample-pack.js';

const manifest = (input: PackManifestInput): PackManifest => {
  const result = validatePack(input);
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.manifest;
};

describe('packChanges', () => {
  const v1 = manifest(samplePack());

  it('finds nothing between identical versions', () => {
    expect(packChanges(v1, manifest(samplePack({ version: '1.0.1' })))).toEqual([]);
  });

  it('lists added and removed actions and triggers; only removals break', () => {
    const v2 = manifest(
      samplePack({
        version: '2.0.0',
        actions: [{ key: 'delete-widget', name: 'Delete widget', request: { method: 'DELETE', path: '/widgets/1' } }],
        triggers: [],
      }),
    );
    expect(packChanges(v1, v2).map((c) => [c.target, c.key, c.change, c.breaking])).toEqual([
      ['action', 'delete-widget', 'added', false],
      ['action', 'create-widget', 'removed', true],
      ['trigger', 'new-widget', 'removed', true],
    ]);
  });

  it('sees field, request, output and auth changes, each with whether it breaks', () => {
    const [action] = samplePack().actions!;
    const changed = {
      ...action!,
      input: [
        { key: 'name', label: 'Name', required: true, type: 'text' as const },
        { key: 'color', label: 'Colour', required: true },
        { key: 'note', label: 'Note' },
      ],
      request: { method: 'PUT' as const, path: '/widgets' },
      output: 'data',
    };
    const v2 = manifest(samplePack({ version: '2.0.0', actions: [changed], auth: { kind: 'bearer' } }));
    expect(packChanges(v1, v2).map((c) => `${c.target} ${c.key} ${c.change}${c.field ? ` ${c.field}` : ''} ${c.breaking ? 'breaking' : 'safe'}: ${c.message}`)).toEqual([
      'auth bearer auth_changed breaking: connections change from api_key to bearer; existing connections must be made again',
      'action create-widget field_type_changed name breaking: field "name" changed type from string to text',
      'action create-widget field_added color breaking: new required field "color"',
      'action create-widget field_added note safe: new field "note"',
      'action create-widget field_removed size breaking: field "size" was removed',
      'action create-widget request_changed safe: sends a different request to the vendor',
      'action create-widget output_changed breaking: output now comes from "data" instead of "(whole body)"',
    ]);
  });

  it('flags a field that became required, unless it has a default', () => {
    const withSize = (size: object) => {
      const [action] = samplePack().actions!;
      return manifest(samplePack({ version: '1.1.0', actions: [{ ...action!, input: [action!.input![0]!, { key: 'size', label: 'Size', type: 'number', ...size }] }] }));
    };
    expect(packChanges(v1, withSize({ required: true })).map((c) => c.change)).toEqual(['field_now_required']);
    expect(packChanges(v1, withSize({ required: true, default: 1 }))).toEqual([]);
  });
});
