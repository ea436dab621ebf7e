import type { PackManifest } from '@switchyard/connectors';

/**
 * A connection ready to authenticate a request: every field (public, secret and captured values such as
 * `instance_url`) as templates see them under `{{connection.*}}`, and the current OAuth access token.
 */
export interface ResolvedConnection {
  id: string;
  packId: string;
  fields: Record<string, unknown>;
  accessToken?: string | undefined;
  /**
   * Secret values replaced within the rotation window (`secret-rotation.ts`), newest first per field: only
   * for verifying incoming webhooks the vendor still signs with an old secret. Never shown, never logged.
   */
  previousFields?: Record<string, unknown[]> | undefined;
}

/** What the run engine and triggers ask of the connection store. Errors are `ConnectionError`s. */
export interface ConnectionAuth {
  /**
   * Loads and decrypts a connection for a call with `pack`. An OAuth token that has expired or will within a
   * minute is refreshed first (single-flight per connection, across processes). A connection that is
   * `needs_reauth` fails fast with NEEDS_REAUTH and a message saying to reconnect.
   */
  resolve(connectionId: string, pack: PackManifest, signal?: AbortSignal): Promise<ResolvedConnection>;
  /**
   * The vendor answered 401 to `stale`: refresh once (unless another caller already did) and return the new
   * credentials; when refresh is impossible or fails with `invalid_grant`, the connection becomes
   * `needs_reauth` and this throws NEEDS_REAUTH.
   */
  refreshAfterUnauthorized(stale: ResolvedConnection, pack: PackManifest, signal?: AbortSignal): Promise<ResolvedConnection>;
}
