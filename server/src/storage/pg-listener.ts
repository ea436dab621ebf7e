import pg from 'pg';
import type { Logger } from 'pino';

export interface PgListenerOptions {
  url: string;
  channels: string[];
  log: Logger;
  onNotify(channel: string, payload: string): void;
  /**
   * After every (re)connect, once LISTEN is in place: whatever was sent while nobody listened is lost,
   * so callers re-read (drop caches, look for due jobs) here.
   */
  onConnect(): void;
  /** First reconnect delay, doubled per failure up to `maxRetryMs`. */
  retryMs?: number;
  maxRetryMs?: number;
}

export interface PgListener {
  readonly connected: boolean;
  stop(): Promise<void>;
}

/**
 * One dedicated PostgreSQL session per process that LISTENs (a pooled connection cannot: it is handed
 * to other queries and its subscriptions with it). A lost session is reopened with backoff; TCP
 * keepalive notices a silently dead peer.
 */
export function listenPostgres(options: PgListenerOptions): PgListener {
  const minRetry = options.retryMs ?? 500;
  const maxRetry = options.maxRetryMs ?? 10_000;
  let client: pg.Client | null = null;
  let connected = false;
  let stopped = false;
  let retry = minRetry;
  let timer: NodeJS.Timeout | null = null;
  let connecting: Promise<void> = Promise.resolve();

  const scheduleReconnect = () => {
    if (stopped || timer) return;
    timer = setTimeout(() => {
      timer = null;
      connecting = connect();
    }, retry);
    timer.unref();
    retry = Math.min(maxRetry, retry * 2);
  };

  const lost = (current: pg.Client, error?: Error) => {
    if (client !== current) return;
    client = null;
    if (connected) options.log.warn({ err: error }, 'lost the LISTEN session to PostgreSQL; reconnecting');
    connected = false;
    current.removeAllListeners('notification');
    void current.end().catch(() => undefined);
    scheduleReconnect();
  };

  const connect = async () => {
    const current = new pg.Client({
      connectionString: options.url,
      application_name: 'switchyard-listen',
      keepAlive: true,
      keepAliveInitialDelayMillis: 10_000,
      connectionTimeoutMillis: 10_000,
    });
    client = current;
    current.on('error', (error) => lost(current, error));
    current.on('end', () => lost(current));
    current.on('notification', (message) => options.onNotify(message.channel, message.payload ?? ''));
    try {
      await current.connect();
      for (const channel of options.channels) await current.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
    } catch (error) {
      if (retry === minRetry) options.log.warn({ err: error }, 'cannot LISTEN on PostgreSQL; polling meanwhile, retrying');
      lost(current, error as Error);
      return;
    }
    if (stopped || client !== current) return void current.end().catch(() => undefined);
    connected = true;
    retry = minRetry;
    options.onConnect();
  };

  connecting = connect();
  return {
    get connected() {
      return connected;
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      // Ending a session while it is still connecting would leave its socket behind.
      await connecting;
      const current = client;
      client = null;
      connected = false;
      await current?.end().catch(() => undefined);
    },
  };
}
