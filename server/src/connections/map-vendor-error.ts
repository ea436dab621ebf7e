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
 * The sentence a user sees when a vendor refuses a call: the action's (or pack's) `errors` mapping first,
 * then the shapes most APIs use, then just the status. Always starts with "<vendor> answered <status>".
 */
export function mapVendorError(vendor: string, mapping: ErrorMapping | undefined, status: number, body: unknown): MappedVendorError {
  const prefix = `${vendor} answered ${status}`;
  const vendorCode = textAt(body, mapping?.code ? [mapping.code] : commonCodePaths);
  const byStatus = mapping?.byStatus?.[String(status)];
  const message = (byStatus !== undefined ? renderByStatus(byStatus, status, body) : undefined) ?? textAt(body, mapping?.message ? [mapping.message, ...commonMessagePaths] : commonMessagePaths) ?? plainText(body);
  return { message: clip(message ? `${prefix}: ${message}` : prefix), ...(vendorCode !== undefined && { vendorCode: clip(vendorCode) }) };
}

function renderByStatus(template: string, status: number, body: unknown): string | undefined {
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
