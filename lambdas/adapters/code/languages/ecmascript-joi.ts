import type { Node } from 'web-tree-sitter';
import { NONE, type ReadSite, type SiteFallback } from '../read-sites';
import { callArguments } from '../syntax';
import { inner, methodCall, objectLiteral, properties, type Property, type Scope } from './ecmascript-objects';
import { holdsEnv } from './ecmascript-zod';

// `schema.validate(process.env)` (Joi, yup), `validateAsync`, yup's `validateSync`; Joi's `Joi.attempt(process.env, schema)` and `assert`.
const VALIDATES = new Set(['validate', 'validateAsync', 'validateSync']);
const CHECKS = new Set(['attempt', 'assert']);
// Where an object schema's keys are written: `Joi.object({…})`, `.keys({…})`, `.append({…})`, yup's `object().shape({…})`.
const KEYED = new Set(['object', 'keys', 'append', 'shape']);
// Methods of a key's schema: `.required()` (Joi's `.exist()`, yup's `.defined()`) fail without it, `.optional()` runs without.
const REQUIRED = new Set(['required', 'exist', 'defined']);
const MAX_CHAIN = 40;

/** `Joi.number().port().default(3000)`: the methods called along a key's chain, the last called first. */
function chain(value: Node): { method: string; args: Node[] }[] {
  const calls: { method: string; args: Node[] }[] = [];
  for (let at = inner(value), m = methodCall(at); m && calls.length < MAX_CHAIN; at = inner(m.object), m = methodCall(at))
    calls.push({ method: m.method, args: callArguments(at) });
  return calls;
}

/** `.prefs({ presence: 'required' })` (or `.options`, `.preferences`): every key without `.optional()` is then required. */
function presenceRequired(args: Node[], scope: Scope): boolean {
  const options = objectLiteral(args[0], scope);
  const presence = options && properties(options).find((p) => p.name === 'presence');
  return presence !== undefined && /^['"]required['"]$/.test(presence.value.text);
}

export interface ObjectSchema {
  readonly keys: Property[];
  readonly required: boolean;
  readonly via: string;
}

/** The keys of an object schema (through a variable, `.keys`, `.append` and methods that keep them: `.unknown()`, `.prefs()`), or undefined for anything else. */
export function objectSchema(schema: Node, scope: Scope): ObjectSchema | undefined {
  const keys = new Map<string, Property>();
  let required = false;
  let at = scope.resolved(schema);
  for (let step = 0; step < MAX_CHAIN; step++) {
    const call = methodCall(at);
    if (call === undefined) return undefined;
    const args = callArguments(at);
    if (/^(prefs|preferences|options)$/.test(call.method) && presenceRequired(args, scope)) required = true;
    const literal = KEYED.has(call.method) ? objectLiteral(args[0], scope) : undefined;
    // Read from the last call back: a key a later `.keys()` gives again is that one's.
    for (const p of literal ? properties(literal) : []) if (!keys.has(p.name)) keys.set(p.name, p);
    if (call.method === 'object') {
      const via = /yup/i.test(call.object.text) ? 'yup schema' : 'Joi schema';
      return keys.size ? { keys: [...keys.values()], required, via } : undefined;
    }
    at = scope.resolved(call.object);
  }
  return undefined;
}

/** What a key's schema gives when the environment lacks it: `.default(v)` v, none when required, else undefined (a default without a value). */
export function keyFallback(value: Node, required: boolean): SiteFallback {
  const calls = chain(value);
  if (calls.some((c) => REQUIRED.has(c.method))) return NONE;
  const given = calls.find((c) => c.method === 'default')?.args[0];
  if (given) return { kind: 'default', node: given };
  return required && !calls.some((c) => c.method === 'optional') ? NONE : { kind: 'default' };
}

/**
 * The keys of an object schema validated against the environment, each read where the schema names it: node-express-boilerplate's
 * `envVarsSchema.prefs({ errors: { label: 'key' } }).validate(process.env)`, `Joi.attempt(process.env, schema)`, yup's
 * `object({…}).validateSync(process.env)`. A key is optional unless `.required()` (or the schema's `presence: 'required'`).
 */
export function joiSites(root: Node, scope: Scope, isEnv: (node: Node) => boolean): ReadSite[] {
  if (!/validate|attempt|assert/.test(root.text)) return [];
  return root.descendantsOfType('call_expression').flatMap((node) => {
    const call = node && methodCall(node);
    const [first, second] = node ? callArguments(node) : [];
    const [env, schemaNode] =
      call && VALIDATES.has(call.method) ? [first, call.object] : call && CHECKS.has(call.method) ? [first, second] : [];
    if (!env || !schemaNode || !holdsEnv(scope.resolved(env), isEnv)) return [];
    const schema = objectSchema(schemaNode, scope);
    return (schema?.keys ?? []).map((p): ReadSite => ({
      key: p.key,
      via: schema?.via ?? '',
      fallback: keyFallback(p.value, schema?.required ?? false),
    }));
  });
}
