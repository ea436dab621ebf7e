import type { PackManifest } from '@switchyard/connectors';
import type { ResolvedConnection } from './resolved-connection.js';
import type { VendorClient } from './vendor-client.js';

export type TestOutcome = { ran: false } | { ran: true; ok: true } | { ran: true; ok: false; message: string };

/** The vendor's own words for a failure, from the usual places in an error body. */
function vendorMessage(body: unknown): string {
  if (typeof body === 'string') return body.slice(0, 300);
  if (body === null || typeof body !== 'object') return 'no message';
  const record = body as Record<string, unknown>;
  const nested = record['error'];
  const candidates = [
    record['message'],
    record['error_description'],
    nested !== null && typeof nested === 'object' ? (nested as Record<string, unknown>)['message'] : nested,
    record['detail'],
  ];
  const found = candidates.find((candidate) => typeof candidate === 'string' && candidate !== '');
  return found ? (found as string).slice(0, 300) : 'no message';
}

/** Runs the pack's `test` request, if it declares one, through the vendor client. */
export async function runConnectionTest(
  vendor: VendorClient,
  pack: PackManifest,
  connection: ResolvedConnection,
  onUnauthorized?: (stale: ResolvedConnection) => Promise<ResolvedConnection>,
): Promise<TestOutcome> {
  const request = pack.auth.kind === 'none' ? undefined : pack.auth.test;
  if (!request) return { ran: false };
  try {
    const response = await vendor.send({ pack, connection, onUnauthorized, request, scope: {} });
    if (response.status >= 200 && response.status < 300) return { ran: true, ok: true };
    return { ran: true, ok: false, message: `the test request answered ${response.status}: ${vendorMessage(response.body)}` };
  } catch (error) {
    return { ran: true, ok: false, message: `the test request failed: ${error instanceof Error ? error.message : String(error)}` };
  }
}
