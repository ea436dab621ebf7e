import type { Db } from './database.js';
import type { Tables } from './tables.js';

type StateRow = Tables['sign_in_states'];

/** Sign-ins in flight: written when one starts, taken (read and deleted at once) when its callback arrives. */
export const signInStateRepo = {
  async create(ex: Db, row: StateRow, now: number): Promise<void> {
    // Abandoned sign-ins are cleared as new ones start, so the table stays as small as the traffic.
    await ex.deleteFrom('sign_in_states').where('expires_at', '<=', now).execute();
    await ex.insertInto('sign_in_states').values(row).execute();
  },

  /**
   * Deletes the row and returns it, so a state is used at most once even when two callbacks race: only
   * the caller whose delete removed the row gets it.
   */
  async take(ex: Db, stateHash: string): Promise<StateRow | undefined> {
    return ex.deleteFrom('sign_in_states').where('state_hash', '=', stateHash).returningAll().executeTakeFirst();
  },
};
