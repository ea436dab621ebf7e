import { randomUUID } from 'node:crypto';
import { OAuth2Server, type MutableResponse, type MutableToken } from 'oauth2-mock-server';
import { createPackRegistry } from '../registry/create-pack-registry.js';
import { connectionRepo } from '../storage/connection-repo.js';
import { startTestSystem } from '../test-system.js';
import { openRecord } from './connection-record.js';

/**
 * A test system with a real OAuth2 authorization server (oauth2-mock-server) on 127.0.0.1 and three packs
 * installed: `oauth-app` (authorization code + PKCE, captures), `cc-app` (client credentials) and `key-app`
 * (an API key checked by a test request against the sink).
 */
export async function startOAuthFixture() {
  const system = await startTestSystem({ worker: false });
  const provider = new OAuth2Server();
  await provider.issuer.keys.generate('RS256');
  await provider.start(0, '127.0.0.1');
  const issuer = provider.issuer.url!;
  // The mock signs the same claims within one second into the same JWT; a unique id makes every token distinct.
  provider.service.on('beforeTokenSigning', (token: MutableToken) => {
    token.payload['jti'] = randomUUID();
  });
  const tokenRequests: Record<string, string>[] = [];
  provider.service.on('beforeResponse', (_response: MutableResponse, request: { body: Record<string, string> }) => {
    tokenRequests.push({ ...request.body });
  });
  const registry = createPackRegistry({ database: system.wired.database, now: Date.now });
  const clientFields = [
    { key: 'client_id', label: 'Client id', required: true },
    { key: 'client_secret', label: 'Client secret', secret: true, required: true },
  ];
  const pack = (id: string, auth: Record<string, unknown>) => ({ id, name: id, version: '1.0.0', engine: '^1.0.0', baseUrl: system.sink.url, auth });
  const packs = [
    pack('oauth-app', {
      kind: 'oauth2',
      authorizationUrl: `${issuer}/authorize`,
      tokenUrl: `${issuer}/token`,
      scopes: ['read', 'write'],
      fields: clientFields,
      capture: { fromToken: { token_kind: 'token_type' }, fromCallback: { realm: 'realmId' } },
    }),
    pack('cc-app', { kind: 'oauth2', grant: 'client_credentials', tokenUrl: `${issuer}/token`, clientAuth: 'body', fields: clientFields, test: { path: '/cc/me' } }),
    pack('key-app', {
      kind: 'api_key',
      in: 'header',
      name: 'X-Api-Key',
      fields: [
        { key: 'api_key', label: 'API key', secret: true, required: true },
        { key: 'region', label: 'Region', type: 'select', choices: [{ label: 'EU', value: 'eu' }, { label: 'US', value: 'us' }] },
      ],
      test: { path: '/key/me' },
    }),
  ];
  for (const manifest of packs) {
    const installed = await registry.installPack(manifest, 'test', null);
    if (!installed.ok) throw new Error(`test pack ${manifest.id} is invalid: ${installed.message}`);
  }
  const connections = system.wired.appDeps.connections;

  return {
    system,
    provider,
    issuer,
    connections,
    /** Form bodies of every token request the provider answered, in order. */
    tokenRequests,
    async manifest(packId: string) {
      return (await registry.pack(packId))!.manifest;
    },
    /** The stored row with its secrets opened (tests only). */
    async stored(id: string) {
      const row = await connectionRepo.get(system.wired.database.db, id);
      return row && openRecord(system.wired.appDeps.connections.box, row);
    },
    /** Follows the authorize URL at the provider and returns our callback path (with query) it redirects to. */
    async authorizeAtProvider(authorizeUrl: string): Promise<string> {
      const response = await fetch(authorizeUrl, { redirect: 'manual' });
      const location = response.headers.get('location');
      if (response.status !== 302 || !location) throw new Error(`the provider answered ${response.status}: ${await response.text()}`);
      const url = new URL(location);
      return url.pathname + url.search;
    },
    async close() {
      await provider.stop();
      await system.close();
    },
  };
}

export type OAuthFixture = Awaited<ReturnType<typeof startOAuthFixture>>;
