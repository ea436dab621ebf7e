import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeVendorRequest {
  method: string;
  /** Path and query as received. */
  url: URL;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export interface FakeVendorAnswer {
  status?: number;
  headers?: Record<string, string>;
  /** Sent as JSON unless it is a string (sent as text/plain). */
  body?: unknown;
}

export interface FakeVendor {
  /** Origin, e.g. `http://127.0.0.1:40123`. */
  url: string;
  requests: FakeVendorRequest[];
  close(): Promise<void>;
}

/** A vendor API on 127.0.0.1 for tests: records every request with its raw body and answers through `handler`. */
export async function startFakeVendor(handler: (request: FakeVendorRequest, origin: string) => FakeVendorAnswer | Promise<FakeVendorAnswer>): Promise<FakeVendor> {
  const requests: FakeVendorRequest[] = [];
  let origin = '';
  const server = createServer((incoming, response) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => {
      const request = { method: incoming.method ?? '', url: new URL(incoming.url ?? '/', origin), headers: incoming.headers, body: Buffer.concat(chunks) };
      requests.push(request);
      void Promise.resolve(handler(request, origin)).then((answer) => {
        const text = typeof answer.body === 'string' ? answer.body : answer.body === undefined ? '' : JSON.stringify(answer.body);
        const type = typeof answer.body === 'string' ? 'text/plain' : 'application/json';
        response.writeHead(answer.status ?? 200, { 'content-type': type, ...answer.headers });
        response.end(text);
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: origin,
    requests,
    close() {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
