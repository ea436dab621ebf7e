import type { Db } from './database.js';
import type { UserRow } from './tables.js';

/** Provider accounts (provider id + the provider's subject) linked to users. */
export const identityRepo = {
  async userFor(ex: Db, providerId: string, subject: string): Promise<UserRow | undefined> {
    return ex
      .selectFrom('user_identities')
      .innerJoin('users', 'users.id', 'user_identities.user_id')
      .selectAll('users')
      .where('user_identities.provider_id', '=', providerId)
      .where('user_identities.subject', '=', subject)
      .executeTakeFirst();
  },

  async link(ex: Db, input: { providerId: string; subject: string; userId: string; email: string; now: number }): Promise<void> {
    await ex
      .insertInto('user_identities')
      .values({
        provider_id: input.providerId,
        subject: input.subject,
        user_id: input.userId,
        email: input.email.toLowerCase(),
        created_at: input.now,
        last_sign_in_at: input.now,
      })
      .execute();
  },

  async touch(ex: Db, providerId: string, subject: string, email: string, now: number): Promise<void> {
    await ex
      .updateTable('user_identities')
      .set({ last_sign_in_at: now, email: email.toLowerCase() })
      .where('provider_id', '=', providerId)
      .where('subject', '=', subject)
      .execute();
  },
};
