import type { Node } from 'web-tree-sitter';
import { NONE, type ReadSite, type SiteFallback } from '../read-sites';
import { plainString } from '../syntax';

const VIA = '@ConfigurationProperties';
const STRINGS = ['string_literal'];
// What a field of a primitive type holds when nothing binds it.
const PRIMITIVE_DEFAULTS: Record<string, string> = {
  boolean: 'false',
  byte: '0',
  short: '0',
  int: '0',
  long: '0',
  float: '0',
  double: '0',
};

const named = (node: Node | null | undefined): Node[] => node?.namedChildren.filter((n): n is Node => n !== null) ?? [];
const annotationsOf = (node: Node): Node[] =>
  named(named(node).find((n) => n.type === 'modifiers')).filter((n) => n.type === 'annotation' || n.type === 'marker_annotation');
const simpleName = (annotation: Node): string => (annotation.childForFieldName('name')?.text ?? '').replace(/^.*\./, '');
const isStatic = (declaration: Node): boolean => named(declaration).some((n) => n.type === 'modifiers' && /\bstatic\b/.test(n.text));

/** `createTable` → `create-table`: the property as Spring's documentation and application.yml write it. */
const kebab = (name: string): string => name.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();

/** The string a class's own `static final String NAME = "…"` holds. */
function constantOf(body: Node | undefined, name: string): string | undefined {
  for (const declaration of named(body).filter((n) => n.type === 'field_declaration')) {
    const declarator = declaration.childrenForFieldName('declarator').find((d) => d?.childForFieldName('name')?.text === name);
    const value = declarator?.childForFieldName('value');
    if (value) return plainString(value, STRINGS);
  }
  return undefined;
}

/** The prefix an annotation gives: `("p")`, `(prefix = "p")`, `(value = "p")`, or a constant of the class (`PREFIX`, `Props.PREFIX`). */
function prefixOf(annotation: Node, body: Node | undefined): string | undefined {
  const args = named(annotation.childForFieldName('arguments'));
  const pair = args.find((a) => a.type === 'element_value_pair' && /^(prefix|value)$/.test(a.childForFieldName('key')?.text ?? ''));
  const value = pair ? pair.childForFieldName('value') : args.find((a) => a.type !== 'element_value_pair');
  if (!value) return undefined;
  if (value.type === 'identifier' || value.type === 'field_access') return constantOf(body, value.text.replace(/^.*\./, ''));
  return plainString(value, STRINGS);
}

/** A field's default: its initializer, else what a primitive holds unbound; undefined for a nested group (`new Retry()`, a class of its own). */
function fieldFallback(type: string, value: Node | null): SiteFallback | undefined {
  if (value?.type === 'object_creation_expression') return undefined;
  if (value) return { kind: 'default', node: value };
  const primitive = PRIMITIVE_DEFAULTS[type];
  return primitive === undefined ? NONE : { kind: 'default', value: primitive };
}

/** The names of the types a class or record declares inside it (`public record Cache(…)`): a member of one is a nested group. */
const nestedTypes = (body: Node | undefined): Set<string | undefined> =>
  new Set(
    named(body).flatMap((n) => (/_declaration$/.test(n.type) && n.type !== 'field_declaration' ? [n.childForFieldName('name')?.text] : [])),
  );

function classFields(prefix: string, body: Node | undefined): ReadSite[] {
  const nested = nestedTypes(body);
  return named(body)
    .filter((n) => n.type === 'field_declaration' && !isStatic(n))
    .flatMap((declaration) => {
      const type = declaration.childForFieldName('type')?.text ?? '';
      if (nested.has(type)) return [];
      return declaration.childrenForFieldName('declarator').flatMap((declarator): ReadSite[] => {
        const name = declarator?.childForFieldName('name');
        const fallback = declarator && fieldFallback(type, declarator.childForFieldName('value'));
        return name && fallback ? [{ key: name, name: `${prefix}.${kebab(name.text)}`, via: VIA, fallback, property: 'spring' }] : [];
      });
    });
}

/** A record's components, bound through its constructor: `@DefaultValue("25")` gives the default. */
function recordComponents(prefix: string, parameters: Node | undefined, body: Node | undefined): ReadSite[] {
  const nested = nestedTypes(body);
  return named(parameters)
    .filter((p) => p.type === 'formal_parameter' && !nested.has(p.childForFieldName('type')?.text))
    .flatMap((parameter): ReadSite[] => {
      const name = parameter.childForFieldName('name');
      if (!name) return [];
      const given = annotationsOf(parameter).find((a) => simpleName(a) === 'DefaultValue');
      const literal = given && named(given.childForFieldName('arguments')).find((a) => a.type === 'string_literal');
      const text = literal && plainString(literal, STRINGS);
      const type = parameter.childForFieldName('type')?.text ?? '';
      const fallback: SiteFallback | undefined = text !== undefined ? { kind: 'default', value: text } : fieldFallback(type, null);
      return fallback ? [{ key: name, name: `${prefix}.${kebab(name.text)}`, via: VIA, fallback, property: 'spring' }] : [];
    });
}

/**
 * Spring Boot's `@ConfigurationProperties("carts.dynamodb")` classes and records: each field or component is a
 * key under the prefix (`carts.dynamodb.table-name`), bound by Spring from the environment as from application.yml.
 * Static fields and nested groups (a field holding `new Retry()` or a class declared inside) are no keys of their own.
 */
export function configurationProperties(root: Node): ReadSite[] {
  return root.descendantsOfType(['class_declaration', 'record_declaration']).flatMap((declaration) => {
    if (!declaration) return [];
    const annotation = annotationsOf(declaration).find((a) => simpleName(a) === 'ConfigurationProperties');
    const body = declaration.childForFieldName('body') ?? undefined;
    const prefix = annotation && prefixOf(annotation, body);
    if (!prefix) return [];
    return declaration.type === 'record_declaration'
      ? recordComponents(prefix, declaration.childForFieldName('parameters') ?? undefined, body)
      : classFields(prefix, body);
  });
}
