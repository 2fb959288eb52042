import type { Node } from 'web-tree-sitter';
import { NONE, type ReadSite, type SiteFallback } from '../read-sites';

// One `key:"value"` pair of a Go struct tag (reflect.StructTag's syntax).
const PAIR = /(\w+):"((?:[^"\\]|\\.)*)"/g;

/**
 * The variable a struct tag names and what it falls back to: `env:"X"` (caarlos0/env's `envDefault`,
 * sethvargo/go-envconfig's `default=`) or kelseyhightower/envconfig's `envconfig:"X"` with `default:"…"`.
 * envconfig also reads X under the prefix `Process` is given (`APP_X`); X alone is what it falls back to.
 */
export function envTag(tag: string): { key: string; fallback: SiteFallback } | undefined {
  const pairs = new Map([...tag.matchAll(PAIR)].map((m) => [m[1] ?? '', m[2] ?? '']));
  const envconfig = !pairs.has('env') && pairs.has('envconfig');
  const [key = '', ...options] = (pairs.get(envconfig ? 'envconfig' : 'env') ?? '').split(',').map((o) => o.trim());
  if (key === '' || key === '-') return undefined;
  const inline = options.find((o) => o.startsWith('default='));
  const value = envconfig ? pairs.get('default') : (pairs.get('envDefault') ?? inline?.slice('default='.length));
  return { key, fallback: value === undefined ? NONE : { kind: 'default', value } };
}

/** Struct fields whose tag names a variable: `Port string \`env:"PORT" envDefault:"8080"\`` reads `PORT`. */
export function taggedFields(root: Node): ReadSite[] {
  return root.descendantsOfType('field_declaration').flatMap((field): ReadSite[] => {
    const tag = field?.childForFieldName('tag');
    const found = tag ? envTag(tag.text.slice(1, -1)) : undefined;
    return tag && found ? [{ key: tag, name: found.key, via: 'env struct tag', fallback: found.fallback }] : [];
  });
}
