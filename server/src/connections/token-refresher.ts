import type { OAuth2Auth, PackManifest } from '@switchyard/connectors';
import type { Logger } from 'pino';
import { connectionRepo } from '../storage/connection-repo.js';
import type { Database } from '../storage/database.js';
import type { ConnectionRow } from '../storage/tables.js';
import { captureValues } from './capture-values.js';
import { ConnectionError } from './connection-error.js';
import { fieldsColumn, openRecord, sealSecrets, templateFields, type ConnectionRecord, type ConnectionSecrets } from './connection-record.js';
import { OAuthError, type OAuth2Client, type TokenResponse } from './oauth2-client.js';
import { oauth2Settings } from './oauth2-settings.js';
import type { SecretBox } from './secret-box.js';

export interface TokenRefresherDeps {
  database: Database;
  box: SecretBox;
  oauth: OAuth2Client;
  log: Logger;
  now(): number;
}

// The grant itself is dead (revoked, expired, rotated away) or the client credentials are wrong: only a
// person can fix that, so retrying would only hammer the token endpoint.
type Capture = OAuth2Auth['capture'];

const reauthErrors = new Set(['invalid_grant', 'invalid_client', 'unauthorized_client']);

export function needsReauth(row: ConnectionRow): ConnectionError {
  const why = row.status_message ? `: ${row.status_message}` : '';
  return new ConnectionError('NEEDS_REAUTH', `connection "${row.name}" (${row.id}) needs to be reconnected${why}`);
}

/** Token expiry as stored: absolute epoch ms, or null when the server gave no lifetime. */
export function expiryOf(token: TokenResponse, now: number): number | null {
  return token.expiresIn === undefined ? null : now + token.expiresIn * 1000;
}

/**
 * Gets a new access token for a connection (refresh token, or the client credentials grant), at most one
 * request per connection at a time in this process. Across processes, the write is a compare-and-swap on
 * `revision`: a process that loses the race drops its own answer and uses the token the winner stored.
 */
export function createTokenRefresher(deps: TokenRefresherDeps) {
  const { database, box, oauth, log } = deps;
  const inFlight = new Map<string, Promise<ConnectionRecord>>();

  async function reread(id: string): Promise<ConnectionRecord> {
    const row = await connectionRepo.get(database.db, id);
    if (!row) throw new ConnectionError('CONNECTION_NOT_FOUND', `connection ${id} no longer exists`);
    if (row.status === 'needs_reauth') throw needsReauth(row);
    return openRecord(box, row);
  }

  async function markNeedsReauth(record: ConnectionRecord, message: string): Promise<ConnectionRecord> {
    const { row } = record;
    const marked = await connectionRepo.update(
      database.db,
      row.id,
      { status: 'needs_reauth', status_message: message, updated_at: deps.now() },
      row.revision,
    );
    if (!marked) return reread(row.id);
    log.warn({ connectionId: row.id, packId: row.pack_id }, 'connection needs to be reconnected');
    throw needsReauth({ ...row, status_message: message });
  }

  async function refreshNow(id: string, pack: PackManifest, isFresh: (record: ConnectionRecord) => boolean): Promise<ConnectionRecord> {
    const record = await reread(id);
    if (record.secrets.tokens && isFresh(record)) return record;
    if (record.secrets.tokens?.pasted) return markNeedsReauth(record, 'the vendor refused the pasted token; paste a new one or connect through OAuth');
    const settings = oauth2Settings(pack, templateFields(record));
    const refreshToken = record.secrets.tokens?.refreshToken;
    let params: Record<string, string>;
    if (refreshToken !== undefined) params = { grant_type: 'refresh_token', refresh_token: refreshToken };
    else if (settings.auth.grant === 'client_credentials') params = { grant_type: 'client_credentials', ...scopeParam(settings.auth.scopes, settings.auth.scopeSeparator) };
    else return markNeedsReauth(record, record.secrets.tokens ? 'the access token expired and the provider gave no refresh token' : 'not yet authorised');
    let token: TokenResponse;
    try {
      token = await oauth.requestToken({ tokenUrl: settings.tokenUrl, clientId: settings.clientId, clientSecret: settings.clientSecret, clientAuth: settings.auth.clientAuth, params });
    } catch (error) {
      if (!(error instanceof OAuthError)) throw error;
      if (reauthErrors.has(error.error)) return markNeedsReauth(record, error.message);
      throw new ConnectionError('TOKEN_REQUEST_FAILED', error.message, { retryable: error.retryable, cause: error });
    }
    return store(record, token, refreshToken, settings.auth.capture);
  }

  /**
   * Writes the new tokens with a compare-and-swap on `revision`. When the row changed meanwhile, a token
   * refreshed by someone else wins and ours is dropped; any other change (a rename, a test result) is
   * kept and the tokens are written on top, because the used refresh token may already be rotated away.
   */
  async function store(read: ConnectionRecord, token: TokenResponse, usedRefreshToken: string | undefined, capture: Capture): Promise<ConnectionRecord> {
    let record = read;
    for (let attempt = 0; attempt < 5; attempt++) {
      const now = deps.now();
      const secrets: ConnectionSecrets = {
        ...record.secrets,
        // Rotation: the new refresh token when the server sent one; otherwise the old one stays valid.
        tokens: { accessToken: token.accessToken, refreshToken: token.refreshToken ?? usedRefreshToken, tokenType: token.tokenType, scope: token.scope },
      };
      const captured = { ...record.fields.captured, ...captureValues(capture, { token: token.raw }) };
      // Access and refresh token change in one statement: a crash cannot leave a used-up refresh token stored.
      const written = await connectionRepo.update(
        database.db,
        record.row.id,
        {
          secrets: sealSecrets(box, record.row.id, secrets, now),
          fields: fieldsColumn({ values: record.fields.values, captured }, secrets),
          token_expires_at: expiryOf(token, now),
          status: 'ok',
          status_message: null,
          updated_at: now,
        },
        record.row.revision,
      );
      const current = await reread(record.row.id);
      if (written) return current;
      if (current.secrets.tokens?.refreshToken !== usedRefreshToken || current.secrets.tokens?.accessToken !== read.secrets.tokens?.accessToken) {
        log.info({ connectionId: record.row.id }, 'another process refreshed the token first; using its token');
        return current;
      }
      record = current;
    }
    throw new ConnectionError('TOKEN_REQUEST_FAILED', `connection ${read.row.id} kept changing while its token was stored; try again`, { retryable: true });
  }

  return {
    /**
     * A fresh token for `id`: callers arriving while a refresh is in flight share it. `isFresh` decides, on
     * the row as read inside the flight, whether someone else already refreshed (then no request is sent).
     * A shared flight takes no caller's abort signal: one caller giving up must not fail the others.
     */
    refresh(id: string, pack: PackManifest, isFresh: (record: ConnectionRecord) => boolean): Promise<ConnectionRecord> {
      let flight = inFlight.get(id);
      if (!flight) {
        flight = refreshNow(id, pack, isFresh).finally(() => inFlight.delete(id));
        inFlight.set(id, flight);
      }
      return flight;
    },
    markNeedsReauth,
  };
}

export type TokenRefresher = ReturnType<typeof createTokenRefresher>;

export function scopeParam(scopes: readonly string[], separator: string): Record<string, string> {
  return scopes.length > 0 ? { scope: scopes.join(separator) } : {};
}
