import type { Db } from './database.js';

/** API tokens and sessions: both are looked up by the hash of a secret the client holds. */
export const credentialRepo = {
  async createToken(ex: Db, row: { id: string; userId: string; name: string; tokenHash: string; now: number }) {
    await ex
      .insertInto('api_tokens')
      .values({ id: row.id, user_id: row.userId, name: row.name, token_hash: row.tokenHash, created_at: row.now, last_used_at: null })
      .execute();
  },

  userForToken(ex: Db, tokenHash: string) {
    return ex
      .selectFrom('api_tokens')
      .innerJoin('users', 'users.id', 'api_tokens.user_id')
      .select(['users.id as id', 'users.email as email', 'users.role as role', 'api_tokens.id as tokenId'])
      .where('api_tokens.token_hash', '=', tokenHash)
      .executeTakeFirst();
  },

  async createSession(ex: Db, row: { id: string; userId: string; now: number; expiresAt: number }) {
    await ex.insertInto('sessions').values({ id: row.id, user_id: row.userId, created_at: row.now, expires_at: row.expiresAt }).execute();
  },

  userForSession(ex: Db, sessionId: string, now: number) {
    return ex
      .selectFrom('sessions')
      .innerJoin('users', 'users.id', 'sessions.user_id')
      .select(['users.id as id', 'users.email as email', 'users.role as role'])
      .where('sessions.id', '=', sessionId)
      .where('sessions.expires_at', '>', now)
      .executeTakeFirst();
  },

  async deleteSession(ex: Db, sessionId: string): Promise<void> {
    await ex.deleteFrom('sessions').where('id', '=', sessionId).execute();
  },
};
