import type { Node } from 'web-tree-sitter';
import { NONE, type ReadSite, type SiteFallback } from '../read-sites';
import { callArguments, plainString } from '../syntax';
import { calleeName, objectLiteral, properties, type Scope } from './ecmascript-objects';

const VIA = 'convict';
// `default: null` leaves the setting null when the variable is unset, which convict's validation refuses for most formats.
const EMPTY = new Set(['null', 'undefined']);

/** A setting's fallback: its `default` (convict requires one), none when that is null unless `nullable: true` allows it. */
function settingFallback(setting: Node): SiteFallback {
  const props = properties(setting);
  const given = props.find((p) => p.name === 'default');
  if (given === undefined) return NONE;
  if (!EMPTY.has(given.value.text)) return { kind: 'default', node: given.value };
  // convict 6.1: a nullable setting validates null, so the code runs with it.
  return props.some((p) => p.name === 'nullable' && p.value.text === 'true') ? { kind: 'default' } : NONE;
}

/** `convict(schema)`, or `require('convict')(schema)` called at once. */
function isConvict(call: Node): boolean {
  if (calleeName(call) === 'convict') return true;
  const fn = call.childForFieldName('function');
  const [module] = fn?.type === 'call_expression' && calleeName(fn) === 'require' ? callArguments(fn) : [];
  return module !== undefined && plainString(module, ['string']) === 'convict';
}

/** Every setting of a schema, nested groups included: an object with a string `env` names the variable that sets it. */
function settings(schema: Node, scope: Scope, depth = 0): ReadSite[] {
  if (depth > 16) return [];
  return properties(schema).flatMap((p): ReadSite[] => {
    const value = objectLiteral(p.value, scope);
    if (value === undefined) return [];
    const env = properties(value).find((q) => q.name === 'env');
    const name = env && plainString(env.value, ['string']);
    if (env && name !== undefined) {
      const site: ReadSite = { key: env.value, via: VIA, fallback: settingFallback(value) };
      // convict masks a `sensitive: true` setting in its own output: the schema says it is a secret, whatever it is named.
      return [properties(value).some((q) => q.name === 'sensitive' && q.value.text === 'true') ? { ...site, secret: true } : site];
    }
    return settings(value, scope, depth + 1);
  });
}

/** The `env` of each setting of node-convict's `convict({ port: { format: 'port', default: 8080, env: 'PORT' } })`. */
export function convictSites(root: Node, scope: Scope): ReadSite[] {
  if (!root.text.includes('convict')) return [];
  return root.descendantsOfType('call_expression').flatMap((call) => {
    const schema = call && isConvict(call) ? objectLiteral(callArguments(call)[0], scope) : undefined;
    return schema ? settings(schema, scope) : [];
  });
}
