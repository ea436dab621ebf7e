import type { httpMethods } from '../manifest/request-template-schema.js';
import type { ActionInput } from './action-input.js';
import { asRecord, asText, clip, type JsonRecord } from './json-value.js';
import { KeyAllocator } from './key-allocator.js';
import { slugify } from './names.js';
import { parametersToInput } from './parameters-to-input.js';
import { requestBodyToInput } from './request-body-to-input.js';
import { responseToOutput } from './response-to-output.js';
import type { WarningList } from './warning-list.js';

export interface Operation {
  method: string;
  route: string;
  pathItem: JsonRecord;
  operation: JsonRecord;
}

/** `operationId` as kebab-case, else method and path; unique across the pack. */
function actionKey(item: Operation, actionKeys: KeyAllocator): string {
  const fromId = slugify(asText(item.operation.operationId) ?? '');
  const base = fromId !== '' ? fromId : slugify(`${item.method} ${item.route.replace(/[{}]/g, '')}`) || item.method;
  return actionKeys.take(base);
}

/** A route segment at the vendor's own absolute server, when the operation names one without variables. */
function operationServer(item: Operation, warnings: WarningList, where: string): string {
  const server = asRecord((item.operation.servers as unknown[] | undefined)?.[0] ?? (item.pathItem.servers as unknown[] | undefined)?.[0]);
  const url = asText(server?.url);
  if (url === undefined) return '';
  if (/^https?:\/\/[^{}]+$/i.test(url)) return url.replace(/\/+$/, '');
  warnings.add(`${where}: its own server "${url}" is ignored; the pack's base URL is used`);
  return '';
}

/** One action for one operation: input fields from parameters and body, a request template, kind and sample. */
export function operationToAction(item: Operation, actionKeys: KeyAllocator, warnings: WarningList): ActionInput {
  const method = item.method.toUpperCase() as (typeof httpMethods)[number];
  const where = `${method} ${item.route}`;
  const key = actionKey(item, actionKeys);
  const fieldKeys = new KeyAllocator('_');
  const parameters = parametersToInput(item.route, item.pathItem, item.operation, fieldKeys, warnings, where);
  const body = method === 'GET' || method === 'HEAD' ? undefined : requestBodyToInput(item.operation.requestBody, fieldKeys, warnings, where);
  const headers = { ...parameters.headers, ...(body?.contentType === undefined ? {} : { 'Content-Type': body.contentType }) };
  const request: ActionInput['request'] = {
    method,
    path: `${operationServer(item, warnings, where)}${parameters.path}`,
    ...(Object.keys(parameters.query).length > 0 ? { query: parameters.query } : {}),
    ...(Object.keys(headers).length > 0 ? { headers } : {}),
    ...body?.body,
  };
  const output = responseToOutput(item.operation);
  const summary = asText(item.operation.summary);
  const description = asText(item.operation.description);
  const deprecated = item.operation.deprecated === true ? 'Deprecated. ' : '';
  const action: ActionInput = {
    key,
    name: clip(summary ?? asText(item.operation.operationId) ?? where, 200) ?? where,
    kind: (method === 'GET' || method === 'HEAD') && output.isList ? 'search' : 'action',
    input: [...parameters.fields, ...(body?.fields ?? [])],
    request,
  };
  const text = clip(`${deprecated}${description ?? ''}`, 2000);
  if (text !== undefined) action.description = text;
  if (output.sample !== undefined) action.sample = output.sample;
  return action;
}
