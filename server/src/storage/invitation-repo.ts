import { createId } from './create-id.js';
import type { Db } from './database.js';
import type { InvitationRow } from './tables.js';

export const invitationRepo = {
  async create(ex: Db, input: { email: string; role: string; invitedBy: string | null; now: number; expiresAt: number }): Promise<InvitationRow> {
    const row: InvitationRow = {
      id: createId('inv', input.now),
      email: input.email.toLowerCase(),
      role: input.role,
      invited_by: input.invitedBy,
      created_at: input.now,
      expires_at: input.expiresAt,
      accepted_at: null,
      accepted_user_id: null,
      revoked_at: null,
    };
    await ex.insertInto('invitations').values(row).execute();
    return row;
  },

  /** The newest invitation for `email` that is neither accepted, revoked nor expired. */
  openFor(ex: Db, email: string, now: number): Promise<InvitationRow | undefined> {
    return ex
      .selectFrom('invitations')
      .selectAll()
      .where('email', '=', email.toLowerCase())
      .where('accepted_at', 'is', null)
      .where('revoked_at', 'is', null)
      .where('expires_at', '>', now)
      .orderBy('id', 'desc')
      .executeTakeFirst();
  },

  byId(ex: Db, id: string): Promise<InvitationRow | undefined> {
    return ex.selectFrom('invitations').selectAll().where('id', '=', id).executeTakeFirst();
  },

  /** Newest first. */
  list(ex: Db, limit: number): Promise<InvitationRow[]> {
    return ex.selectFrom('invitations').selectAll().orderBy('id', 'desc').limit(limit).execute();
  },

  /** Revokes every open invitation of `email` (re-inviting replaces the old one); returns how many. */
  async revokeOpen(ex: Db, email: string, now: number): Promise<number> {
    const result = await ex
      .updateTable('invitations')
      .set({ revoked_at: now })
      .where('email', '=', email.toLowerCase())
      .where('accepted_at', 'is', null)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows);
  },

  /** False when it was accepted or revoked meanwhile. */
  async revoke(ex: Db, id: string, now: number): Promise<boolean> {
    const result = await ex
      .updateTable('invitations')
      .set({ revoked_at: now })
      .where('id', '=', id)
      .where('accepted_at', 'is', null)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  },

  /** Only an open invitation can be accepted, once: false for the loser of two racing sign-ins. */
  async accept(ex: Db, id: string, userId: string, now: number): Promise<boolean> {
    const result = await ex
      .updateTable('invitations')
      .set({ accepted_at: now, accepted_user_id: userId })
      .where('id', '=', id)
      .where('accepted_at', 'is', null)
      .where('revoked_at', 'is', null)
      .where('expires_at', '>', now)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  },
};
