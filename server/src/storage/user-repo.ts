import { createId } from './create-id.js';
import type { Db } from './database.js';
import type { UserRow } from './tables.js';

export const userRepo = {
  async create(ex: Db, input: { email: string; passwordHash: string; role: string; now: number }): Promise<UserRow> {
    const row: UserRow = {
      id: createId('usr', input.now),
      email: input.email.toLowerCase(),
      password_hash: input.passwordHash,
      role: input.role,
      created_at: input.now,
    };
    await ex.insertInto('users').values(row).execute();
    return row;
  },

  byEmail(ex: Db, email: string): Promise<UserRow | undefined> {
    return ex.selectFrom('users').selectAll().where('email', '=', email.toLowerCase()).executeTakeFirst();
  },

  byId(ex: Db, id: string): Promise<UserRow | undefined> {
    return ex.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  },

  list(ex: Db): Promise<UserRow[]> {
    return ex.selectFrom('users').selectAll().orderBy('created_at').execute();
  },

  async count(ex: Db): Promise<number> {
    const row = await ex.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst();
    return Number(row?.n ?? 0);
  },
};
