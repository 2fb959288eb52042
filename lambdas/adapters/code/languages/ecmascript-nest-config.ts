import type { Node } from 'web-tree-sitter';
import { NONE, type ReadSite, type SiteFallback } from '../read-sites';
import { callArguments, plainString } from '../syntax';
import { importedAs } from './ecmascript-imports';
import { inner, methodCall, properties } from './ecmascript-objects';

const MODULE = '@nestjs/config';
const HOLDERS = new Set(['required_parameter', 'optional_parameter', 'public_field_definition', 'variable_declarator']);
// A key of the environment, as NestJS's ConfigService looks it up in `process.env`; a lower-case or dotted
// key (`database.host`, `port`) is a path into the objects `load` factories build, whose reads are their own.
const VARIABLE = /^[A-Z_][A-Z0-9_]*$/;

/** The local names of `name` imported from `@nestjs/config` (`{ ConfigService as NestConfig }`). */
export const nestConfigImports = (root: Node, name: 'ConfigService' | 'ConfigModule'): Set<string> => importedAs(root, [MODULE], name);

/** The `via` of a read through ConfigService, and of a read through a wrapper of one. */
const viaOf = (method: string): string => `ConfigService.${method} (NestJS)`;
export const THROUGH_SERVICE = /ConfigService\.(get|getOrThrow) \(NestJS\)\)?$/;

/** `app.get(ConfigService)`, `moduleRef.resolve(ConfigService)`: the service taken from Nest's container. */
function takenFromContainer(value: Node | undefined, types: Set<string>): boolean {
  const call = value && inner(value.type === 'await_expression' ? (value.namedChildren[0] ?? value) : value);
  const taken = call?.type === 'call_expression' ? methodCall(call) : undefined;
  const type = call && callArguments(call)[0];
  return (taken?.method === 'get' || taken?.method === 'resolve') && type?.type === 'identifier' && types.has(type.text);
}

/** The names that hold a ConfigService: parameters, fields and variables typed with it, and variables given it by the container. */
function holders(root: Node, types: Set<string>): Set<string> {
  const names = new Set<string>();
  const nameOf = (holder: Node) => (holder.childForFieldName('pattern') ?? holder.childForFieldName('name'))?.text;
  for (const annotation of root.descendantsOfType('type_annotation')) {
    const type = annotation?.namedChildren[0];
    const named = type?.type === 'generic_type' ? type.childForFieldName('name') : type;
    const holder = annotation?.parent;
    if (named && types.has(named.text) && holder && HOLDERS.has(holder.type)) names.add(nameOf(holder) ?? '');
  }
  for (const declarator of root.descendantsOfType('variable_declarator'))
    if (declarator && takenFromContainer(declarator.childForFieldName('value') ?? undefined, types)) names.add(nameOf(declarator) ?? '');
  names.delete('');
  return names;
}

/** Whether a call is made on a ConfigService: `configService.get`, `this.config.get`, `app.get(ConfigService).get`. */
function onService(object: Node, names: Set<string>, types: Set<string>): boolean {
  const at = inner(object);
  if (at.type === 'identifier') return names.has(at.text);
  if (at.type === 'member_expression' && at.childForFieldName('object')?.type === 'this')
    return names.has(at.childForFieldName('property')?.text ?? '');
  return takenFromContainer(at, types);
}

/** `{ infer: true }` is `get`'s options, not a default value. */
const isOptions = (node: Node): boolean => node.type === 'object' && properties(node).every((p) => p.name === 'infer');

/**
 * NestJS's `ConfigService.get('X')` and `getOrThrow('X')`: a read of the variable X. A second argument (not the
 * `{ infer: true }` options) is the default; `getOrThrow` without one throws, `get` gives undefined unless the
 * code falls back around it.
 */
export function nestConfigSites(root: Node, around: (expression: Node) => SiteFallback | undefined): ReadSite[] {
  const types = nestConfigImports(root, 'ConfigService');
  if (types.size === 0) return [];
  const names = holders(root, types);
  return root.descendantsOfType('call_expression').flatMap((call): ReadSite[] => {
    const method = call && methodCall(call);
    if (!call || !method || (method.method !== 'get' && method.method !== 'getOrThrow') || !onService(method.object, names, types))
      return [];
    const [key, second] = callArguments(call);
    const text = key && plainString(key, ['string', 'template_string']);
    if (!key || (text !== undefined && !VARIABLE.test(text))) return [];
    const via = viaOf(method.method);
    if (second && !isOptions(second)) return [{ key, via, fallback: { kind: 'default', node: second } }];
    return [{ key, via, fallback: method.method === 'get' ? (around(call) ?? NONE) : NONE }];
  });
}
