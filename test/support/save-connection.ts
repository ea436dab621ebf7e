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
