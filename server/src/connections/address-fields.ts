import type { Field, PackManifest, RequestTemplate } from '@switchyard/connectors';
import { parseTemplate, TemplateError } from '../templates/index.js';

/**
 * The connection fields that decide WHERE the pack's requests and token requests go: every field named in
 * `baseUrl` or the OAuth URLs, and those in the host part of a request path that may be absolute. Changing
 * one of them points the stored secrets at a new address.
 */
export function addressFields(pack: PackManifest): Set<string> {
  const keys = new Set<string>();
  const { auth } = pack;
  const urls = [pack.baseUrl, ...(auth.kind === 'oauth2' ? [auth.tokenUrl, auth.authorizationUrl] : [])];
  for (const url of urls) if (url !== undefined) connectionKeys(url, () => url.length).forEach((key) => keys.add(key));
  for (const request of packRequests(pack)) connectionKeys(request.path, hostEnd).forEach((key) => keys.add(key));
  return keys;
}

/** Every request the pack can send with the connection's credentials. */
function packRequests(pack: PackManifest): RequestTemplate[] {
  const choices = (fields: readonly Field[]) => fields.flatMap((field) => (field.dynamicChoices ? [field.dynamicChoices.request] : []));
  const requests: RequestTemplate[] = [];
  if (pack.auth.kind !== 'none') requests.push(...(pack.auth.test ? [pack.auth.test] : []), ...choices(pack.auth.fields));
  for (const action of pack.actions) requests.push(action.request, ...choices(action.input));
  for (const trigger of pack.triggers) {
    requests.push(...choices(trigger.input));
    if (trigger.kind === 'poll') requests.push(trigger.request);
    if (trigger.kind === 'subscription') requests.push(trigger.subscribe, trigger.unsubscribe, ...(trigger.renew ? [trigger.renew.request] : []));
  }
  return requests;
}

// Placeholder for an expression while looking for the end of the host: values are never parsed as URL text.
const hole = '\u0001';
const schemeAndHost = /^[^/?#]*:\/*[^/?#]*/;
const leadingValue = new RegExp(`^\\s*${hole}[^/?#]*`);

/**
 * Where the host part of a path ends (0 for a relative path): after `scheme://authority`, or after the run
 * of text a leading `{{x}}` starts (a whole `{{x}}` path is rendered unencoded, so it may be a whole URL).
 */
function hostEnd(masked: string): number {
  return (schemeAndHost.exec(masked) ?? leadingValue.exec(masked))?.[0].length ?? 0;
}

/** Keys of `{{connection.<key>}}` expressions that start before `end(masked text)`. */
function connectionKeys(template: string, end: (masked: string) => number): string[] {
  let parts;
  try {
    parts = parseTemplate(template);
  } catch (error) {
    // A template that does not parse never renders, so it sends nothing anywhere.
    if (error instanceof TemplateError) return [];
    throw error;
  }
  const expressions = parts.flatMap((part) => (part.kind === 'expression' ? [part] : []));
  let masked = template;
  for (const { position, source } of expressions) masked = masked.slice(0, position) + hole.repeat(source.length) + masked.slice(position + source.length);
  const limit = end(masked);
  return expressions.filter((part) => part.position < limit && part.path[0] === 'connection' && part.path[1] !== undefined).map((part) => part.path[1]!);
}
