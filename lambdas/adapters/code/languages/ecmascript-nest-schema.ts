import type { Node } from 'web-tree-sitter';
import type { ReadFallback } from '../../../core/code/code-read';
import type { FoundRead, Wrapper } from '../language';
import { valueOf } from '../read-sites';
import { callArguments } from '../syntax';
import { ecmascript } from './ecmascript';
import { fileScope, inner, methodCall, objectLiteral, properties, type Scope } from './ecmascript-objects';
import { nestConfigImports, THROUGH_SERVICE } from './ecmascript-nest-config';

// What a schema's pseudo-wrapper wraps: no call is named so, so it is never matched as a wrapper's call.
const SCHEMA = 'validationSchema (NestJS ConfigModule)';

/** `Joi.number().port().default(3000)`: the methods called along the chain, the last called first. */
function chain(value: Node): { method: string; args: Node[] }[] {
  const calls: { method: string; args: Node[] }[] = [];
  for (let at = inner(value), m = methodCall(at); m; at = inner(m.object), m = methodCall(at))
    calls.push({ method: m.method, args: callArguments(at) });
  return calls;
}

/** What a schema entry gives a key the environment lacks: its `.default(v)`, unless `.required()` (Joi then fails, whatever the default). */
function entryDefault(value: Node): ReadFallback | undefined {
  const calls = chain(value);
  if (calls.some((c) => c.method === 'required' || c.method === 'exist')) return undefined;
  const given = calls.find((c) => c.method === 'default')?.args[0];
  return given ? valueOf(ecmascript, { kind: 'default', node: given }) : undefined;
}

/** The entries of `Joi.object({ … })` or `Joi.object().keys({ … })`, named where the file binds it. */
function schemaEntries(schema: Node, scope: Scope): ReturnType<typeof properties> {
  const keyed = chain(scope.resolved(schema)).find((c) => c.method === 'object' || c.method === 'keys');
  const entries = objectLiteral(keyed?.args[0], scope);
  return entries ? properties(entries) : [];
}

/** The keys of a schema with their defaults. */
function schemaDefaults(schema: Node, scope: Scope): Map<string, ReadFallback> {
  const defaults = new Map<string, ReadFallback>();
  for (const entry of schemaEntries(schema, scope)) {
    const fallback = entryDefault(entry.value);
    if (fallback) defaults.set(entry.name, fallback);
  }
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
    schemaEntries(schema, scope).map((entry): FoundRead => {
      const required = chain(entry.value).some((c) => c.method === 'required' || c.method === 'exist');
      return {
        name: entry.name,
        at: entry.key,
        via: SCHEMA,
        fallback: required ? { kind: 'none' } : (entryDefault(entry.value) ?? { kind: 'default' }),
      };
    }),
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
