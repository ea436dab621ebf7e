import { isIP } from 'node:net';
import { EgressError, type AllowList, type EgressClient } from '../egress/index.js';
import { PackSourceError } from './pack-source-error.js';

export interface PackDownloadDeps {
  egress: EgressClient;
  /** The egress allow-list: hosts on it may also be fetched over plain http (tests, an internal registry). */
  allowList: AllowList;
  /** Base URL of the npm registry, e.g. `https://registry.npmjs.org`. */
  npmRegistry: string;
  /** Deadline of each download (connect, redirects and the whole body). */
  timeoutMs?: number;
}

/** https only, except hosts the operator allowed (credentials in URLs are refused by the egress client). */
export function checkDownloadUrl(raw: string, allowList: AllowList): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new PackSourceError('PACK_SOURCE_INVALID', `"${raw}" is not a URL`);
  }
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const allowed = isIP(host) ? allowList.allowsAddress(host) : allowList.allowsHost(host);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && allowed)) {
    throw new PackSourceError('PACK_SOURCE_INVALID', `packs are downloaded over https only (${url.protocol}//${url.host} is not allowed)`);
  }
  if (url.username !== '' || url.password !== '') throw new PackSourceError('PACK_SOURCE_INVALID', 'credentials in a pack URL are not allowed');
  return url;
}

/** GETs a URL through the egress guard with a size cap and a deadline; a non-2xx answer or any refusal is a PackSourceError. */
export async function downloadPackBytes(
  deps: PackDownloadDeps,
  raw: string,
  options: { maxBytes: number; accept?: string },
): Promise<{ body: Buffer; url: URL; contentType: string }> {
  const url = checkDownloadUrl(raw, deps.allowList);
  const where = `${url.origin}${url.pathname}`;
  try {
    const response = await deps.egress.request({
      url: url.href,
      headers: { accept: options.accept ?? '*/*', 'user-agent': 'switchyard-pack-installer' },
      timeoutMs: deps.timeoutMs ?? 30_000,
      maxResponseBytes: options.maxBytes,
    });
    if (response.status < 200 || response.status > 299) throw new PackSourceError('PACK_DOWNLOAD_FAILED', `${where} answered ${response.status}`);
    // Redirects are followed by the egress client; the final hop must meet the same scheme rule.
    const finalUrl = checkDownloadUrl(response.url, deps.allowList);
    return { body: response.body, url: finalUrl, contentType: response.headers['content-type'] ?? '' };
  } catch (error) {
    if (error instanceof PackSourceError) throw error;
    if (error instanceof EgressError) {
      const reason = error.code === 'EGRESS_RESPONSE_TOO_LARGE' ? `is larger than ${options.maxBytes} bytes` : `failed: ${error.message}`;
      throw new PackSourceError('PACK_DOWNLOAD_FAILED', `downloading ${where} ${reason}`);
    }
    throw error;
  }
}
