import { createHash, randomBytes } from 'node:crypto';
import type { PackManifest } from '@switchyard/connectors';
import type { Logger } from 'pino';
import type { PackRegistry } from '../registry/pack-registry.js';
import { auditRepo } from '../storage/audit-repo.js';
import { connectionRepo } from '../storage/connection-repo.js';
import type { Database } from '../storage/database.js';
import { callbackSignatureMatches } from './callback-signature.js';
import { captureValues } from './capture-values.js';
import { ConnectionError } from './connection-error.js';
import { fieldsColumn, openRecord, sealSecrets, templateFields, type ConnectionRecord, type ConnectionSecrets } from './connection-record.js';
import { OAuthError, type OAuth2Client } from './oauth2-client.js';
import { oauth2Settings } from './oauth2-settings.js';
import { createPkcePair } from './pkce.js';
import type { SecretBox } from './secret-box.js';
import { expiryOf, scopeParam } from './token-refresher.js';

export const callbackPath = '/api/v1/connections/oauth/callback';
export const stateLifetimeMs = 10 * 60_000;

export interface OAuthAuthorizationDeps {
  database: Database;
  box: SecretBox;
  oauth: OAuth2Client;
  registry: PackRegistry;
  log: Logger;
  now(): number;
  publicUrl: string;
}

export type CallbackResult =
  | { ok: true; connectionId: string; name: string }
  | { ok: false; code: 'OAUTH_STATE_INVALID' | 'OAUTH_OTHER_USER' | 'OAUTH_DENIED' | 'OAUTH_EXCHANGE_FAILED' | 'OAUTH_SIGNATURE_INVALID'; message: string };

const hashState = (state: string) => createHash('sha256').update(state).digest('hex');
const stateContext = (stateHash: string) => `oauth-state:${stateHash}`;

/**
 * The authorization code grant (RFC 6749 §4.1) with PKCE S256. The `state` is a single-use 256-bit random
 * value: only its hash is stored, with the code verifier sealed beside it, and the callback deletes the row
 * in the same statement that reads it, so a replayed callback finds nothing.
 */
export function createOAuthAuthorization(deps: OAuthAuthorizationDeps) {
  const { database, box, oauth, log } = deps;
  const redirectUri = `${deps.publicUrl}${callbackPath}`;

  return {
    redirectUri,

    async start(record: ConnectionRecord, pack: PackManifest, actorId: string | null): Promise<string> {
      const settings = oauth2Settings(pack, templateFields(record));
      const { auth, authorizationUrl } = settings;
      if (auth.grant !== 'authorization_code' || authorizationUrl === undefined) {
        throw new ConnectionError('AUTH_MISCONFIGURED', `pack ${pack.id} has no authorization URL, so there is nothing to open in the browser`);
      }
      const now = deps.now();
      const state = randomBytes(32).toString('base64url');
      const stateHash = hashState(state);
      const pkce = auth.pkce ? createPkcePair() : undefined;
      await connectionRepo.purgeOAuthStates(database.db, now);
      await connectionRepo.insertOAuthState(database.db, {
        state_hash: stateHash,
        connection_id: record.row.id,
        secrets: box.seal(JSON.stringify({ verifier: pkce?.verifier }), stateContext(stateHash)),
        created_by: actorId,
        expires_at: now + stateLifetimeMs,
      });
      const url = new URL(authorizationUrl);
      const params: Record<string, string> = {
        ...auth.authorizeParams,
        response_type: 'code',
        client_id: settings.clientId,
        redirect_uri: redirectUri,
        state,
        ...scopeParam(auth.scopes, auth.scopeSeparator),
        ...(pkce && { code_challenge: pkce.challenge, code_challenge_method: 'S256' }),
      };
      for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
      return url.href;
    },

    /**
     * Handles the browser's return from the provider. Any failure stores nothing on the connection.
     * `signedIn` is the user whose session the browser carries, if any: a link started by someone else is
     * refused, so nobody can trick a colleague into linking the colleague's account to their connection.
     * Without a session (the provider opened a new browser) the single-use secret `state` is enough.
     */
    async complete(query: Record<string, string>, signedIn: string | null = null): Promise<CallbackResult> {
      const state = query['state'];
      const invalid = (message: string) => ({ ok: false, code: 'OAUTH_STATE_INVALID', message }) as const;
      if (!state) return invalid('the callback has no state parameter; start the connection again from Switchyard');
      const stateHash = hashState(state);
      const taken = await connectionRepo.takeOAuthState(database.db, stateHash);
      if (!taken) return invalid('this authorisation link is unknown or was already used; start the connection again from Switchyard');
      if (taken.expires_at <= deps.now()) return invalid('this authorisation took longer than 10 minutes; start the connection again');
      if (signedIn !== null && taken.created_by !== null && signedIn !== taken.created_by) {
        log.warn({ connectionId: taken.connection_id }, 'authorisation callback refused: another user started it');
        return { ok: false, code: 'OAUTH_OTHER_USER', message: 'another Switchyard user started this authorisation, so it was not used; to connect your own account, start it yourself from Switchyard' };
      }
      if (query['error']) {
        const description = query['error_description'] ? `: ${query['error_description'].slice(0, 500)}` : '';
        return { ok: false, code: 'OAUTH_DENIED', message: `the provider did not authorise the connection (${query['error'].slice(0, 100)}${description})` };
      }
      const code = query['code'];
      if (!code) return { ok: false, code: 'OAUTH_DENIED', message: 'the provider sent no authorization code' };
      const row = await connectionRepo.get(database.db, taken.connection_id);
      const installed = row && (await deps.registry.pack(row.pack_id));
      if (!row || !installed) return invalid('the connection or its pack was deleted while it was being authorised');
      const record = openRecord(box, row);
      const { verifier } = JSON.parse(box.open(taken.secrets, stateContext(stateHash))) as { verifier?: string };
      const settings = oauth2Settings(installed.manifest, templateFields(record));
      const signature = settings.auth.callbackSignature;
      if (signature && !callbackSignatureMatches(signature, settings.clientSecret, query)) {
        log.warn({ connectionId: row.id }, 'authorisation callback refused: its signature does not match the client secret');
        return { ok: false, code: 'OAUTH_SIGNATURE_INVALID', message: `the provider's signature on the callback (${signature.param}) does not match the client secret; check the connection's client secret and start again` };
      }
      let token;
      try {
        token = await oauth.requestToken({
          tokenUrl: settings.tokenUrl,
          clientId: settings.clientId,
          clientSecret: settings.clientSecret,
          clientAuth: settings.auth.clientAuth,
          params: { grant_type: 'authorization_code', code, redirect_uri: redirectUri, ...(verifier && { code_verifier: verifier }) },
        });
      } catch (error) {
        if (!(error instanceof OAuthError)) throw error;
        log.warn({ connectionId: row.id, oauthError: error.error }, 'authorization code exchange failed');
        return { ok: false, code: 'OAUTH_EXCHANGE_FAILED', message: error.message };
      }
      const now = deps.now();
      const secrets: ConnectionSecrets = {
        ...record.secrets,
        tokens: { accessToken: token.accessToken, refreshToken: token.refreshToken, tokenType: token.tokenType, scope: token.scope },
      };
      const captured = { ...record.fields.captured, ...captureValues(settings.auth.capture, { token: token.raw, callback: query }) };
      await database.write(async (trx) => {
        await connectionRepo.update(trx, row.id, {
          secrets: sealSecrets(box, row.id, secrets, now),
          fields: fieldsColumn({ values: record.fields.values, captured }, secrets),
          token_expires_at: expiryOf(token, now),
          status: 'ok',
          status_message: null,
          updated_at: now,
        });
        await auditRepo.record(trx, { actor: null, action: 'connection.authorize', targetId: row.id, details: { startedBy: taken.created_by } }, now);
      });
      log.info({ connectionId: row.id, packId: row.pack_id }, 'connection authorised');
      return { ok: true, connectionId: row.id, name: row.name };
    },
  };
}

export type OAuthAuthorization = ReturnType<typeof createOAuthAuthorization>;
