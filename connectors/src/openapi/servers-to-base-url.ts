import type { FieldInput } from '../manifest/field-schema.js';
import { asArray, asRecord, asText, type JsonRecord } from './json-value.js';
import type { KeyAllocator } from './key-allocator.js';
import { toFieldKey } from './names.js';
import { schemaToField } from './schema-to-field.js';
import type { WarningList } from './warning-list.js';

export interface BaseUrl {
  /** Absolute, or templated over connection fields (`https://{{connection.region}}.example.com/v1`). */
  baseUrl: string;
  /** Connection fields the base URL needs: one per server variable, `base_url` for a relative server. */
  fields: FieldInput[];
}

function variableField(name: string, variable: JsonRecord | undefined, keys: KeyAllocator): FieldInput {
  const schema = { type: 'string', enum: variable?.enum, default: variable?.default };
  return schemaToField({ key: keys.take(toFieldKey(name)), name, schema, required: true, description: variable?.description });
}

/**
 * A variable port (`https://host:{port}/v1`) is fixed to its default: a pack's base URL may template words
 * of a URL but must stay a URL, and a word is not a port.
 */
function fixPort(url: string, variables: JsonRecord, warnings: WarningList): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/[^/]*?):\{([^{}]+)\}(?=\/|$)/i, (match, origin: string, name: string) => {
    const port = String(asRecord(variables[name])?.default ?? '');
    if (!/^\d{1,5}$/.test(port)) return match;
    warnings.add(`server variable "${name}" is a port; the pack uses its default, ${port}`);
    return `${origin}:${port}`;
  });
}

/**
 * The pack's base URL from `servers[0]`. Server variables become connection fields with their defaults
 * and choices; a relative server URL (or none, which OpenAPI reads as `/`) asks the user for the host.
 */
export function serversToBaseUrl(document: JsonRecord, keys: KeyAllocator, warnings: WarningList): BaseUrl {
  const servers = asArray(document.servers).map(asRecord).filter((server) => asText(server?.url) !== undefined) as JsonRecord[];
  if (servers.length > 1) warnings.add(`the document lists ${servers.length} servers; the pack uses the first, ${String(servers[0]?.url)}`);
  const server = servers[0];
  const variables = asRecord(server?.variables) ?? {};
  const fields: FieldInput[] = [];
  const fieldByVariable = new Map<string, string>();
  let url = fixPort((asText(server?.url) ?? '/').trim(), variables, warnings).replace(/\{([^{}]+)\}/g, (_match, name: string) => {
    let key = fieldByVariable.get(name);
    if (key === undefined) {
      if (variables[name] === undefined) warnings.add(`server variable "${name}" is not declared; added as a connection field`);
      const field = variableField(name, asRecord(variables[name]), keys);
      fields.push(field);
      key = field.key;
      fieldByVariable.set(name, key);
    }
    return `{{connection.${key}}}`;
  });
  if (url.startsWith('//')) url = `https:${url}`;
  const absolute = /^(https?:\/\/|\{\{connection\.)/i.test(url);
  if (!absolute) {
    const key = keys.take('base_url');
    fields.unshift({
      key,
      label: 'Base URL',
      type: 'url',
      required: true,
      description: `Address of the API server, e.g. https://api.example.com (the document gives only "${url}").`,
    });
    url = `{{connection.${key}}}${url === '/' || url === '' ? '' : `/${url.replace(/^\/+/, '')}`}`;
  }
  return { baseUrl: url.replace(/\/+$/, ''), fields };
}
