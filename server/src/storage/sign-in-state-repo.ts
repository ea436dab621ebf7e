import type { Db } from './database.js';
import type { Tables } from './tables.js';

type StateRow = Tables['sign_in_states'];

/** Sign-ins in flight: written when one starts, taken (read and deleted at once) when its callback arrives. */
export const signInStateRepo = {
  /** False (nothing written) when `limit` sign-ins are in flight already. */
  async create(ex: Db, row: StateRow, now: number, limit: number): Promise<boolean> {
    // Abandoned sign-ins are cleared as new ones start, so the table stays as small as the traffic.
    await ex.deleteFrom('sign_in_states').where('expires_at', '<=', now).execute();
    const open = await ex.selectFrom('sign_in_states').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst();
    if (Number(open?.n ?? 0) >= limit) return false;
    await ex.insertInto('sign_in_states').values(row).execute();
    return true;
  },

  /**
   * Deletes the row and returns it, so a state is used at most once even when two callbacks race: only
   * the caller whose delete removed the row gets it.
   */
  async take(ex: Db, stateHash: string): Promise<StateRow | undefined> {
    return ex.deleteFrom('sign_in_states').where('state_hash', '=', stateHash).returningAll().executeTakeFirst();
  },
};
