import type { SwitchyardProcess } from './switchyard-process.js';

export interface SavedConnection {
  status: number;
  /** Empty when the connection was refused. */
  id: string;
  /** The refusal's message, if any. */
  message: string | undefined;
}

export interface ConnectionFields {
  packId: string;
  name: string;
  fields: Record<string, unknown>;
  /** A pasted token (API key, personal or private app token); left out for packs whose secrets are fields. */
  token?: string;
}

/** Saves a connection through POST /connections (the pack's test request runs then) and answers how it went. */
export async function saveConnection(server: SwitchyardProcess, connection: ConnectionFields): Promise<SavedConnection> {
  const created = await server.api<{ connection?: { id: string }; error?: { message: string } }>('POST', '/connections', connection);
  return { status: created.status, id: created.body.connection?.id ?? '', message: created.body.error?.message };
}

/** Saves an OAuth app's connection and starts authorising it (POST oauth/start); answers its id and the vendor's authorize URL. Throws on any refusal. */
export async function startOAuth(server: SwitchyardProcess, connection: ConnectionFields): Promise<{ id: string; authorizeUrl: URL }> {
  const created = await saveConnection(server, connection);
  if (created.status !== 201) throw new Error(`creating the connection answered ${created.status}: ${created.message}`);
  const started = await server.api<{ authorizeUrl: string }>('POST', `/connections/${created.id}/oauth/start`, {});
  if (started.status !== 200) throw new Error(`oauth/start answered ${started.status}: ${JSON.stringify(started.body)}`);
  return { id: created.id, authorizeUrl: new URL(started.body.authorizeUrl) };
}

/**
 * Saves an OAuth connection and authorises it as the builder's "Connect" button does: oauth/start, the fake's
 * consent page redirecting at once to the callback, which completes the exchange. Throws on any refusal.
 */
export async function connectThroughOAuth(server: SwitchyardProcess, connection: ConnectionFields): Promise<{ id: string; authorizeUrl: URL; callback: URL }> {
  const { id, authorizeUrl } = await startOAuth(server, connection);
  const consent = await fetch(authorizeUrl, { redirect: 'manual' });
  const callback = new URL(consent.headers.get('location')!);
  const done = await server.request<{ connectionId: string }>('GET', `${callback.pathname}${callback.search}&format=json`);
  if (done.status !== 200) throw new Error(`the callback answered ${done.status}: ${JSON.stringify(done.body)}`);
  return { id, authorizeUrl, callback };
}
