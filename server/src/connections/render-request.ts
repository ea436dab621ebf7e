import type { RequestTemplate } from '@switchyard/connectors';
import { renderTemplate, type TemplateScope } from '../templates/index.js';
import { readFileValue } from './read-file-value.js';
import { renderMimeBody } from './render-mime-body.js';
import { VendorError } from './vendor-error.js';

/** A request template with every template resolved, ready for auth and the egress client. */
export interface RenderedRequest {
  method: string;
  url: URL;
  /** Lower-case names. */
  headers: Record<string, string>;
  body?: string | Uint8Array | undefined;
}

const absoluteUrl = /^[a-z][a-z0-9+.-]*:/i;

/**
 * Renders a pack request: the URL is the rendered `baseUrl` plus the rendered `path` (or the path itself
 * when it is absolute); query, header and form entries that render empty are left out, and objects in query
 * and form use bracketed keys; `json` keeps the types of whole-`{{x}}` values; `multipart` is a real multipart/form-data body with file parts.
 */
export async function renderRequest(
  baseUrl: string,
  packHeaders: Record<string, string> | undefined,
  request: RequestTemplate,
  scope: TemplateScope,
): Promise<RenderedRequest> {
  const url = renderUrl(baseUrl, request.path, scope);
  for (const [name, value] of renderEntries(request.query, scope)) url.searchParams.append(name, value);
  const headers: Record<string, string> = {};
  for (const [name, template] of [...Object.entries(packHeaders ?? {}), ...Object.entries(request.headers ?? {})]) {
    const value = textOf(renderTemplate(template, scope));
    if (value !== '') headers[name.toLowerCase()] = value;
  }
  const body = await renderBody(request, scope, headers);
  return { method: request.method, url, headers, ...(body !== undefined && { body }) };
}

function renderUrl(baseUrl: string, pathTemplate: string, scope: TemplateScope): URL {
  // Values inside a path are encoded so "a/b?x" stays one segment; a path that starts with a whole
  // `{{connection.x}}` is a second base URL the user set (like `baseUrl`), rendered by the same rule.
  const fromConnection = connectionOrigin.test(pathTemplate);
  const path = fromConnection ? renderBaseUrl(pathTemplate, scope) : textOf(renderTemplate(pathTemplate, scope, { encode: encodePathValue }));
  const base = renderBaseUrl(baseUrl, scope);
  const absolute = absoluteUrl.test(path);
  if (fromConnection && !absolute) {
    throw new VendorError('PACK_BAD_URL', `the request URL taken from a connection field must be an absolute http(s) URL; check the connection's fields`);
  }
  const joined = absolute ? path : `${base.replace(/\/+$/, '')}${path === '' || path.startsWith('/') || path.startsWith('?') ? '' : '/'}${path}`;
  let url: URL;
  try {
    url = new URL(joined);
  } catch {
    throw new VendorError('PACK_BAD_URL', `the pack's request URL "${redactQuery(joined)}" is not a valid URL (check the base URL and the connection's fields)`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new VendorError('PACK_BAD_URL', `the pack's request URL must be http or https, not ${url.protocol.slice(0, -1)}`);
  }
  if (absolute && !fromConnection) checkSecondHost(url, base, pathTemplate);
  return url;
}

// `{{connection.key}}` (pipes allowed: their arguments are literals) at the very start of a path.
const connectionOrigin = /^\s*\{\{\s*connection\.[A-Za-z_][A-Za-z0-9_]*\s*(\|[^}]*)?\}\}/;

/**
 * A template that starts the base URL stands for a whole origin (`{{connection.base_url}}/v1`); any other
 * value is one encoded word, so `https://{{connection.subdomain}}.example.com` cannot become another host.
 */
export function renderBaseUrl(baseUrl: string, scope: TemplateScope): string {
  const lead = leadingTemplate.exec(baseUrl)?.[0] ?? '';
  return textOf(renderTemplate(lead, scope)) + textOf(renderTemplate(baseUrl.slice(lead.length), scope, { encode: encodePathValue }));
}

const leadingTemplate = /^\s*\{\{[^}]*\}\}/;
const writtenOrigin = /^https?:\/\/[^/?#{}\s]+(?=[/?#]|$)/i;

/**
 * An absolute path reaches a second host only when the pack wrote that host out; otherwise it must stay on
 * the base URL's origin, so a value from a run (`{{input.url}}`) cannot send the credentials elsewhere.
 */
function checkSecondHost(url: URL, base: string, pathTemplate: string): void {
  const written = writtenOrigin.exec(pathTemplate.trim())?.[0];
  if (written !== undefined && URL.canParse(written) && new URL(written).origin === url.origin) return;
  if (URL.canParse(base) && new URL(base).origin === url.origin) return;
  throw new VendorError('PACK_OTHER_HOST', `the request would go to ${url.origin}, which is neither the pack's base URL nor a host the pack names; a value from a run may not choose the host`);
}

/**
 * Rendered entries as text; empty ones are dropped and a list of plain values repeats its name once per
 * item. Objects use the bracket convention of Stripe, Rails and `qs` (`metadata[plan]=pro`,
 * `items[0][price]=p_1`), so one whole `{{input.metadata}}` becomes the vendor's nested fields.
 */
function renderEntries(entries: Record<string, string> | undefined, scope: TemplateScope): [string, string][] {
  const out: [string, string][] = [];
  for (const [name, template] of Object.entries(entries ?? {})) flatten(name, renderTemplate(template, scope), out);
  return out;
}

function flatten(name: string, value: unknown, out: [string, string][]): void {
  if (Array.isArray(value)) {
    const nested = value.some((item) => item !== null && typeof item === 'object');
    value.forEach((item, index) => flatten(nested ? `${name}[${index}]` : name, item, out));
    return;
  }
  if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) flatten(`${name}[${key}]`, item, out);
    return;
  }
  const text = textOf(value);
  if (text !== '') out.push([name, text]);
}

async function renderBody(request: RequestTemplate, scope: TemplateScope, headers: Record<string, string>): Promise<string | Uint8Array | undefined> {
  if (request.json !== undefined) {
    headers['content-type'] ??= 'application/json';
    return JSON.stringify(renderTemplate(request.json, scope, { dropMissing: true }));
  }
  if (request.form !== undefined) {
    headers['content-type'] ??= 'application/x-www-form-urlencoded';
    return new URLSearchParams(renderEntries(request.form, scope)).toString();
  }
  if (request.mime !== undefined) {
    const body = await renderMimeBody(request.mime, scope);
    headers['content-type'] ??= body.contentType;
    return body.body;
  }
  if (request.multipart !== undefined) {
    const form = new FormData();
    for (const [name, part] of Object.entries(request.multipart)) {
      if (typeof part === 'string') {
        for (const [, text] of renderEntries({ [name]: part }, scope)) form.append(name, text);
        continue;
      }
      const file = renderTemplate(part.file, scope);
      if (file === null || file === undefined || file === '') continue;
      const filename = part.filename === undefined ? undefined : textOf(renderTemplate(part.filename, scope));
      const read = readFileValue(file, `multipart part "${name}"`);
      form.append(name, new Blob([read.content], { type: part.contentType ?? read.contentType ?? 'application/octet-stream' }), filename || read.filename || name);
    }
    // The Fetch encoder writes the boundary and part headers; the content type carries the boundary.
    const encoded = new Response(form);
    headers['content-type'] = encoded.headers.get('content-type')!;
    return new Uint8Array(await encoded.arrayBuffer());
  }
  return undefined;
}

/** A value from a run must not climb out of the pack's path: `..` would resolve to another endpoint. */
function encodePathValue(text: string): string {
  if (text === '.' || text === '..') throw new VendorError('PACK_BAD_PATH', `"${text}" is not allowed as a value in a request path`);
  return encodeURIComponent(text);
}

export function textOf(value: unknown): string {
  if (value === null || value === undefined) return '';
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

/** Query strings may hold keys; an error message shows the URL without them. */
function redactQuery(url: string): string {
  return url.split('?')[0]!;
}
