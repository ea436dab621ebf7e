import type { AuditAction, AuditDetails } from '../contracts/audit.js';
import { createId } from './create-id.js';
import type { Db } from './database.js';
import { toJson } from './json-column.js';
import type { AuditRow } from './tables.js';

export interface NewAuditEntry {
  /** The signed-in user who acted (a principal fits), or null (CLI, approval links). */
  actor: { userId: string; email: string } | null;
  action: AuditAction;
  targetId: string | null;
  details?: AuditDetails;
}

export interface AuditFilter {
  /** A user id or an e-mail address. */
  actor?: string | undefined;
  action?: AuditAction | undefined;
  targetId?: string | undefined;
  after?: number | undefined;
  before?: number | undefined;
  cursor?: string | undefined;
  limit: number;
}

export const auditRepo = {
  /** Pass the transaction that makes the change, so the entry commits (or not) with it. */
  async record(ex: Db, entry: NewAuditEntry, now: number): Promise<void> {
    await ex
      .insertInto('audit_log')
      .values({
        id: createId('aud', now),
        at: now,
        actor_id: entry.actor?.userId ?? null,
        actor_email: entry.actor?.email ?? null,
        action: entry.action,
        target_id: entry.targetId,
        details: toJson(entry.details ?? {}),
      })
      .execute();
  },

  /** Newest first; `cursor` is the id of the last entry of the previous page. */
  list(ex: Db, filter: AuditFilter): Promise<AuditRow[]> {
    let query = ex.selectFrom('audit_log').selectAll().orderBy('id', 'desc').limit(filter.limit);
    const actor = filter.actor;
    if (actor) query = query.where((eb) => eb.or([eb('actor_id', '=', actor), eb('actor_email', '=', actor.toLowerCase())]));
    if (filter.action) query = query.where('action', '=', filter.action);
    if (filter.targetId) query = query.where('target_id', '=', filter.targetId);
    if (filter.after !== undefined) query = query.where('at', '>=', filter.after);
    if (filter.before !== undefined) query = query.where('at', '<', filter.before);
    if (filter.cursor) query = query.where('id', '<', filter.cursor);
    return query.execute();
  },
};
