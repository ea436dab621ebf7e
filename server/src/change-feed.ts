import type { Logger } from 'pino';
import { listenPostgres, type PgListener } from './storage/pg-listener.js';

/** What the database triggers of migration 0008 name in a `switchyard_changes` notification. */
export type ChangeKind = 'packs' | 'connections' | 'triggers';

export interface ChangeFeedOptions {
  url: string;
  log: Logger;
  /** Caches to drop per kind of change, made anywhere in the cluster. */
  caches: Record<ChangeKind, (() => void)[]>;
  /** A job became due somewhere (or notifications may have been missed): look for work now. */
  onJobsDue(): void;
}

/**
 * PostgreSQL only: one LISTEN session per process hears new jobs and changes to packs, connections and
 * live triggers from every process, so caches are dropped and workers woken within milliseconds. When
 * the session is down, caches fall back to their TTLs and workers to polling; after a reconnect
 * everything cached is dropped, since what changed meanwhile was not heard.
 */
export function startChangeFeed(options: ChangeFeedOptions): PgListener {
  const dropAll = () => {
    for (const drops of Object.values(options.caches)) for (const drop of drops) drop();
  };
  return listenPostgres({
    url: options.url,
    log: options.log,
    channels: ['switchyard_jobs', 'switchyard_changes'],
    onNotify(channel, payload) {
      if (channel === 'switchyard_jobs') return options.onJobsDue();
      const drops = Object.hasOwn(options.caches, payload) ? options.caches[payload as ChangeKind] : undefined;
      if (drops) for (const drop of drops) drop();
      else dropAll();
    },
    onConnect() {
      dropAll();
      options.onJobsDue();
    },
  });
}
