import { Readable } from 'node:stream';

export type CappedBody = { ok: true; body: Buffer } | { ok: false };

/**
 * Reads a request body but keeps at most `limit` bytes, whatever Content-Length claimed: chunked bodies
 * and lying lengths are cut off at the limit instead of being buffered. Past the limit it stops reading
 * without destroying the stream: the HTTP server then drains the rest briefly, so the sender reads our
 * 413 instead of a connection reset that it would answer by sending everything again.
 */
export function readCappedBody(source: Readable | ReadableStream<Uint8Array> | null, limit: number): Promise<CappedBody> {
  if (!source) return Promise.resolve({ ok: true, body: Buffer.alloc(0) });
  return source instanceof Readable ? readNodeStream(source, limit) : readWebStream(source, limit);
}

function readNodeStream(stream: Readable, limit: number): Promise<CappedBody> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const cleanup = () => {
      stream.off('data', onData);
      stream.off('end', onEnd);
      stream.off('error', onError);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) {
        chunks.push(chunk);
        return;
      }
      cleanup();
      stream.pause();
      resolve({ ok: false });
    };
    const onEnd = () => {
      cleanup();
      resolve({ ok: true, body: Buffer.concat(chunks, size) });
    };
    const onError = (error: Error) => {
      cleanup();
      reject(error);
    };
    stream.on('data', onData);
    stream.once('end', onEnd);
    stream.once('error', onError);
  });
}

async function readWebStream(stream: ReadableStream<Uint8Array>, limit: number): Promise<CappedBody> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return { ok: true, body: Buffer.concat(chunks, size) };
    size += value.byteLength;
    if (size > limit) {
      reader.releaseLock();
      return { ok: false };
    }
    chunks.push(value);
  }
}
