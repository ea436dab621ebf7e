import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { startFakeNpmRegistry } from '../registry/fake-npm-registry.js';
import type { PackManifestInput } from '@switchyard/connectors';
import { samplePack as withApiKey } from '../registry/sample-pack.js';
import { packageTarball } from '../registry/tarball-fixture.js';
import { startTestSystem, type TestSystem } from '../test-system.js';

// No auth, so recipe steps need no connection.
const samplePack = (overrides: Partial<PackManifestInput> = {}) => withApiKey({ auth: { kind: 'none' }, ...overrides });

describe('packs API', () => {
  let system: TestSystem;
  let npm: Awaited<ReturnType<typeof startFakeNpmRegistry>>;
  const [action] = samplePack().actions!;
  // Major 2 drops `size` (so its request must not name it) and adds a required `colour`.
  const v2Action = {
    ...action!,
    input: [action!.input![0]!, { key: 'colour', label: 'Colour', required: true }],
    request: { method: 'POST' as const, path: '/widgets', json: { name: '{{input.name}}', colour: '{{input.colour}}' } },
  };

  beforeAll(async () => {
    system = await startTestSystem({ worker: false });
    npm = await startFakeNpmRegistry();
    system.wired.appDeps.packDownloads.npmRegistry = npm.url;
  });
  afterAll(async () => {
    await npm?.close();
    await system?.close();
  });

  it('installs an uploaded manifest once; the same content again is a no-op, different content a conflict', async () => {
    const first = await system.api('POST', '/packs', { manifest: samplePack() });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ status: 'installed', version: '1.0.0', pack: { id: 'acme', actions: 1, triggers: 1, auth: 'none', versions: ['1.0.0'] } });
    expect((await system.api('POST', '/packs', { manifest: samplePack() })).body.status).toBe('unchanged');
    const conflict = await system.api('POST', '/packs', { manifest: samplePack({ name: 'Other' }) });
    expect(conflict.status).toBe(409);
    expect(conflict.body.error.code).toBe('VERSION_CONFLICT');
  });

  it('installs YAML text, and refuses a bad manifest with every problem as a JSON pointer', async () => {
    const yaml = YAML.stringify(samplePack({ version: '2.0.0', actions: [v2Action] }));
    const installed = await system.api('POST', '/packs', { text: yaml, fileName: 'acme.yaml' });
    expect(installed.status).toBe(201);
    const bad = await system.api('POST', '/packs', { text: 'id: Not Valid\nversion: one\n', fileName: 'bad.yaml' });
    expect(bad.status).toBe(422);
    expect(bad.body.error.problems.map((p: { path: string }) => p.path)).toEqual(expect.arrayContaining(['/id', '/version']));
  });

  it('lists packs and shows any installed version', async () => {
    const list = await system.api('GET', '/packs', undefined, { token: await system.addUser('viewer') });
    expect(list.body.packs.find((p: { id: string }) => p.id === 'acme')).toMatchObject({ newest: '2.0.0', versions: ['2.0.0', '1.0.0'] });
    expect((await system.api('GET', '/packs/acme')).body.manifest.version).toBe('2.0.0');
    expect((await system.api('GET', '/packs/acme?version=1.0.0')).body.manifest.actions[0].input).toHaveLength(2);
    expect((await system.api('GET', '/packs/acme?version=9.9.9')).status).toBe(404);
    expect((await system.api('GET', '/packs/nothing')).status).toBe(404);
  });

  it('lists built-in packs as such, with their operations and sign-in ways', async () => {
    const { packs } = (await system.api('GET', '/packs')).body as { packs: Record<string, unknown>[] };
    const slack = packs.find((p) => p.id === 'slack');
    expect(slack).toMatchObject({ builtIn: true, auth: 'oauth2', pasteToken: expect.any(String) });
    expect(slack!.actionNames).toContain('Send message to channel');
    expect((slack!.actionNames as string[]).length).toBe(slack!.actions);
    expect(packs.find((p) => p.id === 'acme')).toMatchObject({ builtIn: false, triggerNames: ['New widget'] });
  });

  it('downloads any pack as a manifest that imports again, renamed with `as`', async () => {
    const yaml = await system.api('GET', '/packs/stripe/manifest', undefined, { token: await system.addUser('viewer') });
    expect(yaml.status).toBe(200);
    expect(yaml.headers.get('content-type')).toBe('application/yaml; charset=utf-8');
    expect(yaml.headers.get('content-disposition')).toBe('attachment; filename="stripe.pack.yaml"');
    const copy = await system.api('GET', '/packs/stripe/manifest?format=json&as=my-stripe');
    expect(copy.headers.get('content-disposition')).toBe('attachment; filename="my-stripe.pack.json"');
    const installed = await system.api('POST', '/packs', { text: JSON.stringify(copy.body), fileName: 'my-stripe.pack.json' });
    expect(installed.status).toBe(201);
    expect(installed.body.pack).toMatchObject({ id: 'my-stripe', builtIn: false });
    const renamed = await system.api('POST', '/packs', { text: String(yaml.body).replace(/^id: stripe$/m, 'id: stripe-yaml'), fileName: 'x.pack.yaml' });
    expect(renamed.status).toBe(201);
    const bad = await system.api('GET', '/packs/stripe/manifest?as=Not%20An%20Id');
    expect(bad.status).toBe(422);
    expect(bad.body.error.problems[0].path).toBe('/as');
    expect((await system.api('GET', '/packs/nothing/manifest')).status).toBe(404);
    expect((await system.api('GET', '/packs/stripe/manifest?version=0.0.1')).status).toBe(404);
  });

  it('validates without installing', async () => {
    const ok = await system.api('POST', '/packs/validate', { manifest: samplePack({ id: 'never-installed' }) });
    expect(ok.body).toEqual({ ok: true, problems: [] });
    const bad = await system.api('POST', '/packs/validate', { text: '{ "id": 1 }', fileName: 'x.json' });
    expect(bad.body.ok).toBe(false);
    expect((await system.api('GET', '/packs/never-installed')).status).toBe(404);
  });

  it('installs from npm with a range, through the egress guard', async () => {
    npm.publish('acme-widgets', '1.2.0', packageTarball(samplePack({ id: 'widgets', version: '1.2.0' })));
    npm.publish('acme-widgets', '1.3.0', packageTarball(samplePack({ id: 'widgets', version: '1.3.0' })));
    const installed = await system.api('POST', '/packs', { source: 'npm:acme-widgets@~1.2.0' });
    expect(installed.status).toBe(201);
    expect(installed.body.version).toBe('1.2.0');
    const refused = await system.api('POST', '/packs', { source: 'npm:acme-widgets@^7' });
    expect(refused.status).toBe(422);
    expect(refused.body.error).toMatchObject({ code: 'PACK_SOURCE_INVALID', problems: [{ path: '/source' }] });
    const missing = await system.api('POST', '/packs', { source: 'npm:nothing-here' });
    expect(missing.status).toBe(502);
  });

  it('lets only owners install or remove', async () => {
    const editor = { token: await system.addUser('editor') };
    expect((await system.api('POST', '/packs', { manifest: samplePack({ id: 'sneaky' }) }, editor)).status).toBe(403);
    expect((await system.api('DELETE', '/packs/acme', undefined, editor)).status).toBe(403);
  });

  it('shows what changes between versions, with breaking flags', async () => {
    const answer = await system.api('GET', '/packs/acme/changes?from=1.0.0&to=2.0.0');
    expect(answer.status).toBe(200);
    expect(answer.body.breaking).toBe(true);
    expect(answer.body.changes).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ target: 'action', key: 'create-widget', change: 'field_added', field: 'colour', breaking: true }),
        expect.objectContaining({ change: 'field_removed', field: 'size', breaking: true }),
      ]),
    );
    expect((await system.api('GET', '/packs/acme/changes?from=1.0.0&to=3.0.0')).status).toBe(404);
  });

  it('upgrades a recipe to a new major as a draft, refusing while a required field is empty', async () => {
    const definition = { trigger: { use: 'core/manual' }, steps: [{ id: 'make', use: 'acme/create-widget@1', input: { name: 'x', size: 2 } }] };
    const recipeId = await system.createRecipe(definition as never, 'Widget maker');
    const refused = await system.api('POST', `/recipes/${recipeId}/upgrade-pack`, { pack: 'acme', toMajor: 2 });
    expect(refused.status).toBe(422);
    expect(refused.body.error.problems).toEqual([{ path: '/steps/0/input/colour', message: '"Colour" is required by acme 2.x; send it as inputs.make.colour' }]);
    expect((await system.api('GET', `/recipes/${recipeId}/versions`)).body.versions).toHaveLength(1);

    const upgraded = await system.api('POST', `/recipes/${recipeId}/upgrade-pack`, { pack: 'acme', toMajor: 2, inputs: { make: { colour: 'red' } } });
    expect(upgraded.status).toBe(200);
    expect(upgraded.body).toMatchObject({ from: '1.0.0', to: '2.0.0', repinned: ['/steps/0'], warnings: [{ path: '/steps/0/input/size' }] });
    const exported = await system.api('GET', `/recipes/${recipeId}/export`);
    expect(exported.body.steps[0]).toMatchObject({ use: 'acme/create-widget@2', input: { name: 'x', colour: 'red' } });
    const audit = await system.api('GET', `/audit?action=recipe.upgrade-pack`);
    expect(audit.body.entries[0]).toMatchObject({ targetId: recipeId, details: { pack: 'acme', toMajor: 2 } });
  });

  it('refuses to remove a pack recipes use, naming them; removes an unused version', async () => {
    const inUse = await system.api('DELETE', '/packs/acme');
    expect(inUse.status).toBe(409);
    expect(inUse.body.error).toMatchObject({ code: 'PACK_IN_USE', recipes: [{ name: 'Widget maker' }] });
    expect((await system.api('GET', '/packs/acme')).body.usedBy).toEqual([{ recipeId: expect.any(String), name: 'Widget maker' }]);
    // The recipe's newest version is pinned to 2; nothing published uses 1, so its last version can go.
    expect((await system.api('DELETE', '/packs/acme/versions/1.0.0')).body).toEqual({ removed: ['1.0.0'] });
    expect((await system.api('DELETE', '/packs/acme/versions/2.0.0')).status).toBe(409);
    expect((await system.api('DELETE', '/packs/widgets')).body).toEqual({ removed: ['1.2.0'] });
    const audit = await system.api('GET', '/audit?action=pack.remove');
    expect(audit.body.entries.map((e: { targetId: string }) => e.targetId)).toEqual(['widgets', 'acme']);
  });
});
