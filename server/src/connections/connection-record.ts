import type { ConnectionRow } from '../storage/tables.js';
import { ConnectionError } from './connection-error.js';
import { SecretBoxError, type SecretBox } from './secret-box.js';
import { unexpired, type PreviousSecrets } from './secret-rotation.js';

export type ConnectionStatus = 'ok' | 'needs_reauth' | 'error';

export interface OAuthTokens {
  accessToken: string;
  refreshToken?: string | undefined;
  tokenType?: string | undefined;
  scope?: string | undefined;
  /** Pasted by the user (`pasteToken`) rather than issued through OAuth: nothing to refresh it with. */
  pasted?: boolean | undefined;
}

/** What the `secrets` envelope holds. */
export interface ConnectionSecrets {
  values: Record<string, unknown>;
  tokens?: OAuthTokens | undefined;
  /** Secret values replaced by edits, still accepted for incoming webhooks during the rotation window. */
  previous?: PreviousSecrets | undefined;
}

/**
 * What the `fields` column holds: values that may be shown, values captured while authorising, and which
 * secret keys are set (so views need no decryption).
 */
export interface ConnectionFields {
  values: Record<string, unknown>;
  captured: Record<string, unknown>;
  secretKeys: string[];
  authorized: boolean;
  /** Whether the token was pasted (`pasteToken`); absent in rows written before pasting existed. */
  tokenPasted?: boolean;
}

/** A connection row with its columns decoded and its secrets opened. */
export interface ConnectionRecord {
  row: ConnectionRow;
  fields: ConnectionFields;
  secrets: ConnectionSecrets;
}

// The row id is bound into the envelope: secrets copied onto another connection's row do not open.
const contextOf = (connectionId: string) => `connection:${connectionId}`;

/** Seals `secrets` for the row; previous values whose window has passed are dropped on the way. */
export function sealSecrets(box: SecretBox, connectionId: string, secrets: ConnectionSecrets, now: number): string {
  return box.seal(JSON.stringify({ ...secrets, previous: unexpired(secrets.previous, now) }), contextOf(connectionId));
}

export function readFields(row: ConnectionRow): ConnectionFields {
  return JSON.parse(row.fields) as ConnectionFields;
}

export function fieldsColumn(fields: Omit<ConnectionFields, 'secretKeys' | 'authorized' | 'tokenPasted'>, secrets: ConnectionSecrets): string {
  const stored: ConnectionFields = {
    ...fields,
    secretKeys: Object.keys(secrets.values).sort(),
    authorized: secrets.tokens !== undefined,
    tokenPasted: secrets.tokens?.pasted === true,
  };
  return JSON.stringify(stored);
}

export function openRecord(box: SecretBox, row: ConnectionRow): ConnectionRecord {
  try {
    const secrets = JSON.parse(box.open(row.secrets, contextOf(row.id))) as ConnectionSecrets;
    return { row, fields: readFields(row), secrets };
  } catch (error) {
    if (!(error instanceof SecretBoxError)) throw error;
    throw new ConnectionError('SECRETS_UNREADABLE', `the secrets of connection ${row.id} cannot be decrypted: ${error.message}`);
  }
}

/** Every value as templates see it under `{{connection.*}}`. */
export function templateFields(record: ConnectionRecord): Record<string, unknown> {
  return { ...record.fields.values, ...record.secrets.values, ...record.fields.captured };
}
