import type { PackManifest } from '@switchyard/connectors';
import type { ConnectionView } from '../contracts/connection.js';
import type { ConnectionRow } from '../storage/tables.js';
import { readFields, type ConnectionStatus } from './connection-record.js';

/** The API's view of a row, built without opening the secrets: it cannot leak what it never reads. */
export function toConnectionView(row: ConnectionRow, pack: PackManifest | undefined): ConnectionView {
  const fields = readFields(row);
  const secretKeys = pack && pack.auth.kind !== 'none' ? pack.auth.fields.filter((field) => field.secret).map((field) => field.key) : fields.secretKeys;
  return {
    id: row.id,
    packId: row.pack_id,
    name: row.name,
    status: row.status as ConnectionStatus,
    statusMessage: row.status_message,
    lastCheckedAt: row.last_checked_at,
    fields: fields.values,
    captured: fields.captured,
    secrets: secretKeys.map((key) => ({ key, set: fields.secretKeys.includes(key) })),
    authorized: fields.authorized,
    tokenPasted: fields.tokenPasted === true,
    tokenExpiresAt: row.token_expires_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
