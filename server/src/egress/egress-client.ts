/** One outbound HTTP call. Only `url` is required; the client fills in the rest. */
export interface EgressRequest {
  /** Absolute `http:` or `https:` URL; anything else is refused with `EGRESS_BAD_URL`. */
  url: string;
  /** HTTP method, `GET` when omitted. */
  method?: string;
  headers?: Record<string, string>;
  body?: string | Uint8Array;
  /** Total deadline covering connect, headers, the whole body and every redirect hop. */
  timeoutMs?: number;
  /** Redirects followed (each hop re-checked by the guard); one more fails with `EGRESS_TOO_MANY_REDIRECTS`. */
  maxRedirects?: number;
  /** Response bodies beyond this many bytes are aborted with `EGRESS_RESPONSE_TOO_LARGE`. */
  maxResponseBytes?: number;
  /** Cancels the call (`EGRESS_ABORTED`), e.g. when the run is cancelled. */
  signal?: AbortSignal;
  /**
   * More header names (besides `authorization`, `cookie`, `proxy-authorization`) that carry credentials
   * and are dropped when a redirect leaves the origin, e.g. a pack's `X-Api-Key`.
   */
  credentialHeaders?: readonly string[];
}

export interface EgressResponse {
  status: number;
  /** Lower-case names; a repeated header is joined with ", " as in the Fetch `Headers.get`. */
  headers: Record<string, string>;
  body: Buffer;
  /** The URL that produced this response, after redirects. */
  url: string;
}

/**
 * The only way Switchyard talks to the outside world. Failures reject with an `EgressError`;
 * HTTP error statuses resolve normally (see `classifyStatus`).
 */
export interface EgressClient {
  request(request: EgressRequest): Promise<EgressResponse>;
  /**
   * For connections that are not HTTP (SMTP): an address of `hostname` checked by the same policy as
   * `request` (`EGRESS_BLOCKED` when any record is refused). Connect to it, not to the name.
   */
  resolveHost(hostname: string): Promise<string>;
  /** Closes pooled connections; in-flight requests finish first. */
  close(): Promise<void>;
}
