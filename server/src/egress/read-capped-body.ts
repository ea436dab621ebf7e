import type { Readable } from 'node:stream';
import { EgressError } from './egress-error.js';

/**
 * Buffers a response body, destroying the stream (and with it the connection) as soon as it is
 * known to exceed `limit`, so an endless or huge body costs at most `limit` bytes of memory.
 */
export async function readCappedBody(
  body: Readable,
  options: { limit: number; declaredLength: string | undefined; origin: string },
): Promise<Buffer> {
  const abandon = (): EgressError => {
    // Destroying reports an abort on the stream; nobody is reading it any more, so that is expected.
    body.on('error', () => undefined);
    body.destroy();
    return new EgressError('EGRESS_RESPONSE_TOO_LARGE', `response from ${options.origin} exceeds ${options.limit} bytes`);
  };
  if (options.declaredLength !== undefined && Number(options.declaredLength) > options.limit) throw abandon();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > options.limit) throw abandon();
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, size);
}
