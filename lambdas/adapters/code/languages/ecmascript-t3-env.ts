import type { Node } from 'web-tree-sitter';
import type { ReadSite, SiteFallback } from '../read-sites';
import { callArguments } from '../syntax';
import { calleeName, objectLiteral, properties, type Scope } from './ecmascript-objects';
import { fieldSite } from './ecmascript-zod';

const VIA = 't3-env createEnv';
const SCHEMAS = ['server', 'client', 'shared'];
// Where createEnv takes its values from (env-nextjs: `experimental__runtimeEnv` for the client's, the server's from process.env).
const RUNTIME = ['runtimeEnv', 'experimental__runtimeEnv', 'runtimeEnvStrict'];

/**
 * A value of `runtimeEnv` whose direct reads the schema judges: a read of the key itself (`X: process.env.X`)
 * is the schema's own read (`replaced`); the reads of another value take the schema's fallback when they have none.
 */
export interface RuntimeValue {
  readonly node: Node;
  readonly via: string;
  readonly fallback: SiteFallback;
  readonly replaced: boolean;
}

/** `createEnv({ server: {…}, client: {…}, shared: {…}, runtimeEnv })` of @t3-oss/env-core and env-nextjs: each key is read by zod's rules. */
export function t3EnvSites(
  root: Node,
  scope: Scope,
  envKey: (node: Node) => string | undefined,
): { sites: ReadSite[]; runtime: RuntimeValue[] } {
  const sites: ReadSite[] = [];
  const runtime: RuntimeValue[] = [];
  if (!root.text.includes('createEnv')) return { sites, runtime };
  for (const call of root.descendantsOfType('call_expression')) {
    const options = call && calleeName(call) === 'createEnv' ? objectLiteral(callArguments(call)[0], scope) : undefined;
    if (options === undefined) continue;
    const option = new Map(properties(options).map((p) => [p.name, p.value]));
    const values = new Map<string, Node>();
    for (const name of RUNTIME) {
      const literal = objectLiteral(option.get(name), scope);
      for (const p of literal ? properties(literal) : []) values.set(p.name, p.value);
    }
    for (const schema of SCHEMAS) {
      const literal = objectLiteral(option.get(schema), scope);
      for (const field of literal ? properties(literal) : []) {
        const site = fieldSite(field, VIA, scope);
        const value = values.get(field.name);
        // Not in runtimeEnv: createEnv reads the key from the environment object it was given.
        if (value === undefined || envKey(value) === field.name) sites.push(site);
        if (value !== undefined) runtime.push({ node: value, via: VIA, fallback: site.fallback, replaced: envKey(value) === field.name });
      }
    }
  }
  return { sites, runtime };
}
