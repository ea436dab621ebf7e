import { sql } from 'kysely';
import { finishedRunStatuses } from '../contracts/run.js';
import type { Database, Db } from './database.js';

/** Housekeeping queries; the dialect-specific parts (sizes, vacuum, checkpoints) live here. */
export const maintenanceRepo = {
  /** Deletes up to `limit` finished runs that ended before `before` (their steps go with them); returns how many. */
  async deleteFinishedRuns(ex: Db, options: { before?: number; limit: number }): Promise<number> {
    let oldest = ex.selectFrom('runs').select('id').where('status', 'in', finishedRunStatuses).orderBy('finished_at').limit(options.limit);
    if (options.before !== undefined) oldest = oldest.where('finished_at', '<', options.before);
    const result = await ex.deleteFrom('runs').where('id', 'in', oldest).executeTakeFirst();
    return Number(result.numDeletedRows);
  },

  /** Forgets inbox entries older than `before`: a duplicate arriving later than that would start a new run. */
  async deleteInbox(ex: Db, before: number, limit: number): Promise<number> {
    const oldest = ex.selectFrom('inbox').select('id').where('received_at', '<', before).limit(limit);
    const result = await ex.deleteFrom('inbox').where('id', 'in', oldest).executeTakeFirst();
    return Number(result.numDeletedRows);
  },

  /** Deletes up to `limit` audit entries made before `before` (the audit retention); returns how many. */
  async deleteAuditEntries(ex: Db, before: number, limit: number): Promise<number> {
    const oldest = ex.selectFrom('audit_log').select('id').where('at', '<', before).limit(limit);
    const result = await ex.deleteFrom('audit_log').where('id', 'in', oldest).executeTakeFirst();
    return Number(result.numDeletedRows);
  },

  /** Deletes up to `limit` failed sign-in attempts made before `before`; returns how many. */
  async deleteLoginAttempts(ex: Db, before: number, limit: number): Promise<number> {
    const oldest = ex.selectFrom('login_attempts').select('id').where('at', '<', before).limit(limit);
    const result = await ex.deleteFrom('login_attempts').where('id', 'in', oldest).executeTakeFirst();
    return Number(result.numDeletedRows);
  },

  async databaseBytes(database: Database): Promise<number> {
    if (database.dialect === 'postgres') {
      const { rows } = await sql<{ bytes: string }>`select pg_database_size(current_database())::text as bytes`.execute(database.db);
      return Number(rows[0]?.bytes ?? 0);
    }
    const { rows } = await sql<{ bytes: number }>`select page_count * page_size as bytes from pragma_page_count(), pragma_page_size()`.execute(database.db);
    return Number(rows[0]?.bytes ?? 0);
  },

  async counts(ex: Db): Promise<{ runs: number; runSteps: number; inbox: number; jobs: number }> {
    const count = async (table: 'runs' | 'run_steps' | 'inbox' | 'jobs') =>
      Number((await ex.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst())?.n ?? 0);
    return { runs: await count('runs'), runSteps: await count('run_steps'), inbox: await count('inbox'), jobs: await count('jobs') };
  },
};
