import { asRecord } from './json-value.js';
import type { JsonRecord } from './json-value.js';
import type { Operation } from './operation-to-action.js';
import type { WarningList } from './warning-list.js';

const SUPPORTED = ['get', 'post', 'put', 'patch', 'delete', 'head'] as const;
const UNSUPPORTED = ['options', 'trace'] as const;

/** Every operation in document order, at most `limit` of them (a pack with thousands of actions is unusable). */
export function collectOperations(paths: JsonRecord, limit: number, warnings: WarningList): Operation[] {
  const operations: Operation[] = [];
  let total = 0;
  for (const [route, value] of Object.entries(paths)) {
    const pathItem = asRecord(value);
    if (pathItem === undefined) continue;
    for (const method of UNSUPPORTED) {
      if (asRecord(pathItem[method]) !== undefined) warnings.add(`${method.toUpperCase()} ${route}: ${method.toUpperCase()} requests are not supported and are left out`);
    }
    for (const method of SUPPORTED) {
      const operation = asRecord(pathItem[method]);
      if (operation === undefined) continue;
      total += 1;
      if (operations.length < limit) operations.push({ method, route, pathItem, operation });
    }
  }
  if (total > limit) warnings.add(`the document has ${total} operations; only the first ${limit} became actions`);
  return operations;
}
