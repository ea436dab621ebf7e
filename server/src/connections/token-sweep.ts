import type { Logger } from 'pino';
import type { PackRegistry } from '../registry/pack-registry.js';
import { connectionRepo } from '../storage/connection-repo.js';
import type { Database } from '../storage/database.js';
import { ConnectionError } from './connection-error.js';
import type { TokenRefresher } from './token-refresher.js';

/** Tokens expiring this soon are refreshed by the sweep, ahead of the runs that will need them. */
export const sweepAheadMs = 5 * 60_000;
const batch = 100;

/**
 * The housekeeping pass: refreshes OAuth tokens expiring within five minutes (at most `batch` per call)
 * and drops expired OAuth states. One failing connection does not stop the others.
 */
export function createTokenSweep(deps: { database: Database; registry: PackRegistry; refresher: TokenRefresher; log: Logger }) {
  return async function refreshExpiringTokens(now: number): Promise<{ refreshed: number; failed: number }> {
    await connectionRepo.purgeOAuthStates(deps.database.db, now);
    const rows = await connectionRepo.expiringBefore(deps.database.db, now + sweepAheadMs, batch);
    let refreshed = 0;
    let failed = 0;
    for (const row of rows) {
      const pack = (await deps.registry.pack(row.pack_id))?.manifest;
      if (pack?.auth.kind !== 'oauth2') continue;
      try {
        await deps.refresher.refresh(row.id, pack, (record) => (record.row.token_expires_at ?? Infinity) > now + sweepAheadMs);
        refreshed++;
      } catch (error) {
        if (!(error instanceof ConnectionError)) throw error;
        failed++;
        deps.log.warn({ connectionId: row.id, code: error.code }, 'token refresh failed during the sweep');
      }
    }
    return { refreshed, failed };
  };
}

/** Runs the sweep every `intervalMs` (the scheduler role does; one failing pass is logged, not fatal). */
export function startTokenSweep(
  sweep: (now: number) => Promise<unknown>,
  options: { intervalMs: number; now(): number; log: Logger },
): { stop(): void } {
  const timer = setInterval(() => {
    sweep(options.now()).catch((err: unknown) => options.log.error({ err }, 'token refresh sweep failed'));
  }, options.intervalMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
