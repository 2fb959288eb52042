import type { Node } from 'web-tree-sitter';
import { NONE, type ReadSite, type SiteFallback } from '../read-sites';
import { callArguments, isNull, plainString } from '../syntax';
import { calleeName, methodCall } from './ecmascript-objects';

const VIA = 'env-var';
const MODULE = 'env-var';

/** The names a file gives env-var: the module or an instance of it (`env.get`), its `get`, its `from`. */
interface Names {
  readonly instances: Set<string>;
  readonly getters: Set<string>;
  readonly froms: Set<string>;
}

/** `{ get, from: f }` destructured from the module or an instance: the local names of `get` and `from`. */
function destructured(pattern: Node, names: Names, ofModule: boolean): void {
  for (const p of pattern.namedChildren) {
    const [key, local] =
      p?.type === 'shorthand_property_identifier_pattern' ? [p, p] : [p?.childForFieldName('key'), p?.childForFieldName('value')];
    if (local?.type !== 'identifier' && local?.type !== 'shorthand_property_identifier_pattern') continue;
    if (key?.text === 'get') names.getters.add(local.text);
    if (key?.text === 'from' && ofModule) names.froms.add(local.text);
  }
}

function importedNames(root: Node): Names {
  const names: Names = { instances: new Set(), getters: new Set(), froms: new Set() };
  for (const s of root.descendantsOfType('string')) {
    if (s === null || plainString(s, ['string']) !== MODULE) continue;
    const holder = s.parent?.type === 'arguments' ? s.parent.parent : s.parent;
    if (holder?.type === 'import_statement') {
      const clause = holder.namedChildren.find((c) => c?.type === 'import_clause');
      for (const part of clause?.namedChildren ?? []) {
        if (part?.type === 'identifier') names.instances.add(part.text);
        if (part?.type === 'namespace_import') part.namedChildren.forEach((n) => n?.type === 'identifier' && names.instances.add(n.text));
        for (const spec of part?.type === 'named_imports' ? part.namedChildren : []) {
          const [name, alias] = [spec?.childForFieldName('name')?.text, spec?.childForFieldName('alias')?.text];
          if (name === 'get') names.getters.add(alias ?? name);
          if (name === 'from') names.froms.add(alias ?? name);
        }
      }
    } else if (holder?.type === 'call_expression' && holder.childForFieldName('function')?.text === 'require') {
      const declared = holder.parent?.type === 'variable_declarator' ? holder.parent.childForFieldName('name') : null;
      if (declared?.type === 'identifier') names.instances.add(declared.text);
      if (declared?.type === 'object_pattern') destructured(declared, names, true);
    }
  }
  return names;
}

/** Whether an expression is an env-var instance: the module, `from(…)`, `env.from(…)`. */
function isInstance(value: Node, names: Names): boolean {
  if (value.type === 'identifier') return names.instances.has(value.text);
  if (value.type !== 'call_expression') return false;
  const fn = value.childForFieldName('function');
  if (fn?.type === 'identifier') return names.froms.has(fn.text);
  const call = methodCall(value);
  return call?.method === 'from' && isInstance(call.object, names);
}

/** The module's names, then what the file makes of them: `const e = from(process.env)`, `const { get } = env`. */
function namesOf(root: Node): Names {
  const names = importedNames(root);
  const declarators = root.descendantsOfType('variable_declarator');
  // Twice: a name may be made from one declared after it in the text.
  for (let pass = 0; pass < 2; pass++)
    for (const d of declarators) {
      const [name, value] = [d?.childForFieldName('name'), d?.childForFieldName('value')];
      if (!name || !value || !isInstance(value, names)) continue;
      if (name.type === 'identifier' && value.type === 'call_expression') names.instances.add(name.text);
      if (name.type === 'object_pattern') destructured(name, names, false);
    }
  return names;
}

/**
 * The chain after `get('X')`: `.default(d)` gives d whether or not `.required()` follows (env-var uses the
 * default before it checks); `.required()` (not `.required(false)`) throws when unset; neither gives undefined,
 * which a fallback written around the chain (`|| 'd'`) replaces. Before env-var 6, `get('X', d)` gave d.
 */
function chainFallback(get: Node, around: (expression: Node) => SiteFallback | undefined): SiteFallback {
  const legacy = callArguments(get)[1];
  let given = legacy && !isNull(legacy) ? legacy : undefined;
  let required = false;
  let at = get;
  while (at.parent?.type === 'member_expression' && at.parent.parent?.type === 'call_expression') {
    const call = at.parent.parent;
    const method = at.parent.childForFieldName('property')?.text;
    const [arg] = callArguments(call);
    if (method === 'default' && arg) given = arg;
    if (method === 'required') required = arg?.text !== 'false';
    at = call;
  }
  if (given) return { kind: 'default', node: given };
  return required ? NONE : (around(at) ?? NONE);
}

/** env-var's `env.get('PORT').default('3000').asPortNumber()`, `get('X').required().asString()`, through `from(…)` instances. */
export function envVarSites(root: Node, around: (expression: Node) => SiteFallback | undefined): ReadSite[] {
  if (!root.text.includes(MODULE)) return [];
  const names = namesOf(root);
  return root.descendantsOfType('call_expression').flatMap((call) => {
    const fn = call?.childForFieldName('function');
    const target = call && methodCall(call);
    const byGet = fn?.type === 'identifier' ? names.getters.has(fn.text) : target?.method === 'get' && isInstance(target.object, names);
    const key = call && byGet && calleeName(call) ? callArguments(call)[0] : undefined;
    return call && key ? [{ key, via: VIA, fallback: chainFallback(call, around) }] : [];
  });
}
