// `npm run schemas`: writes schemas/*.json from the zod schemas (esbuild bundles this into dist/).
// test/infra/json-schemas.test.ts fails when a committed file differs from what this writes.
import { writeFileSync, mkdirSync } from 'node:fs';
import * as path from 'node:path';
import { jsonSchemas, schemaText, SCHEMA_DIR } from './json-schemas/generate';

const dir = path.join(process.cwd(), SCHEMA_DIR);
mkdirSync(dir, { recursive: true });
for (const [file, schema] of Object.entries(jsonSchemas())) {
  writeFileSync(path.join(dir, file), schemaText(schema));
  process.stdout.write(`wrote ${path.join(SCHEMA_DIR, file)}\n`);
}
