import type { Node } from 'web-tree-sitter';
import type { ReadFallback } from '../../../core/code/code-read';
import type { FoundRead, Wrapper } from '../language';
import { valueOf, type SiteFallback } from '../read-sites';
import { callArguments } from '../syntax';
import { ecmascript } from './ecmascript';
import { fileScope, inner, methodCall, objectLiteral, properties, type Property, type Scope } from './ecmascript-objects';
import { keyFallback, objectSchema } from './ecmascript-joi';
import { nestConfigImports, THROUGH_SERVICE } from './ecmascript-nest-config';

// What a schema's pseudo-wrapper wraps: no call is named so, so it is never matched as a wrapper's call.
const SCHEMA = 'validationSchema (NestJS ConfigModule)';

/** Each key of a ConfigModule schema with what it gives when the environment lacks it, as ecmascript-joi reads a Joi schema. */
function schemaKeys(schema: Node, scope: Scope): { entry: Property; fallback: SiteFallback }[] {
  const object = objectSchema(schema, scope);
  return (object?.keys ?? []).map((entry) => ({ entry, fallback: keyFallback(entry.value, object?.required ?? false) }));
}

/** The keys of a schema that give a `.default(v)`, with it. */
function schemaDefaults(schema: Node, scope: Scope): Map<string, ReadFallback> {
  const defaults = new Map<string, ReadFallback>();
  for (const { entry, fallback } of schemaKeys(schema, scope))
    if (fallback.kind === 'default' && fallback.node) defaults.set(entry.name, valueOf(ecmascript, fallback));
  return defaults;
}

/** The `validationSchema` of each `ConfigModule.forRoot({ … })` of a file (ConfigModule imported from @nestjs/config). */
function forRootSchemas(root: Node): { schema: Node; scope: Scope }[] {
  const modules = nestConfigImports(root, 'ConfigModule');
  if (modules.size === 0) return [];
  const scope = fileScope(root);
  return root.descendantsOfType('call_expression').flatMap((call) => {
    const m = call && methodCall(call);
    const options = m?.method === 'forRoot' && modules.has(inner(m.object).text) ? objectLiteral(callArguments(call)[0], scope) : undefined;
    const schema = options && properties(options).find((p) => p.name === 'validationSchema')?.value;
    return schema ? [{ schema, scope }] : [];
  });
}

/**
 * Each key of a ConfigModule schema, read where the schema names it: Nest validates the environment with the schema as
 * the app starts, so a `.required()` key is needed whether or not code gets it; a `.default(v)` gives v, another key nothing.
 */
export function nestSchemaReads(root: Node): FoundRead[] {
  return forRootSchemas(root).flatMap(({ schema, scope }) =>
    schemaKeys(schema, scope).map(({ entry, fallback }): FoundRead => ({
      name: entry.name,
      at: entry.key,
      via: SCHEMA,
      fallback: valueOf(ecmascript, fallback),
    })),
  );
}

/**
 * `ConfigModule.forRoot({ validationSchema: Joi.object({ PORT: Joi.number().default(3000) }) })`: Nest validates the
 * environment with the schema and `ConfigService.get('PORT')` returns the validated value, its default included, in
 * any file. Each schema is handed on as a wrapper no call names, whose key defaults `withSchemaDefaults` applies.
 */
export function nestSchemas(root: Node): Wrapper[] {
  return forRootSchemas(root).flatMap(({ schema, scope }): Wrapper[] => {
    const keyDefaults = schemaDefaults(schema, scope);
    if (!keyDefaults.size) return [];
    // Named by its keys: two schemas of a project are two wrappers.
    return [
      { name: `${SCHEMA}: ${[...keyDefaults.keys()].join(',')}`, keyParam: 0, fallback: { kind: 'none' }, wraps: SCHEMA, keyDefaults },
    ];
  });
}

/** A read through ConfigService that the code gives no fallback takes the default a ConfigModule schema of the language's files declares. */
export function withSchemaDefaults(reads: FoundRead[], wrappers: ReadonlyMap<string, Wrapper>): FoundRead[] {
  const schemas = [...wrappers.values()].filter((w) => w.wraps === SCHEMA);
  if (schemas.length === 0) return reads;
  return reads.map((read) => {
    if (read.fallback.kind !== 'none' || !THROUGH_SERVICE.test(read.via)) return read;
    const fallback = schemas.map((s) => s.keyDefaults?.get(read.name)).find((f) => f !== undefined);
    return fallback ? { ...read, fallback } : read;
  });
}
