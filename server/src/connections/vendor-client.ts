import type { ErrorMapping, PackManifest, Pagination, RequestTemplate } from '@switchyard/connectors';
import type { ResolvedConnection } from './resolved-connection.js';

export interface VendorResponse {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

export interface VendorCall {
  pack: PackManifest;
  /** Absent for `auth.kind: none`. */
  connection?: ResolvedConnection | undefined;
  /** Called once after a 401 to get refreshed credentials (OAuth); its error fails the call. */
  onUnauthorized?: ((stale: ResolvedConnection) => Promise<ResolvedConnection>) | undefined;
  request: RequestTemplate;
  /** Template scope besides `connection` (filled from `connection.fields`): `input`, `webhook`, `subscription`, … */
  scope: Record<string, unknown>;
  /** Sent in this header, or this query parameter (fitted to its `maxLength`), when the action declares one (DESIGN §4.3). */
  idempotency?: { header?: string | undefined; query?: { param: string; maxLength?: number | undefined } | undefined; key: string } | undefined;
  errors?: ErrorMapping | undefined;
  signal?: AbortSignal | undefined;
}

/**
 * The one way Switchyard calls a vendor for a pack: renders the request template, applies the pack's auth,
 * waits for the connection's throttle, sends through the egress guard, and turns vendor errors into
 * readable `StepError`-compatible failures (retryable or not, Retry-After honoured).
 */
export interface VendorClient {
  send(call: VendorCall): Promise<VendorResponse>;
  /** Follows the pagination rule and returns the items of every page (bounded by `maxPages`). */
  sendPaginated(call: VendorCall, pagination: Pagination): Promise<{ items: unknown[]; pages: number }>;
}
