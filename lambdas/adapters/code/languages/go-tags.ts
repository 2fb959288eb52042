import type { Node } from 'web-tree-sitter';
import { namedSecret } from '../../../core/keys';
import { NONE, type ReadSite, type SiteFallback } from '../read-sites';
import { fieldStruct, lookedUpStructs, namedStructs, type LookedUp } from './go-lookupers';

// One `key:"value"` pair of a Go struct tag (reflect.StructTag's syntax).
const PAIR = /(?<![\w-])([\w-]+):"((?:[^"\\]|\\.)*)"/g;
const REQUIRED = /^(?:true|yes|1)$/i;

/** A struct tag's pairs (its text between the backquotes), by key. */
export const pairsOf = (tag: string): Map<string, string> => new Map([...tag.matchAll(PAIR)].map((m) => [m[1] ?? '', m[2] ?? '']));

/** A struct tag node's text between its backquotes. */
const tagText = (tag: Node): string => tag.text.slice(1, -1);

/** A struct tag node's pairs, by key (none for no tag). */
export const tagPairs = (tag: Node | null | undefined): Map<string, string> => (tag ? pairsOf(tagText(tag)) : new Map());

/**
 * The variable a struct tag names and what it falls back to: `env:"X"` (caarlos0/env's `envDefault`,
 * sethvargo/go-envconfig's `default=`, jessevdk/go-flags' `default:"…"`) or kelseyhightower/envconfig's
 * `envconfig:"X"` with `default:"…"`, ilyakaznacheev/cleanenv's `env-default:"…"` (`env-required:"true"`). envconfig also reads X under the prefix `Process` is given
 * (`APP_X`); X alone is what it falls back to. A `bool` field that is not required is false when unset,
 * as `!!process.env.X` is: a default.
 */
export function envTag(tag: string, fieldType?: string): { key: string; fallback: SiteFallback } | undefined {
  const pairs = pairsOf(tag);
  const envconfig = !pairs.has('env') && pairs.has('envconfig');
  const [rawKey = '', ...rawOptions] = (pairs.get(envconfig ? 'envconfig' : 'env') ?? '').split(',');
  const [key, options] = [rawKey.trim(), rawOptions.map((o) => o.trim())];
  if (key === '' || key === '-') return undefined;
  // go-envconfig's `default=` is the tag's last option and runs to its end, commas and all: `default=10.0.0.0/8, fc00::/7`.
  const at = options.findIndex((o) => o.startsWith('default='));
  const inline = at < 0 ? undefined : rawOptions.slice(at).join(',').trimStart().slice('default='.length);
  const value = envconfig ? pairs.get('default') : (pairs.get('envDefault') ?? inline ?? pairs.get('env-default') ?? pairs.get('default'));
  if (value !== undefined) return { key, fallback: { kind: 'default', value } };
  const required = options.includes('required') || REQUIRED.test(pairs.get('required') ?? pairs.get('env-required') ?? '');
  return { key, fallback: fieldType === 'bool' && !required ? { kind: 'default', value: 'false' } : NONE };
}

/** The struct a field belongs to (a `struct_type`), if any. */
function structOf(field: Node): Node | undefined {
  const list = field.parent;
  return list?.type === 'field_declaration_list' && list.parent?.type === 'struct_type' ? list.parent : undefined;
}

/**
 * The prefixes put before the variables of each struct of a file: a field of a struct type tagged
 * `env-namespace:"NOTIFY"` (go-flags) or `envPrefix:"NOTIFY_"` (caarlos0/env) makes its fields `NOTIFY_X`, nested ones joined. A
 * struct used under no namespace here has the empty prefix; a named type declared in another file is
 * not followed (its fields keep their own names).
 */
function namespacePrefixes(root: Node, named: ReadonlyMap<string, Node>): (struct: Node) => string[] {
  // For each struct, the namespaced fields that hold it, and the struct each of those belongs to.
  const holders = new Map<number, Array<{ namespace: string; outer: Node | undefined }>>();
  for (const field of root.descendantsOfType('field_declaration')) {
    const pairs = tagPairs(field?.childForFieldName('tag'));
    // go-flags joins its namespace with `_`; caarlos0/env's envPrefix and cleanenv's env-prefix are written with it.
    const spaced = pairs.get('env-namespace');
    // go-envconfig's is an option of its env tag, written with the `_`: `env:", prefix=DB_"`.
    const option = (pairs.get('env') ?? '')
      .split(',')
      .map((o) => o.trim())
      .find((o) => o.startsWith('prefix='));
    const namespace = spaced ? `${spaced}_` : (pairs.get('envPrefix') ?? pairs.get('env-prefix') ?? option?.slice('prefix='.length));
    const inner = fieldStruct(field?.childForFieldName('type'), named);
    if (!field || !namespace || !inner) continue;
    holders.set(inner.id, [...(holders.get(inner.id) ?? []), { namespace, outer: structOf(field) }]);
  }
  const memo = new Map<number, string[]>();
  const prefixes = (struct: Node, seen: ReadonlySet<number>): string[] => {
    const known = memo.get(struct.id);
    if (known) return known;
    const held = holders.get(struct.id);
    // A cycle of named types cannot be a flag set; it is read as unprefixed.
    const found =
      !held || seen.has(struct.id)
        ? ['']
        : held.flatMap(({ namespace, outer }) =>
            (outer ? prefixes(outer, new Set([...seen, struct.id])) : ['']).map((p) => `${p}${namespace}`),
          );
    const unique = [...new Set(found)];
    memo.set(struct.id, unique);
    return unique;
  };
  return (struct) => prefixes(struct, new Set());
}

/** Struct fields whose tag names a variable: `Port string \`env:"PORT" envDefault:"8080"\`` reads `PORT`. */
export function taggedFields(root: Node): ReadSite[] {
  let named: Map<string, Node> | undefined;
  let prefixesOf: ((struct: Node) => string[]) | undefined;
  let lookedUp: Map<number, LookedUp> | undefined;
  return root.descendantsOfType('field_declaration').flatMap((field): ReadSite[] => {
    const tag = field?.childForFieldName('tag');
    const found = tag ? envTag(tagText(tag), field?.childForFieldName('type')?.text) : undefined;
    if (!field || !tag || !found) return [];
    const struct = structOf(field);
    named ??= namedStructs(root);
    prefixesOf ??= namespacePrefixes(root, named);
    lookedUp ??= lookedUpStructs(root, named);
    const prefixes = struct ? prefixesOf(struct) : [''];
    // go-envconfig's lookuper: its prefixes go before the namespaces, and a key its map answers is no variable read.
    const lookuper = struct ? lookedUp.get(struct.id) : undefined;
    const names = prefixes.flatMap((p) =>
      !lookuper
        ? [`${p}${found.key}`]
        : lookuper.mapped.has(`${p}${found.key}`)
          ? []
          : lookuper.prefixes.map((l) => `${l}${p}${found.key}`),
    );
    // `DBPassword string \`env:"PGPASS"\``: the field's name says what its default is.
    const secret = namedSecret(field.childForFieldName('name')?.text ?? '') ? { secret: true as const } : {};
    return names.map((name) => ({ key: tag, name, via: 'env struct tag', fallback: found.fallback, ...secret }));
  });
}
