import type { z } from 'zod';
import type { authSchema } from '../manifest/auth-schema.js';
import type { FieldInput } from '../manifest/field-schema.js';
import { headerNameSchema } from '../manifest/names.js';
import { asArray, asRecord, asText, clip, type JsonRecord } from './json-value.js';
import type { KeyAllocator } from './key-allocator.js';
import { toFieldKey } from './names.js';
import type { WarningList } from './warning-list.js';

export type AuthInput = z.input<typeof authSchema>;
type Requirement = Record<string, string[]>;
const MAX_SCOPES = 200;

interface AuthContext {
  schemes: JsonRecord;
  /** Scopes named by every requirement, per scheme: what the pack asks for when authorising. */
  scopes: Map<string, Set<string>>;
  baseUrl: string;
  keys: KeyAllocator;
  warnings: WarningList;
}

function secretField(keys: KeyAllocator, base: string, label: string, description?: unknown): FieldInput {
  const text = clip(asText(description), 2000);
  return { key: keys.take(base), label, type: 'string', required: true, secret: true, ...(text === undefined ? {} : { description: text }) };
}

/** OAuth URLs may be relative to the server (OpenAPI 3.1); resolved against a base URL without templates. */
function absoluteUrl(url: unknown, context: AuthContext): string | undefined {
  const text = asText(url);
  if (text === undefined || /^https?:\/\//i.test(text)) return text;
  if (context.baseUrl.includes('{{')) return undefined;
  try {
    return new URL(text, `${context.baseUrl}/`).href;
  } catch {
    return undefined;
  }
}

function apiKeyAuth(name: string, scheme: JsonRecord, context: AuthContext): AuthInput | undefined {
  const location = scheme.in;
  const paramName = asText(scheme.name);
  if (paramName === undefined || (location !== 'header' && location !== 'query')) {
    context.warnings.add(`security scheme "${name}": an API key in ${String(location)} is not supported (only header or query)`);
    return undefined;
  }
  if (location === 'header' && !headerNameSchema.safeParse(paramName).success) {
    context.warnings.add(`security scheme "${name}": "${paramName}" is not a valid header name`);
    return undefined;
  }
  const field = secretField(context.keys, 'api_key', 'API key', scheme.description);
  return { kind: 'api_key', in: location, name: paramName, value: `{{connection.${field.key}}}`, fields: [field] };
}

function oauth2Auth(name: string, scheme: JsonRecord, context: AuthContext): AuthInput | undefined {
  const flows = asRecord(scheme.flows) ?? {};
  const scopes = [...(context.scopes.get(name) ?? [])].slice(0, MAX_SCOPES);
  const code = asRecord(flows.authorizationCode);
  const clientCredentials = asRecord(flows.clientCredentials);
  const flow = code ?? clientCredentials;
  if (flow === undefined) {
    const offered = Object.keys(flows).join(', ') || 'no flows';
    context.warnings.add(`security scheme "${name}": OAuth2 ${offered} is not supported; use the authorizationCode or clientCredentials flow`);
    return undefined;
  }
  const tokenUrl = absoluteUrl(flow.tokenUrl, context);
  const authorizationUrl = code === undefined ? undefined : absoluteUrl(code.authorizationUrl, context);
  if (tokenUrl === undefined || (code !== undefined && authorizationUrl === undefined)) {
    context.warnings.add(`security scheme "${name}": OAuth2 needs absolute authorizationUrl and tokenUrl`);
    return undefined;
  }
  return code === undefined
    ? { kind: 'oauth2', grant: 'client_credentials', tokenUrl, scopes }
    : { kind: 'oauth2', grant: 'authorization_code', authorizationUrl, tokenUrl, scopes };
}

function singleSchemeAuth(name: string, scheme: JsonRecord, context: AuthContext): AuthInput | undefined {
  const httpScheme = typeof scheme.scheme === 'string' ? scheme.scheme.toLowerCase() : '';
  switch (scheme.type) {
    case 'apiKey':
      return apiKeyAuth(name, scheme, context);
    case 'http':
      if (httpScheme === 'basic') {
        const username = { key: context.keys.take('username'), label: 'Username', type: 'string' as const, required: true };
        const password = secretField(context.keys, 'password', 'Password');
        return { kind: 'basic', username: `{{connection.${username.key}}}`, password: `{{connection.${password.key}}}`, fields: [username, password] };
      }
      if (httpScheme === 'bearer') {
        const token = secretField(context.keys, 'token', 'Token', scheme.description ?? scheme.bearerFormat);
        return { kind: 'bearer', token: `{{connection.${token.key}}}`, fields: [token] };
      }
      context.warnings.add(`security scheme "${name}": HTTP ${httpScheme || 'scheme'} authentication is not supported (only basic and bearer)`);
      return undefined;
    case 'oauth2':
      return oauth2Auth(name, scheme, context);
    default:
      context.warnings.add(`security scheme "${name}": ${String(scheme.type)} is not supported; set up the pack's auth by hand`);
      return undefined;
  }
}

/** Several API keys sent together (an app id and a key): a custom auth with one field each. */
function combinedApiKeys(names: string[], context: AuthContext): AuthInput | undefined {
  const schemes = names.map((name) => asRecord(context.schemes[name]) ?? {});
  const sendable = schemes.every(
    (scheme) =>
      scheme.type === 'apiKey' &&
      (scheme.in === 'query' ? asText(scheme.name) !== undefined : scheme.in === 'header' && headerNameSchema.safeParse(scheme.name).success),
  );
  if (!sendable) {
    context.warnings.add(`security requirement ${names.join(' + ')} combines schemes a pack cannot send together`);
    return undefined;
  }
  const fields: FieldInput[] = [];
  const headers: Record<string, string> = {};
  const query: Record<string, string> = {};
  schemes.forEach((scheme, index) => {
    const field = secretField(context.keys, toFieldKey(names[index] as string), clip(names[index], 200) as string, scheme.description);
    fields.push(field);
    (scheme.in === 'header' ? headers : query)[scheme.name as string] = `{{connection.${field.key}}}`;
  });
  return { kind: 'custom', fields, ...(Object.keys(headers).length > 0 ? { headers } : {}), ...(Object.keys(query).length > 0 ? { query } : {}) };
}

function requirementsOf(value: unknown): Requirement[] {
  return asArray(value).map(asRecord).filter((item): item is Requirement => item !== undefined);
}

function requirementId(requirement: Requirement): string {
  return Object.keys(requirement).sort().join(' + ');
}

/**
 * The pack's one auth, from the first security requirement (top-level first, then operations) that a pack
 * can express. Unsupported schemes are warnings; with nothing usable the pack has no auth.
 */
export function securityToAuth(document: JsonRecord, operations: JsonRecord[], baseUrl: string, keys: KeyAllocator, warnings: WarningList): AuthInput {
  const schemes = asRecord(asRecord(document.components)?.securitySchemes) ?? {};
  const requirements = [...requirementsOf(document.security), ...operations.flatMap((operation) => requirementsOf(operation.security))];
  const scopes = new Map<string, Set<string>>();
  for (const requirement of requirements) {
    for (const [name, list] of Object.entries(requirement)) {
      const set = scopes.get(name) ?? new Set<string>();
      for (const scope of asArray(list)) if (typeof scope === 'string' && scope !== '') set.add(scope);
      scopes.set(name, set);
    }
  }
  const context: AuthContext = { schemes, scopes, baseUrl, keys, warnings };
  const tried = new Set<string>();
  for (const requirement of requirements) {
    const names = Object.keys(requirement).sort();
    const id = requirementId(requirement);
    if (names.length === 0 || tried.has(id)) continue;
    tried.add(id);
    const missing = names.filter((name) => asRecord(schemes[name]) === undefined);
    if (missing.length > 0) {
      warnings.add(`security names ${missing.join(', ')}, which components.securitySchemes does not define`);
      continue;
    }
    const auth = names.length === 1 ? singleSchemeAuth(names[0] as string, schemes[names[0] as string] as JsonRecord, context) : combinedApiKeys(names, context);
    if (auth !== undefined) {
      const others = new Set(requirements.map(requirementId).filter((other) => other !== '' && other !== id));
      const shown = [...others].slice(0, 5).join(', ') + (others.size > 5 ? ` and ${others.size - 5} more` : '');
      if (others.size > 0) warnings.add(`the pack authenticates with ${id}; the document also names ${shown}, which the pack does not use`);
      return auth;
    }
  }
  if (tried.size > 0) warnings.add('no security scheme of this document can be expressed by a pack; the pack connects without auth');
  else if (Object.keys(schemes).length > 0) {
    warnings.add(`components.securitySchemes declares ${Object.keys(schemes).join(', ')} but no operation requires it; the pack connects without auth`);
  }
  return { kind: 'none' };
}
