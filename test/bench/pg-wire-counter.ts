import { connect, createServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

export interface WireCounts {
  /** Client → server round trips: simple queries ('Q') plus extended-protocol Syncs ('S'), each answered by ReadyForQuery. */
  roundTrips: number;
  /** Transactions begun (simple query `begin`, which is how Kysely opens one). */
  transactions: number;
}

/**
 * A TCP proxy in front of PostgreSQL that counts what clients send, per the wire protocol (v3): the
 * first message of a connection has no type byte, every later one is type (1 byte) + length (4 bytes,
 * itself included) + body. Round trips are what a client waits for; this counts them exactly, with no
 * change to the server and no extension (pg_stat_statements needs a server restart to load).
 */
export async function startPgWireCounter(target = { host: '127.0.0.1', port: 5432 }) {
  const counts: WireCounts = { roundTrips: 0, transactions: 0 };
  const sockets = new Set<Socket>();

  const server = createServer((client) => {
    const upstream = connect(target.port, target.host);
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.once('close', () => sockets.delete(socket));
      socket.on('error', () => {
        client.destroy();
        upstream.destroy();
      });
    }
    upstream.pipe(client);
    let pending: Buffer = Buffer.alloc(0);
    let started = false;
    client.on('data', (chunk: Buffer) => {
      upstream.write(chunk);
      pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
      // Bounded by the bytes received: every iteration consumes one whole message.
      for (;;) {
        const headerBytes = started ? 5 : 4;
        if (pending.length < headerBytes) break;
        const length = pending.readInt32BE(started ? 1 : 0);
        const total = started ? 1 + length : length;
        if (pending.length < total) break;
        if (started) {
          const type = String.fromCharCode(pending[0]!);
          if (type === 'S') counts.roundTrips++;
          if (type === 'Q') {
            counts.roundTrips++;
            if (/^\s*begin\b/i.test(pending.subarray(5, Math.min(total, 20)).toString('utf8'))) counts.transactions++;
          }
        }
        started = true;
        pending = pending.subarray(total);
      }
    });
    client.on('end', () => upstream.end());
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;

  return {
    port,
    /** The same database through this proxy. */
    proxied(databaseUrl: string): string {
      const url = new URL(databaseUrl);
      url.host = `127.0.0.1:${port}`;
      return url.toString();
    },
    snapshot: (): WireCounts => ({ ...counts }),
    async close(): Promise<void> {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

export type PgWireCounter = Awaited<ReturnType<typeof startPgWireCounter>>;
