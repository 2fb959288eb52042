import type { Node } from 'web-tree-sitter';
import { NONE, type ReadSite, type SiteFallback } from '../read-sites';
import { plainString } from '../syntax';

const VIA = '@ConfigMapping';
const STRINGS = ['string_literal'];
// An Optional is injected empty when the property is unset; any other type without a default fails the start.
const RUNS_EMPTY = /^(?:java\.util\.)?Optional(?:Int|Long|Double)?\b/;
// A map's keys are the configuration's own (`headers.x-trace=…`): no name the scan can list.
const MAP = /^(?:java\.util\.)?(?:Map|SortedMap|HashMap)\s*</;
const COLLECTION = /^(?:java\.util\.)?(?:List|Set|Collection|SortedSet)\s*<\s*([\w.]+)\s*>$/;
// Nested groups more than this deep are not followed (a group that holds itself).
const DEPTH = 8;

const named = (node: Node | null | undefined): Node[] => node?.namedChildren.filter((n): n is Node => n !== null) ?? [];
const annotationsOf = (node: Node): Node[] =>
  named(named(node).find((n) => n.type === 'modifiers')).filter((n) => n.type === 'annotation' || n.type === 'marker_annotation');
const simpleName = (annotation: Node): string => (annotation.childForFieldName('name')?.text ?? '').replace(/^.*\./, '');
const annotation = (node: Node, name: string): Node | undefined => annotationsOf(node).find((a) => simpleName(a) === name);

/** An annotation's one string: `@WithDefault("20")`, `@ConfigMapping(prefix = "fight")`. */
function stringArgument(node: Node | undefined, key: string): string | undefined {
  const args = named(node?.childForFieldName('arguments'));
  const pair = args.find((a) => a.type === 'element_value_pair' && a.childForFieldName('key')?.text === key);
  const value = pair ? pair.childForFieldName('value') : args.find((a) => a.type !== 'element_value_pair');
  return value ? plainString(value, STRINGS) : undefined;
}

/** `teamName` → `team-name`: SmallRye's default naming strategy. */
const kebab = (name: string): string => name.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();

/** The interfaces declared anywhere in the file, by simple name: the types of a mapping's nested groups (inside it or beside it). */
const groupsIn = (root: Node): Map<string, Node> =>
  new Map(
    root
      .descendantsOfType('interface_declaration')
      .flatMap((i): Array<[string, Node]> => (i && i.childForFieldName('name') ? [[i.childForFieldName('name')?.text ?? '', i]] : [])),
  );

/** The type an `Optional<Hero>` holds, or the type as written. */
const inner = (type: string): string => /^(?:java\.util\.)?Optional\s*<\s*([\w.]+)\s*>$/.exec(type)?.[1] ?? type;

function methods(group: Node, prefix: string, groups: Map<string, Node>, optional: boolean, depth: number): ReadSite[] {
  if (depth > DEPTH) return [];
  return named(group.childForFieldName('body'))
    .filter((m) => m.type === 'method_declaration' && !m.childForFieldName('body') && named(m.childForFieldName('parameters')).length === 0)
    .flatMap((method): ReadSite[] => {
      const name = method.childForFieldName('name');
      const type = method.childForFieldName('type')?.text ?? '';
      if (!name || MAP.test(type)) return [];
      const own = stringArgument(annotation(method, 'WithName'), 'value') ?? kebab(name.text);
      // A list or set of groups holds keys by index no one can list, as a Map does.
      const element = COLLECTION.exec(type)?.[1];
      if (element && groups.has(element.replace(/^.*\./, ''))) return [];
      const nested = groups.get(inner(type).replace(/^.*\./, ''));
      if (nested && nested !== group) {
        // `@WithParentName Credentials credentials()`: the group's methods sit at this level.
        const at = annotation(method, 'WithParentName') ? prefix : `${prefix}.${own}`;
        return methods(nested, at, groups, optional || RUNS_EMPTY.test(type), depth + 1);
      }
      const given = stringArgument(annotation(method, 'WithDefault'), 'value');
      const fallback: SiteFallback =
        given !== undefined ? { kind: 'default', value: given } : optional || RUNS_EMPTY.test(type) ? { kind: 'default' } : NONE;
      return [{ key: name, name: `${prefix}.${own}`, via: VIA, fallback, property: 'spring' }];
    });
}

/**
 * SmallRye Config's `@ConfigMapping(prefix = "fight")` interfaces (Quarkus): each method without parameters is a key under the
 * prefix in kebab case (`fight.hero.team-name`, `@WithName` renames it), a method returning an interface declared inside is a
 * nested group, and a `Map` holds keys no one can list. `@WithDefault` gives the default and an `Optional` runs empty; any
 * other method unset fails the start, unless the application's properties files set it (the `spring` property framework's).
 */
export function configMappings(root: Node): ReadSite[] {
  let groups: Map<string, Node> | undefined;
  return root.descendantsOfType('interface_declaration').flatMap((mapping) => {
    const prefix = mapping && stringArgument(annotation(mapping, 'ConfigMapping'), 'prefix');
    return mapping && prefix ? methods(mapping, prefix, (groups ??= groupsIn(root)), false, 0) : [];
  });
}
