import type { Node } from 'web-tree-sitter';
import { NONE, type ReadSite, type SiteFallback } from '../read-sites';
import { callArguments, plainString } from '../syntax';
import { calleeName, objectLiteral, properties, type Scope } from './ecmascript-objects';

const VIA = 'convict';
// `default: null` leaves the setting null when the variable is unset, which convict's validation refuses for most formats.
const EMPTY = new Set(['null', 'undefined']);

/** A setting's fallback: its `default` (convict requires one), none when that is null. */
function settingFallback(setting: Node): SiteFallback {
  const given = properties(setting).find((p) => p.name === 'default');
  return given === undefined || EMPTY.has(given.value.text) ? NONE : { kind: 'default', node: given.value };
}

/** Every setting of a schema, nested groups included: an object with a string `env` names the variable that sets it. */
function settings(schema: Node, scope: Scope, depth = 0): ReadSite[] {
  if (depth > 16) return [];
  return properties(schema).flatMap((p): ReadSite[] => {
    const value = objectLiteral(p.value, scope);
    if (value === undefined) return [];
    const env = properties(value).find((q) => q.name === 'env');
    const name = env && plainString(env.value, ['string']);
    if (env && name !== undefined) return [{ key: env.value, via: VIA, fallback: settingFallback(value) }];
    return settings(value, scope, depth + 1);
  });
}

/** The `env` of each setting of node-convict's `convict({ port: { format: 'port', default: 8080, env: 'PORT' } })`. */
export function convictSites(root: Node, scope: Scope): ReadSite[] {
  if (!root.text.includes('convict')) return [];
  return root.descendantsOfType('call_expression').flatMap((call) => {
    const schema = call && calleeName(call) === 'convict' ? objectLiteral(callArguments(call)[0], scope) : undefined;
    return schema ? settings(schema, scope) : [];
  });
}
