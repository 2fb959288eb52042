import type { Node } from 'web-tree-sitter';
import { NONE, type ReadSite, type SiteFallback } from '../read-sites';
import { callArguments } from '../syntax';
import { calleeName, objectLiteral, properties, type Scope } from './ecmascript-objects';

const VIA = 'envalid cleanEnv';
const CLEANS = new Set(['cleanEnv', 'customCleanEnv']);
const EMPTY = new Set(['undefined', 'shorthand_property_identifier']);

/**
 * What a validator's spec gives an unset key: `default` (even `default: undefined`, which makes it optional).
 * `devDefault` applies only when NODE_ENV is set and not production, `testDefault` only in test: in production
 * neither does, and the key is required.
 */
function specFallback(validator: Node, scope: Scope): SiteFallback {
  const call = scope.resolved(validator);
  const spec = call.type === 'call_expression' ? objectLiteral(callArguments(call)[0], scope) : undefined;
  const given = spec && properties(spec).find((p) => p.name === 'default');
  if (given === undefined) return NONE;
  return EMPTY.has(given.value.type) ? { kind: 'default' } : { kind: 'default', node: given.value };
}

/** The keys of envalid's `cleanEnv(process.env, { PORT: port({ default: 3000 }), API_KEY: str() })`. */
export function envalidSites(root: Node, scope: Scope): ReadSite[] {
  if (!root.text.includes('leanEnv')) return [];
  return root.descendantsOfType('call_expression').flatMap((call) => {
    const specs = call && CLEANS.has(calleeName(call) ?? '') ? objectLiteral(callArguments(call)[1], scope) : undefined;
    return specs ? properties(specs).map((p) => ({ key: p.key, via: VIA, fallback: specFallback(p.value, scope) })) : [];
  });
}
