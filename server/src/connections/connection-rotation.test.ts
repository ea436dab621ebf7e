import { describe, expect, it } from 'vitest';
import { connectionRepo } from '../storage/connection-repo.js';
import { useMigratedDatabase } from '../storage/test-databases.js';
import { openRecord } from './connection-record.js';
import { SECRET_ROTATION_WINDOW_MS } from './secret-rotation.js';
import { createTestConnections } from './test-connections.js';

const pack = {
  id: 'signer',
  name: 'Signer',
  version: '1.0.0',
  engine: '^1.0.0',
  baseUrl: 'https://api.signer.test',
  auth: {
    kind: 'api_key',
    in: 'header',
    name: 'X-Api-Key',
    fields: [
      { key: 'api_key', label: 'API key', secret: true, required: true },
      { key: 'webhook_secret', label: 'Webhook secret', secret: true },
      { key: 'region', label: 'Region' },
    ],
  },
};

describe.each(['sqlite', 'postgres'] as const)('connection secret rotation (%s)', (dialect) => {
  const { database } = useMigratedDatabase(dialect);

  async function setup() {
    let now = 1_000_000;
    const { box, registry, connections } = createTestConnections(database, () => now);
    const installed = await registry.installPack(pack, 'test', null);
    if (!installed.ok) throw new Error(installed.message);
    const manifest = (await registry.pack('signer'))!.manifest;
    const created = await connections.service.create({ packId: 'signer', name: 'Signer', fields: { api_key: 'k1', webhook_secret: 'w1', region: 'eu' } }, null, { skipTest: true });
    if (!created.ok) throw new Error(created.message);
    const id = created.value.connection.id;
    const edit = async (fields: Record<string, unknown>) => {
      const updated = await connections.service.update(id, { fields }, null, { skipTest: true });
      if (!updated.ok) throw new Error(updated.message);
      return updated.value;
    };
    const stored = async () => openRecord(box, (await connectionRepo.get(database.db, id))!);
    const resolve = () => connections.auth.resolve(id, manifest);
    return { id, edit, stored, resolve, advance: (ms: number) => (now += ms) };
  }

  it('resolves replaced secrets as previousFields during the window only, never in the view', async () => {
    const { edit, resolve, advance } = await setup();
    expect((await resolve()).previousFields).toBeUndefined();
    const view = await edit({ webhook_secret: 'w2', region: 'us' });
    expect(JSON.stringify(view)).not.toMatch(/"(w1|w2|k1)"/);
    expect(await resolve()).toMatchObject({ fields: { webhook_secret: 'w2', api_key: 'k1', region: 'us' }, previousFields: { webhook_secret: ['w1'] } });
    advance(SECRET_ROTATION_WINDOW_MS - 1);
    expect((await resolve()).previousFields).toEqual({ webhook_secret: ['w1'] });
    advance(1);
    expect((await resolve()).previousFields).toBeUndefined();
  });

  it('keeps the last three values per field, sealed with the secrets, and drops expired ones on the next write', async () => {
    const { edit, stored, resolve, advance } = await setup();
    for (let i = 2; i <= 5; i++) {
      await edit({ webhook_secret: `rotated-${i}` });
      advance(1000);
    }
    expect((await resolve()).previousFields).toEqual({ webhook_secret: ['rotated-4', 'rotated-3', 'rotated-2'] });
    const row = await connectionRepo.get(database.db, (await stored()).row.id);
    expect(`${row!.secrets}${row!.fields}`).not.toContain('rotated-');
    advance(SECRET_ROTATION_WINDOW_MS);
    await edit({ api_key: 'k2' });
    expect((await stored()).secrets.previous).toEqual({ api_key: [{ value: 'k1', until: expect.any(Number) }] });
  });
});
