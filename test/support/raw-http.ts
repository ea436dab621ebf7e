import { connect } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

export interface RawAnswer {
  /** Status from the response line, or null when the server closed without answering. */
  status: number | null;
  head: string;
  /** Body bytes written before the answer arrived or the socket closed. */
  bytesSent: number;
  error?: string;
}

/**
 * Sends a request byte for byte over a plain socket (so headers such as Content-Length plus
 * Transfer-Encoding go out exactly as given), streams `body.bytes` of body in chunks, and stops writing
 * as soon as a final response head arrives. With `holdBodyMs` it waits after the head before the body
 * (so a refusal on the headers alone arrives first); with `paceMs` it pauses between chunks like a
 * streaming sender, so the server has read all it was sent when it answers.
 * Bounded by `timeoutMs`.
 */
export function rawRequest(
  port: number,
  head: string,
  body: { bytes: number; chunked: boolean; chunkSize?: number; holdBodyMs?: number; paceMs?: number },
  timeoutMs = 30_000,
): Promise<RawAnswer> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    const chunkSize = body.chunkSize ?? 64 * 1024;
    const chunk = Buffer.alloc(chunkSize, 'a');
    let received = '';
    let bytesSent = 0;
    let settled = false;
    const finish = (answer: Omit<RawAnswer, 'bytesSent'>) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve({ ...answer, bytesSent });
    };
    const timer = setTimeout(() => finish({ status: null, head: received, error: 'timeout' }), timeoutMs);
    socket.on('data', (data: Buffer) => {
      received += data.toString('latin1');
      for (;;) {
        const end = received.indexOf('\r\n\r\n');
        if (end === -1) return;
        const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(received)?.[1] ?? NaN);
        if (status !== 100) return finish({ status: Number.isNaN(status) ? null : status, head: received.slice(0, end) });
        // `100 Continue` is not the answer; the final one follows.
        received = received.slice(end + 4);
      }
    });
    socket.on('error', (error: Error & { code?: string }) => {
      // Writing into a socket the server already answered and closed: wait briefly for the answer.
      setTimeout(() => finish({ status: null, head: received, error: error.code ?? error.message }), 200);
    });
    socket.on('close', () => setTimeout(() => finish({ status: null, head: received, error: 'closed' }), 200));
    socket.on('connect', async () => {
      socket.write(head);
      // A sender that gives the server a moment to refuse on the headers alone.
      if (body.holdBodyMs) await sleep(body.holdBodyMs);
      while (!settled && !socket.destroyed && bytesSent < body.bytes) {
        const size = Math.min(chunkSize, body.bytes - bytesSent);
        const piece = size === chunkSize ? chunk : chunk.subarray(0, size);
        const frame = body.chunked ? Buffer.concat([Buffer.from(`${size.toString(16)}\r\n`), piece, Buffer.from('\r\n')]) : piece;
        bytesSent += size;
        if (!socket.write(frame)) await new Promise<void>((r) => socket.once('drain', () => r()).once('close', () => r()));
        if (body.paceMs) await sleep(body.paceMs);
      }
      if (!settled && !socket.destroyed && body.chunked) socket.write('0\r\n\r\n');
    });
  });
}
