import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request as the server read it, before a fake shapes it into the record its tests read. */
export interface ReceivedRequest {
  method: string;
  /** Resolved against the server's own URL, so a fake can build absolute links (e.g. GitHub's `Link`). */
  url: URL;
  headers: IncomingHttpHeaders;
  body: string;
}

/** How a fake answers: the body JSON-encoded unless it is a string; none sends an empty body. */
export interface FakeReply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/** The record most fakes keep: raw path (still percent-encoded), query pairs, headers, body and its JSON. */
export interface RecordedRequest {
  method: string;
  path: string;
  query: [string, string][];
  headers: Record<string, string | string[] | undefined>;
  body: string;
  /** The body parsed as JSON, or undefined when it is empty or not JSON. */
  json: unknown;
}

/** The token of an `Authorization: Bearer <token>` header, or undefined. */
export function bearerToken(request: Pick<RecordedRequest, 'headers'>): string | undefined {
  return /^Bearer (.+)$/.exec(String(request.headers['authorization'] ?? ''))?.[1];
}

export interface FakeVendorOptions<R> {
  /** Shapes what arrived into the record kept in `requests`. */
  record: (received: ReceivedRequest) => R;
  /** The vendor's answer to one recorded request. */
  answer: (request: R, received: ReceivedRequest) => FakeReply | Promise<FakeReply>;
  /** The vendor's `Content-Type` for its answers; a reply's own headers override it. */
  contentType: string;
  /** Turns the raw body into text (e.g. undoing gzip); UTF-8 by default. */
  decodeBody?: (raw: Buffer, headers: IncomingHttpHeaders) => string;
}

export function recordRequest({ method, url, headers, body }: ReceivedRequest): RecordedRequest {
  let json: unknown;
  try {
    json = body === '' ? undefined : JSON.parse(body);
  } catch {
    json = undefined;
  }
  return { method, path: url.pathname, query: [...url.searchParams], headers, body, json };
}

/**
 * The HTTP plumbing every local vendor fake shares: a server on 127.0.0.1 at a free port, each request's
 * body read, recorded in arrival order and answered by the fake's `answer`. A fake keeps only its vendor's
 * rules; it creates this as a field and awaits `listen()` in its own `start`.
 */
export class FakeVendorServer<R> {
  readonly requests: R[] = [];
  private readonly server = createServer((req, res) => void this.handle(req, res));

  constructor(private readonly options: FakeVendorOptions<R>) {}

  async listen(): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(0, '127.0.0.1', () => resolve());
    });
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  /** Base URL, e.g. `http://127.0.0.1:41234`. */
  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    try {
      for await (const chunk of req) chunks.push(chunk as Buffer);
    } catch {
      return; // the client went away mid-body
    }
    const headers = { ...req.headers };
    const raw = Buffer.concat(chunks);
    const received: ReceivedRequest = {
      method: req.method ?? 'GET',
      url: new URL(req.url ?? '/', this.url),
      headers,
      body: this.options.decodeBody ? this.options.decodeBody(raw, headers) : raw.toString('utf8'),
    };
    const request = this.options.record(received);
    this.requests.push(request);
    let reply: FakeReply;
    try {
      reply = await this.options.answer(request, received);
    } catch (error) {
      // A bug in the fake still answers (500) rather than leaving the client waiting, and still surfaces.
      this.send(res, { status: 500, body: { error: String(error) } });
      throw error;
    }
    this.send(res, reply);
  }

  private send(res: ServerResponse, reply: FakeReply): void {
    res.writeHead(reply.status, { 'content-type': this.options.contentType, ...reply.headers });
    res.end(reply.body === undefined ? '' : typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body));
  }
}

/**
 * What every fake exposes over its FakeVendorServer (the requests in arrival order, its URL and port, close),
 * so a fake's class holds only its vendor's rules: it gives `super` how to record, and answers in `answer`;
 * its static `start` awaits `this.server.listen()`.
 */
export abstract class VendorFake<R> {
  protected readonly server: FakeVendorServer<R>;

  protected constructor(options: Omit<FakeVendorOptions<R>, 'answer'>) {
    this.server = new FakeVendorServer<R>({ ...options, answer: (request, received) => this.answer(request, received) });
  }

  /** The vendor's answer to one recorded request. */
  protected abstract answer(request: R, received: ReceivedRequest): FakeReply | Promise<FakeReply>;

  get requests(): R[] {
    return this.server.requests;
  }

  /** Base URL, e.g. `http://127.0.0.1:41234`. */
  get url(): string {
    return this.server.url;
  }

  get port(): number {
    return this.server.port;
  }

  close(): Promise<void> {
    return this.server.close();
  }
}
