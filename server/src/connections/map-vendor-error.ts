import type { ErrorMapping } from '@switchyard/connectors';
import { renderTemplate } from '../templates/index.js';
import { readBodyPath } from './read-body-path.js';

const maxMessageLength = 500;

// Where vendors without a declared mapping usually put their message, most specific first.
const commonMessagePaths = ['error.message', 'message', 'error_description', 'errors[0].message', 'errors[0].detail', 'detail', 'error'];
const commonCodePaths = ['error.code', 'code', 'error.type', 'errors[0].code'];

export interface MappedVendorError {
  message: string;
  vendorCode?: string | undefined;
}

/**
 * The sentence a user sees when a vendor refuses a call: the action's (or pack's) `errors` mapping first
 * (`byCode`, then `byStatus`, then `message`), then the shapes most APIs use, then just the status. Starts
 * with "<vendor> answered <status>", or "<vendor> refused the request" for a 2xx answer that `failWhen` marks.
 */
export function mapVendorError(vendor: string, mapping: ErrorMapping | undefined, status: number, body: unknown): MappedVendorError {
  const prefix = status >= 200 && status < 300 ? `${vendor} refused the request` : `${vendor} answered ${status}`;
  const vendorCode = vendorCodeOf(mapping, body);
  const byCode = vendorCode === undefined ? undefined : ownEntry(mapping?.byCode, vendorCode);
  const mapped = renderMapped(byCode, status, body) ?? renderMapped(ownEntry(mapping?.byStatus, String(status)), status, body);
  const message = mapped ?? textAt(body, mapping?.message ? [mapping.message, ...commonMessagePaths] : commonMessagePaths) ?? plainText(body);
  return { message: clip(message ? `${prefix}: ${message}` : prefix), ...(vendorCode !== undefined && { vendorCode: clip(vendorCode) }) };
}

/**
 * A 2xx answer that the mapping's `failWhen` marks as a failure (Slack's `{ "ok": false }`). Only a value
 * present at the path counts, so a body without it (an empty 204, another shape) stays a success.
 */
export function reportsFailure(mapping: ErrorMapping | undefined, body: unknown): boolean {
  const rules = mapping?.failWhen;
  if (!rules || body === null || typeof body !== 'object') return false;
  return (Array.isArray(rules) ? rules : [rules]).some((rule) => {
    const value = readBodyPath(body, rule.path);
    return rule.present ? value !== undefined && value !== null : value !== undefined && value === rule.equals;
  });
}

/** A failed answer whose vendor code is one of the mapping's `retryCodes` (GraphQL's `THROTTLED`): try again later. */
export function asksToRetry(mapping: ErrorMapping | undefined, body: unknown): boolean {
  const codes = mapping?.retryCodes;
  if (!codes) return false;
  const code = vendorCodeOf(mapping, body);
  return code !== undefined && codes.includes(code);
}

/**
 * The vendor refused the credentials: HTTP 401, or a failed answer (an error status, or a 2xx that
 * `failWhen` marks) whose code is one of the mapping's `unauthorizedCodes`.
 */
export function refusesCredentials(mapping: ErrorMapping | undefined, status: number, body: unknown): boolean {
  if (status === 401) return true;
  const codes = mapping?.unauthorizedCodes;
  if (!codes || (status < 400 && !reportsFailure(mapping, body))) return false;
  const code = vendorCodeOf(mapping, body);
  return code !== undefined && codes.includes(code);
}

function vendorCodeOf(mapping: ErrorMapping | undefined, body: unknown): string | undefined {
  return textAt(body, mapping?.code ? [mapping.code] : commonCodePaths);
}

/** A vendor code such as `constructor` must not read the prototype of the mapping's record. */
function ownEntry(record: Record<string, string> | undefined, key: string): string | undefined {
  return record !== undefined && Object.hasOwn(record, key) ? record[key] : undefined;
}

function renderMapped(template: string | undefined, status: number, body: unknown): string | undefined {
  if (template === undefined) return undefined;
  try {
    const rendered = renderTemplate(template, { status, body });
    return typeof rendered === 'string' && rendered.trim() !== '' ? rendered.trim() : undefined;
  } catch {
    // A broken mapping must not hide the vendor's answer; the common shapes still apply.
    return undefined;
  }
}

function textAt(body: unknown, paths: readonly string[]): string | undefined {
  if (body === null || typeof body !== 'object') return undefined;
  for (const path of paths) {
    const value = readBodyPath(body, path);
    if ((typeof value === 'string' && value.trim() !== '') || typeof value === 'number') return String(value).trim();
  }
  return undefined;
}

/** A short plain-text error body is the vendor's message; HTML error pages are not. */
function plainText(body: unknown): string | undefined {
  if (typeof body !== 'string') return undefined;
  const text = body.trim();
  return text === '' || text.startsWith('<') ? undefined : text;
}

function clip(text: string): string {
  return text.length > maxMessageLength ? `${text.slice(0, maxMessageLength - 1)}…` : text;
}
