import pg from 'pg';
import type { Logger } from 'pino';

export interface Led {
  stop(): Promise<void>;
}

export interface LeadershipOptions {
  url: string;
  /** The advisory lock's key: one per kind of leader, the same in every process. */
  lockKey: number;
  /** Followers try to take the lock this often; the leader checks its session as often. */
  retryMs?: number;
  log: Logger;
  /** What only the leader runs; stopped when leadership ends. */
  lead(): Led;
}

export interface Leadership {
  readonly leading: boolean;
  stop(): Promise<void>;
}

/**
 * Exactly one leader across processes, by a PostgreSQL session-level advisory lock held on a dedicated
 * session: when the leader dies, PostgreSQL ends its session and frees the lock, and a follower takes it
 * at its next try. A leader whose session breaks stops leading at once. Two leaders can still overlap
 * briefly (a session the server has not yet noticed is dead), so what they run must be safe to run
 * twice at the same moment: every claim in it is a compare-and-set.
 */
export function leadWithAdvisoryLock(options: LeadershipOptions): Leadership {
  const retryMs = options.retryMs ?? 2000;
  let client: pg.Client | null = null;
  let led: Led | null = null;
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;
  let ticking: Promise<void> = Promise.resolve();

  const resign = async (reason: string, error?: unknown) => {
    const current = client;
    client = null;
    if (led) {
      options.log.warn({ err: error }, `no longer leading: ${reason}`);
      const stopping = led;
      led = null;
      await stopping.stop();
    }
    await current?.end().catch(() => undefined);
  };

  const session = async (): Promise<pg.Client> => {
    if (client) return client;
    const current = new pg.Client({
      connectionString: options.url,
      application_name: 'switchyard-leader',
      keepAlive: true,
      keepAliveInitialDelayMillis: 10_000,
      query_timeout: retryMs * 2,
      connectionTimeoutMillis: retryMs * 2,
    });
    const onLost = (error?: Error) => {
      if (client === current) ticking = ticking.then(() => resign('the lock session ended', error));
    };
    current.on('error', onLost);
    current.on('end', () => onLost());
    await current.connect();
    client = current;
    return current;
  };

  const tick = async () => {
    try {
      const current = await session();
      if (led) {
        await current.query('SELECT 1');
        return;
      }
      const { rows } = await current.query<{ got: boolean }>('SELECT pg_try_advisory_lock($1) AS got', [options.lockKey]);
      if (rows[0]?.got && !stopped) {
        led = options.lead();
        options.log.info({ lockKey: options.lockKey }, 'leading: took the advisory lock');
      }
    } catch (error) {
      // Leading without a healthy session could mean leading beside someone else: step down.
      await resign('the lock session failed', error);
    }
  };

  const loop = () => {
    if (stopped) return;
    ticking = ticking.then(tick).finally(() => {
      if (stopped) return;
      timer = setTimeout(loop, retryMs);
      timer.unref();
    });
  };
  loop();

  return {
    get leading() {
      return led !== null;
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await ticking;
      if (led) {
        const stopping = led;
        led = null;
        await stopping.stop();
      }
      // Ending the session frees the lock at once, so a follower takes over at its next try.
      await client?.end().catch(() => undefined);
      client = null;
    },
  };
}
