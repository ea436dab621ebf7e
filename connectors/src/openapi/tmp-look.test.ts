import { readFileSync } from 'node:fs';
import { test } from 'vitest';
import { openApiToPack } from './openapi-to-pack.js';
const dir = '/work/main/connectors/node_modules/@readme/oas-examples/';
test('look', async () => {
  for (const f of ['3.0/json/security-multiple.json','3.0/json/server-variables.json','3.0/json/file-uploads.json','3.0/json/circular.json','3.1/json/schema-types.json']) {
    const r = await openApiToPack(readFileSync(dir + f, 'utf8'), { fileName: f });
    if (!r.ok) { console.log(f, r.problems); continue; }
    console.log(f, 'WARN', r.warnings, 'AUTH', JSON.stringify(r.manifest.auth), 'BASE', r.manifest.baseUrl);
    console.log(JSON.stringify(r.manifest.actions?.slice(0, 3).map(a => ({ k: a.key, kind: a.kind, req: a.request, input: a.input?.map(i => `${i.key}:${i.type}${i.required ? '!' : ''}`), s: a.sample !== undefined })) ));
  }
});
