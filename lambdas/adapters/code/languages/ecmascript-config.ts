import type { Node } from 'web-tree-sitter';
import type { ReadSite } from '../read-sites';
import { callArguments, plainString } from '../syntax';

/** The local names node-config is imported under: `import config from 'config'`, `const c = require('config')`. */
function nodeConfigNames(root: Node): Set<string> {
  const names = new Set<string>();
  for (const s of root.descendantsOfType('string')) {
    if (s === null || plainString(s, ['string']) !== 'config') continue;
    const holder = s.parent?.type === 'arguments' ? s.parent.parent : s.parent;
    if (holder?.type === 'import_statement') {
      const local = holder.namedChildren.find((c) => c?.type === 'import_clause')?.namedChildren[0];
      if (local?.type === 'identifier') names.add(local.text);
    } else if (holder?.type === 'call_expression' && holder.childForFieldName('function')?.text === 'require') {
      const declared = holder.parent?.type === 'variable_declarator' ? holder.parent.childForFieldName('name') : null;
      if (declared?.type === 'identifier') names.add(declared.text);
    }
  }
  return names;
}

/** How node-config's reads are named (`via`): what its mapping file's reads replace. */
export const NODE_CONFIG_GETS: ReadonlySet<string> = new Set(['config.get (node-config)', 'config.has (node-config)']);

/**
 * node-config's `get` (it throws on a missing key: no default, but for what config/default sets: FoundRead.property)
 * and `has` (it asks whether the key is set).
 */
export function nodeConfigSites(root: Node): ReadSite[] {
  const names = nodeConfigNames(root.tree.rootNode);
  if (names.size === 0) return [];
  return root.descendantsOfType('call_expression').flatMap((call) => {
    const fn = call?.childForFieldName('function');
    const object = fn?.type === 'member_expression' ? fn.childForFieldName('object') : null;
    const method = fn?.childForFieldName('property')?.text;
    const key = call && callArguments(call)[0];
    if (!key || object?.type !== 'identifier' || !names.has(object.text) || (method !== 'get' && method !== 'has')) return [];
    return [
      {
        key,
        via: `config.${method} (node-config)`,
        fallback: method === 'get' ? { kind: 'none' } : { kind: 'default' },
        property: 'node-config',
      } satisfies ReadSite,
    ];
  });
}
