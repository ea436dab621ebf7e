import { connect } from 'node:net';

export interface DripOutcome {
  /** Status from a response line the server sent, or null when it closed without one. */
  status: number | null;
  /** How the sender's attempt ended: `answered`, `closed`, an error code, or `gave-up` (never cut off). */
  ending: string;
  /** Milliseconds from connect until the server answered or closed (or the sender gave up). */
  elapsedMs: number;
  /** Drip bytes written before the end. */
  dripped: number;
}

/**
 * A slow sender: writes `head` at once, then one byte of `a` every `intervalMs`, at most `maxBytes`
 * times, and reports when the server answered or closed the connection. Stops (`gave-up`) after the
 * last byte plus `graceMs`, so a server that never cuts it off ends the attempt instead of hanging it.
 */
export function dripRequest(port: number, head: string, drip: { intervalMs: number; maxBytes: number; graceMs?: number }): Promise<DripOutcome> {
  return new Promise((resolve) => {
    const startedAt = Date.now();
    const socket = connect(port, '127.0.0.1');
    let received = '';
    let dripped = 0;
    let settled = false;
    const timers: NodeJS.Timeout[] = [];
    const finish = (ending: string) => {
      if (settled) return;
      settled = true;
      for (const timer of timers) clearTimeout(timer);
      clearInterval(ticker);
      socket.destroy();
      const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(received)?.[1] ?? NaN);
      resolve({ status: Number.isNaN(status) ? null : status, ending, elapsedMs: Date.now() - startedAt, dripped });
    };
    const ticker = setInterval(() => {
      if (dripped >= drip.maxBytes || socket.destroyed) return;
      dripped++;
      socket.write('a');
      if (dripped === drip.maxBytes) timers.push(setTimeout(() => finish('gave-up'), drip.graceMs ?? 1_000));
    }, drip.intervalMs);
    socket.on('connect', () => socket.write(head));
    socket.on('data', (data: Buffer) => {
      received += data.toString('latin1');
      if (received.includes('\r\n\r\n')) finish('answered');
    });
    socket.on('error', (error: Error & { code?: string }) => finish(error.code ?? error.message));
    socket.on('close', () => finish(received ? 'answered' : 'closed'));
  });
}
