import type { PackManifest } from '@switchyard/connectors';
import type { Logger } from 'pino';
import type { EgressClient } from '../egress/egress-client.js';
import { classifyResponse, rateLimitWaitMs } from '../egress/classify-response.js';
import { decodeResponseBody } from '../egress/decode-response-body.js';
import type { Database } from '../storage/database.js';
import { applyAuth } from './apply-auth.js';
import { createConnectionThrottle, type ConnectionThrottle } from './connection-throttle.js';
import { fitIdempotencyKey } from './fit-idempotency-key.js';
import { asksToRetry, mapVendorError, refusesCredentials, reportsFailure } from './map-vendor-error.js';
import { paginate, type Exchange } from './paginate.js';
import { renderRequest } from './render-request.js';
import type { ResolvedConnection } from './resolved-connection.js';
import { shapeTable } from './shape-table.js';
import type { VendorCall, VendorClient } from './vendor-client.js';
import { VendorError } from './vendor-error.js';

export interface VendorClientOptions {
  egress: EgressClient;
  database: Database;
  now(): number;
  log: Logger;
  /** Defaults to the database-backed per-connection throttle. */
  throttle?: ConnectionThrottle;
  /** Limit for one request; the caller's signal (the step's deadline) may end it sooner. */
  timeoutMs?: number;
  /** Told how each call on a connection ended (`failure` null on success), for integration health. */
  onCall?: (connectionId: string, failure: string | null) => void;
}

const describesBody = new Set(['content-type', 'content-length', 'accept']);

/**
 * The one way Switchyard calls a vendor for a pack (see `VendorClient`). Every request goes through the
 * egress client, which is the SSRF guard; credentials are applied last and never logged.
 */
export function createVendorClient(options: VendorClientOptions): VendorClient {
  const { egress, now, log } = options;
  const throttle = options.throttle ?? createConnectionThrottle({ database: options.database, now });

  const exchange: Exchange = async (call, page) => {
    let connection = call.connection;
    for (let attempt = 1; ; attempt++) {
      const scope = { ...call.scope, connection: connection?.fields ?? {} };
      const redact = secretRedactor(call.pack, connection);
      const rendered = await renderRequest(call.pack.baseUrl, call.pack.headers, call.request, scope).catch((error: unknown) => {
        throw error instanceof VendorError ? new VendorError(error.code, redact(error.message), error.options) : error;
      });
      if (page) rendered.url = page(rendered.url);
      const url = new URL(rendered.url);
      const { header: idempotencyHeader, query: idempotencyQuery, key: idempotencyKey } = call.idempotency ?? {};
      if (idempotencyHeader && idempotencyKey) rendered.headers[idempotencyHeader.toLowerCase()] = idempotencyKey;
      if (idempotencyQuery && idempotencyKey) rendered.url.searchParams.set(idempotencyQuery.param, fitIdempotencyKey(idempotencyKey, idempotencyQuery.maxLength));
      applyAuth(call.pack.name, call.pack.auth, connection, rendered);
      await throttle.wait(call.pack, connection, call.signal);
      const startedAt = now();
      const response = await egress.request({
        method: rendered.method,
        url: rendered.url.toString(),
        headers: rendered.headers,
        // Every header a pack sets may carry a connection value; none may follow a redirect to another origin.
        credentialHeaders: Object.keys(rendered.headers).filter((name) => !describesBody.has(name)),
        ...(rendered.body !== undefined && { body: rendered.body }),
        ...(options.timeoutMs !== undefined && { timeoutMs: options.timeoutMs }),
        ...(call.signal && { signal: call.signal }),
      });
      // Origin and path only: query strings and headers may carry credentials.
      // Some vendors carry the key in the path (`/bot<token>/sendMessage`).
      log.debug({ pack: call.pack.id, method: rendered.method, origin: url.origin, path: redact(url.pathname), status: response.status, ms: now() - startedAt }, 'vendor call');
      const body = response.body.length === 0 ? null : decodeResponseBody(response.body, response.headers['content-type']);
      const mapping = call.errors ?? call.pack.errors;
      if (refusesCredentials(mapping, response.status, body) && attempt === 1 && connection && call.onUnauthorized) {
        connection = await call.onUnauthorized(connection);
        continue;
      }
      const verdict = classifyResponse(response.status, response.headers);
      if (verdict === 'ok' && !reportsFailure(mapping, body)) {
        return { status: response.status, headers: response.headers, body: call.request.table ? shapeTable(body, call.request.table, scope) : body, url };
      }
      const mapped = mapVendorError(call.pack.name, mapping, response.status, body);
      const retryable = verdict === 'retryable' || asksToRetry(mapping, body);
      const retryAfterMs = retryable ? (rateLimitWaitMs(response.headers, now()) ?? undefined) : undefined;
      // A vendor may echo the credential it refused ("invalid key abc…"); the message is stored with the run.
      throw new VendorError(verdict === 'ok' ? 'VENDOR_REFUSED' : `HTTP_${response.status}`, redact(mapped.message), {
        status: response.status,
        retryable,
        retryAfterMs,
        vendorCode: mapped.vendorCode,
      });
    }
  };

  /** Reports the outcome of a call made on a connection; the error itself is rethrown untouched. */
  async function observed<T>(call: VendorCall, work: () => Promise<T>): Promise<T> {
    const connectionId = call.connection?.id;
    try {
      const result = await work();
      if (connectionId) options.onCall?.(connectionId, null);
      return result;
    } catch (error) {
      if (connectionId) options.onCall?.(connectionId, error instanceof Error ? error.message : String(error));
      throw error;
    }
  }

  return {
    send: (call) =>
      observed(call, async () => {
        const { url: _url, ...response } = await exchange(call);
        return response;
      }),
    sendPaginated: (call, pagination) => observed(call, () => paginate(exchange, call, pagination)),
  };
}

/** Replaces the connection's secret values (as typed and as URL-encoded) and its access token with `***`. */
function secretRedactor(pack: PackManifest, connection: ResolvedConnection | undefined): (text: string) => string {
  if (!connection || pack.auth.kind === 'none') return (text) => text;
  const values = pack.auth.fields.filter((field) => field.secret).map((field) => connection.fields[field.key]);
  const secrets = [...values, connection.accessToken]
    .filter((value): value is string => typeof value === 'string' && value.length >= 4)
    .flatMap((value) => [value, encodeURIComponent(value)])
    .sort((a, b) => b.length - a.length);
  return (text) => secrets.reduce((out, secret) => out.replaceAll(secret, '***'), text);
}

