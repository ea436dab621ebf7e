import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPackRegistry } from '../registry/create-pack-registry.js';
import { startOAuthFixture, type OAuthFixture } from './oauth-test-fixture.js';

interface Created {
  connection: { id: string; status: string; statusMessage: string | null; authorized: boolean; tokenPasted: boolean };
  authorizeUrl?: string;
}

/** An OAuth2 pack whose vendor also issues tokens by hand (a Slack bot token, a GitHub personal token). */
describe('a pasted token instead of connecting through OAuth', () => {
  let f: OAuthFixture;
  beforeAll(async () => {
    f = await startOAuthFixture();
    const registry = createPackRegistry({ database: f.system.wired.database, now: Date.now });
    const installed = await registry.installPack(
      {
        id: 'paste-app',
        name: 'Paste app',
        version: '1.0.0',
        engine: '^1.0.0',
        baseUrl: f.system.sink.url,
        auth: {
          kind: 'oauth2',
          authorizationUrl: `${f.issuer}/authorize`,
          tokenUrl: `${f.issuer}/token`,
          pasteToken: { label: 'Bot token', description: 'Settings → Install app → Bot token (xoxb-…)' },
          test: { path: '/paste/me' },
        },
      },
      'test',
      null,
    );
    if (!installed.ok) throw new Error(installed.message);
  });
  afterAll(() => f?.close());

  const create = (body: Record<string, unknown>) => f.system.api('POST', '/connections', { packId: 'paste-app', name: 'Pasted', fields: {}, ...body });

  it('uses the pasted token as the access token, tests it, and never shows it', async () => {
    const answer = await create({ token: 'xoxb-pasted-1' });
    expect(answer.status).toBe(201);
    const { connection, authorizeUrl } = answer.body as Created;
    expect(authorizeUrl).toBeUndefined();
    expect(connection).toMatchObject({ status: 'ok', authorized: true, tokenPasted: true });
    expect(f.system.sink.hits('/paste/me').at(-1)!.headers['authorization']).toBe('Bearer xoxb-pasted-1');
    expect(JSON.stringify((await f.system.api('GET', `/connections/${connection.id}`)).body)).not.toContain('xoxb-pasted-1');
    const stored = (await f.stored(connection.id))!;
    expect(stored.secrets.tokens).toEqual({ accessToken: 'xoxb-pasted-1', pasted: true });
    expect(stored.row.token_expires_at).toBeNull();
  });

  it('makes the OAuth client optional only for packs that take a pasted token', async () => {
    const manifest = await f.manifest('paste-app');
    expect(manifest.auth.kind !== 'none' && manifest.auth.fields.map((field) => [field.key, field.required])).toEqual([['client_id', false], ['client_secret', false]]);
    // Connecting through OAuth without a client still says what is missing.
    expect((await create({})).status).toBe(422);
  });

  it('refuses a token the vendor refuses, and a token for a pack that takes none, storing nothing', async () => {
    const count = async () => ((await f.system.api('GET', '/connections')).body as { connections: unknown[] }).connections.length;
    const before = await count();
    f.system.sink.script('/paste/me', { status: 401, body: { message: 'invalid_auth' } });
    const refused = await create({ token: 'xoxb-wrong' });
    expect(refused.status).toBe(422);
    const wrongPack = await f.system.api('POST', '/connections', { packId: 'key-app', name: 'Key', fields: { api_key: 'k' }, token: 'xoxb-1' });
    expect(wrongPack.status).toBe(422);
    expect(wrongPack.body).toMatchObject({ error: { problems: [{ path: '/token' }] } });
    expect(await count()).toBe(before);
  });

  it('asks for a new token when the vendor stops accepting it, and reconnects in place with a new one', async () => {
    const { connection } = (await create({ token: 'xoxb-revoked' })).body as Created;
    f.system.sink.script('/paste/me', { status: 401, body: { message: 'token_revoked' } });
    const tested = await f.system.api('POST', `/connections/${connection.id}/test`);
    expect(tested.body).toMatchObject({ ok: false, connection: { status: 'needs_reauth', statusMessage: expect.stringContaining('paste a new one') } });

    const replaced = await f.system.api('PATCH', `/connections/${connection.id}`, { token: 'xoxb-new' });
    expect(replaced.status).toBe(200);
    expect(replaced.body).toMatchObject({ status: 'ok', tokenPasted: true });
    expect(f.system.sink.hits('/paste/me').at(-1)!.headers['authorization']).toBe('Bearer xoxb-new');
  });
});
