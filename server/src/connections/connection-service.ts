import type { PackManifest } from '@switchyard/connectors';
import type { Logger } from 'pino';
import type { ConnectionView } from '../contracts/connection.js';
import type { Problem } from '../contracts/problem.js';
import type { EgressClient } from '../egress/egress-client.js';
import { checkSmtpAccount } from '../email/check-smtp-account.js';
import type { PackRegistry } from '../registry/pack-registry.js';
import { auditRepo } from '../storage/audit-repo.js';
import { connectionRepo } from '../storage/connection-repo.js';
import { createId } from '../storage/create-id.js';
import type { Database } from '../storage/database.js';
import type { ConnectionRow } from '../storage/tables.js';
import { checkAddressChange, addressChangedMessage } from './check-address-change.js';
import { checkFieldValues } from './check-field-values.js';
import { ConnectionError } from './connection-error.js';
import { fieldsColumn, openRecord, readFields, sealSecrets, templateFields, type ConnectionRecord, type ConnectionSecrets, type OAuthTokens } from './connection-record.js';
import { toConnectionView } from './connection-view.js';
import type { OAuthAuthorization } from './oauth-authorization.js';
import { OAuthError, type OAuth2Client } from './oauth2-client.js';
import { oauth2Settings, type OAuth2Settings } from './oauth2-settings.js';
import type { ConnectionAuth } from './resolved-connection.js';
import { runConnectionTest, type TestOutcome } from './run-connection-test.js';
import type { SecretBox } from './secret-box.js';
import { rotateSecrets } from './secret-rotation.js';
import { expiryOf, scopeParam } from './token-refresher.js';
import { usedBy } from './used-by.js';
import type { VendorClient } from './vendor-client.js';

export interface ConnectionServiceDeps {
  database: Database;
  box: SecretBox;
  /** Checks SMTP accounts' hosts by the egress policy before connecting to them. */
  egress: EgressClient;
  registry: PackRegistry;
  vendor: VendorClient;
  oauth: OAuth2Client;
  authorization: OAuthAuthorization;
  auth: ConnectionAuth;
  log: Logger;
  now(): number;
}

/** Who acts, for the audit log and the OAuth state. */
export type Actor = { userId: string; email: string } | null;

export type Refusal = { ok: false; status: 404 | 409 | 422; code: string; message: string; problems?: Problem[] };
export type Outcome<T> = { ok: true; value: T } | Refusal;

const refuse = (status: Refusal['status'], code: string, message: string, problems?: Problem[]): Refusal => ({ ok: false, status, code, message, ...(problems && { problems }) });

/**
 * Packs whose accounts are not HTTP (the built-in `smtp` of core/email) declare no test request: saving or
 * testing such a connection runs the pack's own check on its fields instead.
 */
const accountChecks: Readonly<Record<string, (fields: Record<string, unknown>, egress: EgressClient) => Promise<TestOutcome>>> = { smtp: checkSmtpAccount };

function testConnection(egress: EgressClient, ...[vendor, pack, connection, onUnauthorized]: Parameters<typeof runConnectionTest>): Promise<TestOutcome> {
  const check = Object.hasOwn(accountChecks, pack.id) ? accountChecks[pack.id] : undefined;
  return check ? check(connection.fields, egress) : runConnectionTest(vendor, pack, connection, onUnauthorized);
}

/**
 * Creating, changing, testing and deleting connections. Secrets are sealed before they reach storage and
 * leave it only through `ConnectionAuth`; views and log lines are built from non-secret columns.
 */
export function createConnectionService(deps: ConnectionServiceDeps) {
  const { database, box, registry, log } = deps;

  async function installed(packId: string): Promise<PackManifest | undefined> {
    return (await registry.pack(packId))?.manifest;
  }

  async function view(row: ConnectionRow): Promise<ConnectionView> {
    return toConnectionView(row, await installed(row.pack_id));
  }

  /** A transient record for a connection not stored yet, so the test request can see its values. */
  function draftRecord(row: ConnectionRow, secrets: ConnectionSecrets): ConnectionRecord {
    return { row, fields: readFields(row), secrets };
  }

  /** The OAuth settings, or a 422 saying what in the connection's fields keeps them from being filled in. */
  function settingsOf(pack: PackManifest, record: ConnectionRecord): Outcome<OAuth2Settings> {
    try {
      return { ok: true, value: oauth2Settings(pack, templateFields(record)) };
    } catch (error) {
      if (!(error instanceof ConnectionError)) throw error;
      return refuse(422, error.code, error.message);
    }
  }

  /** A pasted token is taken only where the pack offers it; otherwise the request names the wrong thing. */
  function pastedTokens(pack: PackManifest, token: string | undefined): Outcome<OAuthTokens | undefined> {
    if (token === undefined) return { ok: true, value: undefined };
    if (pack.auth.kind !== 'oauth2' || pack.auth.pasteToken === undefined) {
      return refuse(422, 'VALIDATION_FAILED', `/token: pack ${pack.id} does not take a pasted token`, [{ path: '/token', message: 'this pack does not take a pasted token; connect it as its form says' }]);
    }
    return { ok: true, value: { accessToken: token, pasted: true } };
  }

  async function clientCredentialsToken(pack: PackManifest, record: ConnectionRecord): Promise<Outcome<ConnectionSecrets['tokens'] & { expiresAt: number | null }>> {
    const settings = settingsOf(pack, record);
    if (!settings.ok) return settings;
    try {
      const token = await deps.oauth.requestToken({
        tokenUrl: settings.value.tokenUrl,
        clientId: settings.value.clientId,
        clientSecret: settings.value.clientSecret,
        clientAuth: settings.value.auth.clientAuth,
        params: { grant_type: 'client_credentials', ...scopeParam(settings.value.auth.scopes, settings.value.auth.scopeSeparator) },
      });
      return { ok: true, value: { accessToken: token.accessToken, refreshToken: token.refreshToken, tokenType: token.tokenType, scope: token.scope, expiresAt: expiryOf(token, deps.now()) } };
    } catch (error) {
      if (error instanceof OAuthError) return refuse(422, 'TOKEN_REQUEST_FAILED', error.message);
      throw error;
    }
  }

  return {
    async list(packId?: string): Promise<ConnectionView[]> {
      const rows = await connectionRepo.list(database.db, { packId });
      return Promise.all(rows.map(view));
    },

    async get(id: string): Promise<ConnectionView | undefined> {
      const row = await connectionRepo.get(database.db, id);
      return row && view(row);
    },

    async create(
      input: { packId: string; name: string; fields: Record<string, unknown>; token?: string | undefined },
      actor: Actor,
      options: { skipTest: boolean },
    ): Promise<Outcome<{ connection: ConnectionView; authorizeUrl?: string }>> {
      const pack = await installed(input.packId);
      if (!pack) return refuse(422, 'PACK_NOT_INSTALLED', `no pack "${input.packId}" is installed`, [{ path: '/packId', message: 'no such pack is installed' }]);
      if (pack.auth.kind === 'none') return refuse(422, 'NO_AUTH', `pack ${pack.id} needs no connection`, [{ path: '/packId', message: 'this pack needs no connection' }]);
      const checked = checkFieldValues(pack.auth.fields, input.fields);
      if (!checked.ok) return refuse(422, 'VALIDATION_FAILED', `${checked.problems[0]!.path}: ${checked.problems[0]!.message}`, checked.problems);
      const pasted = pastedTokens(pack, input.token);
      if (!pasted.ok) return pasted;
      const now = deps.now();
      const id = createId('con', now);
      let secrets: ConnectionSecrets = { values: checked.result.secrets, tokens: pasted.value };
      const browserFlow = pack.auth.kind === 'oauth2' && pack.auth.grant === 'authorization_code' && pasted.value === undefined;
      const row: ConnectionRow = {
        id,
        pack_id: pack.id,
        name: input.name,
        owner_id: actor?.userId ?? null,
        status: browserFlow ? 'needs_reauth' : 'ok',
        status_message: browserFlow ? 'not yet authorised' : null,
        fields: fieldsColumn({ values: checked.result.values, captured: {} }, secrets),
        secrets: '',
        token_expires_at: null,
        last_checked_at: null,
        revision: 0,
        created_at: now,
        updated_at: now,
      };
      if (browserFlow) {
        const settings = settingsOf(pack, draftRecord(row, secrets));
        if (!settings.ok) return settings;
      }
      if (pack.auth.kind === 'oauth2' && pack.auth.grant === 'client_credentials' && pasted.value === undefined) {
        const token = await clientCredentialsToken(pack, draftRecord(row, secrets));
        if (!token.ok) return token;
        const { expiresAt, ...tokens } = token.value;
        secrets = { ...secrets, tokens };
        row.token_expires_at = expiresAt;
        row.fields = fieldsColumn({ values: checked.result.values, captured: {} }, secrets);
      }
      if (!browserFlow && !options.skipTest) {
        const record = draftRecord(row, secrets);
        const outcome = await testConnection(deps.egress, deps.vendor, pack, { id, packId: pack.id, fields: templateFields(record), accessToken: secrets.tokens?.accessToken });
        if (outcome.ran && !outcome.ok) return refuse(422, 'CONNECTION_TEST_FAILED', outcome.message);
        if (outcome.ran) row.last_checked_at = now;
      }
      row.secrets = sealSecrets(box, id, secrets, now);
      const { revision: _revision, ...insertable } = row;
      await database.write(async (trx) => {
        await connectionRepo.insert(trx, insertable);
        await auditRepo.record(trx, { actor, action: 'connection.create', targetId: id, details: { packId: pack.id, name: input.name } }, now);
      });
      log.info({ connectionId: id, packId: pack.id }, 'connection created');
      const authorizeUrl = browserFlow ? await deps.authorization.start({ row, fields: readFields(row), secrets }, pack, actor?.userId ?? null) : undefined;
      return { ok: true, value: { connection: await view(row), ...(authorizeUrl && { authorizeUrl }) } };
    },

    async update(
      id: string,
      changes: { name?: string | undefined; fields?: Record<string, unknown> | undefined; token?: string | undefined },
      actor: Actor,
      options: { skipTest: boolean },
    ): Promise<Outcome<ConnectionView>> {
      const row = await connectionRepo.get(database.db, id);
      if (!row) return refuse(404, 'NOT_FOUND', `no connection ${id}`);
      const pack = await installed(row.pack_id);
      if (!pack || pack.auth.kind === 'none') return refuse(409, 'PACK_NOT_INSTALLED', `pack ${row.pack_id} is no longer installed; install it to edit this connection`);
      const record = openRecord(box, row);
      const stored = { values: record.fields.values, secrets: record.secrets.values };
      const checked = checkFieldValues(pack.auth.fields, changes.fields ?? {}, stored);
      if (!checked.ok) return refuse(422, 'VALIDATION_FAILED', `${checked.problems[0]!.path}: ${checked.problems[0]!.message}`, checked.problems);
      const address = checkAddressChange(pack, changes.fields ?? {}, stored, checked.result);
      if (address.problems.length > 0) return refuse(422, 'VALIDATION_FAILED', `${address.problems[0]!.path}: ${address.problems[0]!.message}`, address.problems);
      const pasted = pastedTokens(pack, changes.token);
      if (!pasted.ok) return pasted;
      const now = deps.now();
      // Tokens were issued through the old address: they are dropped with it, unless a new one was pasted.
      const dropTokens = address.moved && pack.auth.kind === 'oauth2' && pasted.value === undefined;
      const secrets: ConnectionSecrets = {
        values: checked.result.secrets,
        tokens: pasted.value ?? (dropTokens ? undefined : record.secrets.tokens),
        // A replaced secret keeps verifying webhooks for a while: the vendor may still sign with it.
        previous: rotateSecrets(record.secrets, checked.result.secrets, now),
      };
      const nextRecord = (): ConnectionRecord => ({
        row: { ...row, name: changes.name ?? row.name, fields: fieldsColumn({ values: checked.result.values, captured: record.fields.captured }, secrets) },
        fields: { ...record.fields, values: checked.result.values },
        secrets,
      });
      let health = { status: row.status, status_message: row.status_message, last_checked_at: row.last_checked_at };
      let tokenExpiresAt = dropTokens || pasted.value !== undefined ? null : row.token_expires_at;
      if (dropTokens && pack.auth.kind === 'oauth2' && pack.auth.grant === 'client_credentials') {
        // The secrets were just given again, so a token can be asked for at the new address at once.
        const token = await clientCredentialsToken(pack, nextRecord());
        if (!token.ok) return token;
        const { expiresAt, ...tokens } = token.value;
        secrets.tokens = tokens;
        tokenExpiresAt = expiresAt;
        health = { ...health, status: 'ok', status_message: null };
      } else if (dropTokens) {
        health = { ...health, status: 'needs_reauth', status_message: `authorise again: ${addressChangedMessage}` };
      }
      const next = nextRecord();
      if (pack.auth.kind === 'oauth2' && secrets.tokens?.pasted !== true) {
        const settings = settingsOf(pack, next);
        if (!settings.ok) return settings;
      }
      // An OAuth connection without a token has nothing to test until it is authorised.
      const testable = pack.auth.kind !== 'oauth2' || secrets.tokens !== undefined;
      if (testable && !options.skipTest) {
        const outcome = await testConnection(deps.egress, deps.vendor, pack, { id, packId: pack.id, fields: templateFields(next), accessToken: secrets.tokens?.accessToken });
        if (outcome.ran && !outcome.ok) return refuse(422, 'CONNECTION_TEST_FAILED', outcome.message);
        if (outcome.ran) health = { status: 'ok', status_message: null, last_checked_at: now };
      }
      // New keys, passwords or a pasted token are a fix for a refused one; OAuth needs a new authorisation instead.
      if ((pack.auth.kind !== 'oauth2' && changes.fields !== undefined) || pasted.value !== undefined) health = { ...health, status: 'ok', status_message: null };
      const changed = await database.write(async (trx) => {
        const written = await connectionRepo.update(
          trx,
          id,
          { name: next.row.name, fields: next.row.fields, secrets: sealSecrets(box, id, secrets, now), token_expires_at: tokenExpiresAt, ...health, updated_at: now },
          row.revision,
        );
        if (written) {
          const keys = Object.keys(changes.fields ?? {}).sort().join(',');
          await auditRepo.record(trx, { actor, action: 'connection.update', targetId: id, details: { name: next.row.name, fields: keys, tokenPasted: pasted.value !== undefined } }, now);
        }
        return written;
      });
      if (!changed) return refuse(409, 'CONFLICT', 'the connection changed while this edit was made (perhaps a token refresh); send the edit again');
      const updated = await connectionRepo.get(database.db, id);
      return updated ? { ok: true, value: toConnectionView(updated, pack) } : refuse(404, 'NOT_FOUND', `no connection ${id}`);
    },

    async remove(id: string, actor: Actor): Promise<Outcome<null>> {
      const row = await connectionRepo.get(database.db, id);
      if (!row) return refuse(404, 'NOT_FOUND', `no connection ${id}`);
      const recipes = usedBy(id, await connectionRepo.versionsMentioning(database.db, id));
      if (recipes.length > 0) {
        const names = recipes.map((recipe) => `"${recipe.name}" (${recipe.id})`).join(', ');
        return refuse(409, 'CONNECTION_IN_USE', `recipes use this connection: ${names}; choose another connection in them first`);
      }
      const now = deps.now();
      await database.write(async (trx) => {
        await connectionRepo.remove(trx, id);
        await auditRepo.record(trx, { actor, action: 'connection.delete', targetId: id, details: { packId: row.pack_id, name: row.name } }, now);
      });
      return { ok: true, value: null };
    },

    /** Runs the pack's test request on the stored connection and records the result as its health. */
    async test(id: string): Promise<Outcome<{ ok: boolean; message: string | null; connection: ConnectionView }>> {
      const row = await connectionRepo.get(database.db, id);
      if (!row) return refuse(404, 'NOT_FOUND', `no connection ${id}`);
      const pack = await installed(row.pack_id);
      if (!pack || pack.auth.kind === 'none') return refuse(409, 'PACK_NOT_INSTALLED', `pack ${row.pack_id} is no longer installed`);
      if (!pack.auth.test && !Object.hasOwn(accountChecks, pack.id)) return refuse(422, 'NO_TEST', `pack ${pack.id} declares no test request`);
      let result: { ok: boolean; message: string | null };
      try {
        const resolved = await deps.auth.resolve(id, pack);
        const outcome = await testConnection(deps.egress, deps.vendor, pack, resolved, (stale) => deps.auth.refreshAfterUnauthorized(stale, pack));
        result = outcome.ran && !outcome.ok ? { ok: false, message: outcome.message } : { ok: true, message: null };
      } catch (error) {
        if (!(error instanceof ConnectionError)) throw error;
        result = { ok: false, message: error.message };
      }
      const current = await connectionRepo.get(database.db, id);
      // A connection that needs reauthorising stays so: a failed test says nothing new about it.
      if (current && current.status !== 'needs_reauth') {
        await connectionRepo.setHealth(database.db, id, { status: result.ok ? 'ok' : 'error', status_message: result.message, last_checked_at: deps.now() });
      }
      const after = await connectionRepo.get(database.db, id);
      if (!after) return refuse(404, 'NOT_FOUND', `no connection ${id}`);
      return { ok: true, value: { ...result, connection: toConnectionView(after, pack) } };
    },

    /** A new authorisation URL for an OAuth2 connection (first time, or to reconnect). */
    async authorize(id: string, actor: Actor): Promise<Outcome<string>> {
      const row = await connectionRepo.get(database.db, id);
      if (!row) return refuse(404, 'NOT_FOUND', `no connection ${id}`);
      const pack = await installed(row.pack_id);
      if (!pack || pack.auth.kind !== 'oauth2' || pack.auth.grant !== 'authorization_code') {
        return refuse(409, 'NOT_OAUTH', `connection ${id} does not authorise through the browser (OAuth2 authorization code)`);
      }
      try {
        return { ok: true, value: await deps.authorization.start(openRecord(box, row), pack, actor?.userId ?? null) };
      } catch (error) {
        // Only what the connection's fields cause (no client id, a URL that cannot be filled in) is the user's to fix.
        if (!(error instanceof ConnectionError) || error.code === 'SECRETS_UNREADABLE') throw error;
        return refuse(422, error.code, error.message);
      }
    },
  };
}

export type ConnectionService = ReturnType<typeof createConnectionService>;
