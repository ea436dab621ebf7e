import type { FieldInput } from '../manifest/field-schema.js';
import { headerNameSchema } from '../manifest/names.js';
import { asArray, asRecord, asText, type JsonRecord } from './json-value.js';
import type { KeyAllocator } from './key-allocator.js';
import { toFieldKey } from './names.js';
import { effectiveSchema, schemaToField } from './schema-to-field.js';
import type { WarningList } from './warning-list.js';

export interface ParameterInput {
  fields: FieldInput[];
  /** The request path with `{{input.x | urlencode}}` in place of each `{name}`. */
  path: string;
  query: Record<string, string>;
  headers: Record<string, string>;
}

// OpenAPI says these header parameters are ignored: the body and auth settings decide them.
const IGNORED_HEADERS = new Set(['accept', 'content-type', 'authorization']);

/** Path-level parameters, overridden by operation-level ones with the same name and location. */
function mergedParameters(pathItem: JsonRecord, operation: JsonRecord): JsonRecord[] {
  const byId = new Map<string, JsonRecord>();
  for (const raw of [...asArray(pathItem.parameters), ...asArray(operation.parameters)]) {
    const parameter = asRecord(raw);
    const name = asText(parameter?.name);
    if (parameter === undefined || name === undefined || typeof parameter.in !== 'string') continue;
    byId.set(`${parameter.in}:${name}`, parameter);
  }
  return [...byId.values()];
}

/** A parameter described by `content` instead of `schema` carries its schema in the one media type. */
function parameterSchema(parameter: JsonRecord): unknown {
  if (parameter.schema !== undefined) return parameter.schema;
  const media = Object.values(asRecord(parameter.content) ?? {})[0];
  return asRecord(media)?.schema;
}

const DELIMITERS: Record<string, string> = { form: ',', simple: ',', spaceDelimited: ' ', pipeDelimited: '|' };

/**
 * A list in a query is sent as the parameter repeated once per item (OpenAPI's default `form` style with
 * `explode`), which is what the request renderer does with a list; a list that must be one delimited value
 * (`explode: false`, other styles, headers) is joined here.
 */
function valueTemplate(key: string, parameter: JsonRecord, schema: unknown): string {
  const type = effectiveSchema(asRecord(schema) ?? {}).type;
  const isList = type === 'array' || (Array.isArray(type) && type.includes('array'));
  const style = typeof parameter.style === 'string' ? parameter.style : parameter.in === 'query' ? 'form' : 'simple';
  const repeated = parameter.in === 'query' && style === 'form' && parameter.explode !== false;
  const delimiter = DELIMITERS[style];
  return isList && !repeated && delimiter !== undefined ? `{{input.${key} | join: "${delimiter}"}}` : `{{input.${key}}}`;
}

export function parametersToInput(
  route: string,
  pathItem: JsonRecord,
  operation: JsonRecord,
  keys: KeyAllocator,
  warnings: WarningList,
  where: string,
): ParameterInput {
  const result: ParameterInput = { fields: [], path: route, query: {}, headers: {} };
  const pathKeys = new Map<string, string>();
  for (const parameter of mergedParameters(pathItem, operation)) {
    const name = parameter.name as string;
    const location = parameter.in as string;
    if (location === 'cookie') {
      warnings.add(`${where}: cookie parameter "${name}" is left out (packs cannot send cookies)`);
      continue;
    }
    if (location === 'header' && IGNORED_HEADERS.has(name.toLowerCase())) continue;
    if (location === 'header' && !headerNameSchema.safeParse(name).success) {
      warnings.add(`${where}: header parameter "${name}" is not a valid header name and is left out`);
      continue;
    }
    if (!['path', 'query', 'header'].includes(location)) continue;
    if (name.length > 200) {
      warnings.add(`${where}: a ${location} parameter name longer than 200 characters is left out`);
      continue;
    }
    const key = keys.take(toFieldKey(name, location === 'header'));
    const schema = parameterSchema(parameter);
    const required = location === 'path' || parameter.required === true;
    result.fields.push(schemaToField({ key, name, schema, required, description: parameter.description, example: parameter.example }));
    if (location === 'path') pathKeys.set(name, key);
    else if (location === 'query') result.query[name] = valueTemplate(key, parameter, schema);
    else result.headers[name] = valueTemplate(key, parameter, schema);
  }
  result.path = route.replace(/\{([^{}]+)\}/g, (_match, name: string) => {
    let key = pathKeys.get(name);
    if (key === undefined) {
      warnings.add(`${where}: path parameter "${name}" is not declared; added as a required text field`);
      key = keys.take(toFieldKey(name));
      pathKeys.set(name, key);
      result.fields.push({ key, label: name, type: 'string', required: true });
    }
    return `{{input.${key} | urlencode}}`;
  });
  return result;
}
