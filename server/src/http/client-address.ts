import type { IncomingMessage } from 'node:http';
import type { Context } from 'hono';

/**
 * The peer address of the TCP connection. Headers such as X-Forwarded-For are not consulted: any client
 * can send them, so trusting them would let an attacker pick a fresh address for every request.
 * Undefined when the app is called in-process (tests, the CLI), where there is no socket.
 */
export function clientAddress(c: Context): string | undefined {
  return (c.env as { incoming?: IncomingMessage } | undefined)?.incoming?.socket?.remoteAddress;
}
