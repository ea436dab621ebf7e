import type { PackManifest } from '@switchyard/connectors';
import { connectionRepo } from '../storage/connection-repo.js';
import type { Database } from '../storage/database.js';
import { ConnectionError } from './connection-error.js';
import { openRecord, templateFields, type ConnectionRecord } from './connection-record.js';
import type { ConnectionAuth, ResolvedConnection } from './resolved-connection.js';
import type { SecretBox } from './secret-box.js';
import { previousFieldValues } from './secret-rotation.js';
import { needsReauth, type TokenRefresher } from './token-refresher.js';

/** Tokens this close to expiry are refreshed before use, so a call does not start with a dying token. */
export const refreshAheadMs = 60_000;

export interface ConnectionAuthDeps {
  database: Database;
  box: SecretBox;
  refresher: TokenRefresher;
  now(): number;
}

function toResolved(record: ConnectionRecord, now: number): ResolvedConnection {
  const previousFields = previousFieldValues(record.secrets.previous, now);
  return {
    id: record.row.id,
    packId: record.row.pack_id,
    fields: templateFields(record),
    accessToken: record.secrets.tokens?.accessToken,
    ...(previousFields && { previousFields }),
  };
}

/** Waits for `work` but gives up when `signal` aborts (the work itself may be shared and goes on). */
function abortable<T>(work: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return work;
  signal.throwIfAborted();
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

export function createConnectionAuth(deps: ConnectionAuthDeps): ConnectionAuth {
  const { database, box, refresher } = deps;

  async function load(connectionId: string, pack: PackManifest): Promise<ConnectionRecord> {
    const row = await connectionRepo.get(database.db, connectionId);
    if (!row) throw new ConnectionError('CONNECTION_NOT_FOUND', `connection ${connectionId} does not exist; choose another connection for this step`);
    if (row.pack_id !== pack.id) {
      throw new ConnectionError('CONNECTION_WRONG_PACK', `connection ${connectionId} belongs to pack ${row.pack_id}, not ${pack.id}`);
    }
    if (row.status === 'needs_reauth') throw needsReauth(row);
    return openRecord(box, row);
  }

  return {
    async resolve(connectionId, pack, signal) {
      const record = await load(connectionId, pack);
      if (pack.auth.kind !== 'oauth2') return toResolved(record, deps.now());
      const usable = (r: ConnectionRecord) => r.row.token_expires_at === null || r.row.token_expires_at - deps.now() > refreshAheadMs;
      if (record.secrets.tokens && usable(record)) return toResolved(record, deps.now());
      return toResolved(await abortable(refresher.refresh(connectionId, pack, usable), signal), deps.now());
    },

    async refreshAfterUnauthorized(stale, pack, signal) {
      const record = await load(stale.id, pack);
      if (pack.auth.kind === 'oauth2') {
        const replaced = (r: ConnectionRecord) => r.secrets.tokens?.accessToken !== stale.accessToken;
        return toResolved(await abortable(refresher.refresh(stale.id, pack, replaced), signal), deps.now());
      }
      // Keys and passwords cannot be refreshed: unless someone changed them meanwhile, a person must.
      const current = toResolved(record, deps.now());
      if (Object.keys(record.secrets.values).some((key) => current.fields[key] !== stale.fields[key])) return current;
      return toResolved(await refresher.markNeedsReauth(record, 'the vendor refused the credentials (401 Unauthorized); edit the connection'), deps.now());
    },
  };
}
