import { createId } from './create-id.js';
import type { Db } from './database.js';

/** Whose attempts to count: one account (by key) or one client address. */
export type AttemptScope = { accountKey: string } | { address: string };

/** Sign-in attempts that have not succeeded, counted by the login rate limit. */
export const loginAttemptRepo = {
  async record(ex: Db, attempt: { accountKey: string; address: string | null; at: number }): Promise<string> {
    const id = createId('att', attempt.at);
    await ex.insertInto('login_attempts').values({ id, account_key: attempt.accountKey, address: attempt.address, at: attempt.at }).execute();
    return id;
  },

  async remove(ex: Db, id: string): Promise<void> {
    await ex.deleteFrom('login_attempts').where('id', '=', id).execute();
  },

  async clearAccount(ex: Db, accountKey: string): Promise<void> {
    await ex.deleteFrom('login_attempts').where('account_key', '=', accountKey).execute();
  },

  /**
   * When the `n`-th newest attempt after `since` was made; undefined when there are fewer than `n`. The
   * limit is exceeded exactly when this exists, and lifts when this attempt leaves the window.
   */
  async nthNewestAt(ex: Db, scope: AttemptScope, since: number, n: number): Promise<number | undefined> {
    const row = await ex
      .selectFrom('login_attempts')
      .select('at')
      .$call((query) => ('accountKey' in scope ? query.where('account_key', '=', scope.accountKey) : query.where('address', '=', scope.address)))
      .where('at', '>', since)
      .orderBy('at', 'desc')
      .limit(1)
      .offset(n - 1)
      .executeTakeFirst();
    return row?.at;
  },

  /** Forgets attempts made at or before `before`; they no longer count towards any limit. */
  async prune(ex: Db, before: number): Promise<number> {
    const result = await ex.deleteFrom('login_attempts').where('at', '<=', before).executeTakeFirst();
    return Number(result.numDeletedRows);
  },
};
