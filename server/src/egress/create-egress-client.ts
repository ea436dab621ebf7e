import { lookup as dnsLookup } from 'node:dns';
import type { IncomingHttpHeaders } from 'node:http';
import type { LookupFunction } from 'node:net';
import { Agent } from 'undici';
import { createAllowList } from './address-policy.js';
import type { EgressClient, EgressRequest, EgressResponse } from './egress-client.js';
import { EgressError } from './egress-error.js';
import { createGuardedConnector } from './guarded-connector.js';
import { parseEgressUrl } from './parse-egress-url.js';
import { readCappedBody } from './read-capped-body.js';
import { redirectedHop, redirectStatuses, type Hop } from './redirected-hop.js';
import { resolveCheckedHost } from './resolve-checked-host.js';
import { startDeadline } from './start-deadline.js';
import { toEgressError } from './to-egress-error.js';

export interface EgressClientOptions {
  /** Hostnames, IPs and CIDRs let through the private-range block (`SWITCHYARD_EGRESS_ALLOW`). */
  allow?: string[];
  /** Resolver to use instead of `dns.lookup`; tests script DNS answers with it. */
  lookup?: LookupFunction;
  defaultTimeoutMs?: number;
  maxResponseBytes?: number;
  /** Pooled connections per origin; unlimited when omitted. */
  connections?: number;
}

const defaults = { timeoutMs: 30_000, maxResponseBytes: 10 * 1024 * 1024, maxRedirects: 5 };

function flattenHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) flat[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return flat;
}

/**
 * The one outbound HTTP client. A keep-alive pool whose connector checks every resolved address at
 * connect time; redirects are followed here, hop by hop, so each target meets the same check.
 */
export function createEgressClient(options: EgressClientOptions = {}): EgressClient {
  const policy = { allowList: createAllowList(options.allow ?? []), lookup: options.lookup ?? (dnsLookup as LookupFunction) };
  const agent = new Agent({
    connect: createGuardedConnector(policy),
    connections: options.connections ?? null,
    // The per-call deadline is the only clock; undici's idle timers would cut long calls at their own defaults.
    headersTimeout: 0,
    bodyTimeout: 0,
  });

  async function send(url: URL, request: EgressRequest, signal: AbortSignal): Promise<EgressResponse> {
    const maxRedirects = request.maxRedirects ?? defaults.maxRedirects;
    let hop: Hop = {
      url,
      method: (request.method ?? 'GET').toUpperCase(),
      headers: request.headers ?? {},
      body: request.body,
      ...(request.credentialHeaders && { credentialHeaders: new Set(request.credentialHeaders.map((name) => name.toLowerCase())) }),
    };
    for (let redirects = 0; ; redirects++) {
      const { origin } = hop.url;
      try {
        const response = await agent.request({
          origin,
          path: hop.url.pathname + hop.url.search,
          method: hop.method,
          headers: hop.headers,
          body: hop.body,
          signal,
        });
        const location = redirectStatuses.has(response.statusCode) ? response.headers.location : undefined;
        if (typeof location !== 'string') {
          const body = await readCappedBody(response.body, {
            limit: request.maxResponseBytes ?? options.maxResponseBytes ?? defaults.maxResponseBytes,
            // A HEAD answer declares the length of a body it does not send.
            declaredLength: hop.method === 'HEAD' ? undefined : (response.headers['content-length'] as string | undefined),
            origin,
          });
          return { status: response.statusCode, headers: flattenHeaders(response.headers), body, url: hop.url.href };
        }
        await response.body.dump();
        if (redirects >= maxRedirects) {
          throw new EgressError('EGRESS_TOO_MANY_REDIRECTS', `more than ${maxRedirects} redirects from ${url.origin}`);
        }
        hop = redirectedHop(hop, response.statusCode, location);
      } catch (error) {
        throw toEgressError(error, signal, origin);
      }
    }
  }

  return {
    async request(request) {
      const url = parseEgressUrl(request.url);
      const timeoutMs = request.timeoutMs ?? options.defaultTimeoutMs ?? defaults.timeoutMs;
      const deadline = startDeadline(timeoutMs, request.signal, url.origin);
      try {
        return await send(url, request, deadline.signal);
      } finally {
        deadline.dispose();
      }
    },
    resolveHost: (hostname) => resolveCheckedHost(hostname, policy),
    close: () => agent.close(),
  };
}
