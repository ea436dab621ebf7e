// Regenerates connectors/pack.schema.json from the zod schema: pnpm --filter @switchyard/connectors schema
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { packJsonSchemaText } from '../src/manifest/pack-json-schema.js';

const target = fileURLToPath(new URL('../pack.schema.json', import.meta.url));
writeFileSync(target, packJsonSchemaText());
console.log(`wrote ${target}`);
