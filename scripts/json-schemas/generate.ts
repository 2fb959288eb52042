import { z } from 'zod';
import { auditDocumentSchema } from './audit-document';
import { baselineJsonSchema, estateJsonSchema } from './estate-schema';
import type { JsonObject } from './json-pointer';

/** The folder under the package root that holds the generated schemas. */
export const SCHEMA_DIR = 'schemas';

/** `$id`s name the package, which is where editors and CI jobs find the files. */
const id = (file: string): string => `urn:drift-audit:schemas:${file}`;

const head = (file: string, title: string, description: string, schema: JsonObject): JsonObject => {
  const { $schema, ...rest } = schema;
  return { $schema, $id: id(file), title, description, ...rest };
};

/** Every generated schema: file name under schemas/ → its JSON Schema. */
export function jsonSchemas(): Record<string, JsonObject> {
  return {
    'drift.schema.json': head(
      'drift.schema.json',
      'drift.yaml',
      'The estate file of drift: one application across its environments, its sources, the baseline it should match and where findings go.',
      estateJsonSchema(),
    ),
    'baseline.schema.json': head(
      'baseline.schema.json',
      'drift baseline',
      'A baseline file (`baseline: path/to/baseline.yaml` in drift.yaml): declared keys, exceptions and rules.',
      baselineJsonSchema(),
    ),
    'drift-audit-v1.schema.json': head(
      'drift-audit-v1.schema.json',
      'drift-audit/v1',
      'The document `drift audit --format json` prints: findings, suppressed findings, resolved findings and a summary.',
      z.toJSONSchema(auditDocumentSchema, { target: 'draft-7' }) as JsonObject,
    ),
  };
}

/** The files' text as committed: two-space JSON and a final newline, so a re-run diffs cleanly. */
export const schemaText = (schema: JsonObject): string => `${JSON.stringify(schema, null, 2)}\n`;
