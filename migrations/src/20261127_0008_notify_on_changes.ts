import { PostgresAdapter, sql, type Kysely } from 'kysely';

// PostgreSQL only (SQLite has one process, which nudges itself): NOTIFYs raised by triggers inside the
// very transaction that changes the rows, so they are sent exactly when it commits and never for a
// rollback, whichever code path wrote. Identical notifications within one transaction are folded into
// one, so a batch of 256 new jobs wakes each listener once.
//
// `switchyard_jobs`: a job became claimable (inserted, woken, handed back). Claims and lease renewals
// (lease_until beyond run_at) and parking in the future (run_at later than the database clock plus a
// second of skew) stay silent; workers' polling finds those.
// `switchyard_changes`: packs, connections or triggers changed; the payload names which, and every
// process drops its cached copies. Trigger rows change on every schedule fire and poll lease, which
// touch only next/last fire times: those stay silent.
const statements = [
  `CREATE FUNCTION switchyard_notify_jobs() RETURNS trigger LANGUAGE plpgsql AS $$
     BEGIN PERFORM pg_notify('switchyard_jobs', ''); RETURN NULL; END $$`,
  `CREATE TRIGGER jobs_notify AFTER INSERT OR UPDATE OF run_at, lease_until ON jobs FOR EACH ROW
     WHEN (NEW.lease_until <= NEW.run_at AND NEW.run_at <= extract(epoch FROM clock_timestamp()) * 1000 + 1000)
     EXECUTE FUNCTION switchyard_notify_jobs()`,
  `CREATE FUNCTION switchyard_notify_changes() RETURNS trigger LANGUAGE plpgsql AS $$
     BEGIN PERFORM pg_notify('switchyard_changes', TG_ARGV[0]); RETURN NULL; END $$`,
  `CREATE TRIGGER pack_versions_notify AFTER INSERT OR UPDATE OR DELETE ON pack_versions
     FOR EACH STATEMENT EXECUTE FUNCTION switchyard_notify_changes('packs')`,
  `CREATE TRIGGER connections_notify AFTER INSERT OR UPDATE OR DELETE ON connections
     FOR EACH STATEMENT EXECUTE FUNCTION switchyard_notify_changes('connections')`,
  `CREATE TRIGGER triggers_notify_rows AFTER INSERT OR DELETE ON triggers
     FOR EACH STATEMENT EXECUTE FUNCTION switchyard_notify_changes('triggers')`,
  `CREATE TRIGGER triggers_notify_update AFTER UPDATE ON triggers FOR EACH ROW
     WHEN (OLD.active IS DISTINCT FROM NEW.active OR OLD.version_id IS DISTINCT FROM NEW.version_id
       OR OLD.config IS DISTINCT FROM NEW.config OR OLD.state IS DISTINCT FROM NEW.state)
     EXECUTE FUNCTION switchyard_notify_changes('triggers')`,
];

const isPostgres = (db: Kysely<unknown>) => db.getExecutor().adapter instanceof PostgresAdapter;

export async function up(db: Kysely<unknown>): Promise<void> {
  if (!isPostgres(db)) return;
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (!isPostgres(db)) return;
  for (const statement of [
    'DROP TRIGGER triggers_notify_update ON triggers',
    'DROP TRIGGER triggers_notify_rows ON triggers',
    'DROP TRIGGER connections_notify ON connections',
    'DROP TRIGGER pack_versions_notify ON pack_versions',
    'DROP FUNCTION switchyard_notify_changes',
    'DROP TRIGGER jobs_notify ON jobs',
    'DROP FUNCTION switchyard_notify_jobs',
  ]) {
    await sql.raw(statement).execute(db);
  }
}
