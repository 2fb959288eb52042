import type * as Yaml from 'yaml';
import { lazily } from '../lazily';
import { exactInteger } from '../sources/exact-integer';
import { writtenNumber } from '../sources/yaml-scalars';

/**
 * The yaml package, loaded when first used. drift's own readers take the estate and most config
 * files; the package parses only what they give up on, and edits. So its 250 KB stay out of
 * `drift validate` and of audits that never need it (scripts/build.mjs bundles it on its own for
 * bin/drift.js, which loads it at this require).
 */
export const yamlPackage = lazily((): typeof Yaml => require('yaml') as typeof Yaml);

// The package's node tests, by their own names. A node to test comes from a document the package
// parsed, so the package is loaded by then: these load nothing of their own.
export const isMap: typeof Yaml.isMap = <K, V>(node: unknown): node is Yaml.YAMLMap<K, V> => yamlPackage().isMap(node);
export const isSeq: typeof Yaml.isSeq = <T>(node: unknown): node is Yaml.YAMLSeq<T> => yamlPackage().isSeq(node);
export const isScalar: typeof Yaml.isScalar = <T>(node: unknown): node is Yaml.Scalar<T> => yamlPackage().isScalar(node);
export const isAlias: typeof Yaml.isAlias = (node: unknown): node is Yaml.Alias => yamlPackage().isAlias(node);
export const isPair: typeof Yaml.isPair = <K, V>(node: unknown): node is Yaml.Pair<K, V> => yamlPackage().isPair(node);
export const isCollection: typeof Yaml.isCollection = <K, V>(node: unknown): node is Yaml.YAMLMap<K, V> | Yaml.YAMLSeq<V> =>
  yamlPackage().isCollection(node);
export const isDocument: typeof Yaml.isDocument = <T extends Yaml.Node>(node: unknown): node is Yaml.Document<T> =>
  yamlPackage().isDocument(node);

/**
 * Read `<<: *defaults` as a merge, as Rails' database.yml, docker-compose files and Kubernetes (go-yaml)
 * mean it: the package reads YAML 1.2, where `<<` would be a key of its own (`development.<<.adapter`).
 */
export const MERGE_KEYS = { merge: true } as const;

/**
 * The package prints nothing: its warnings (a collection as a key is stringified) go to stderr raw and quote
 * the input, which can be a value or a secret. `error`, not `silent`: silent also drops errors from a document
 * (parseDocument's "more than one document"), and the package prints no error itself.
 */
export const SILENT = { logLevel: 'error' } as const;

type Resolve = (str: string, resolved: unknown) => unknown;

/** The package's options whose scalar tags named in `tags` resolve as they do, then through `then` (the text as written and what they gave). */
function resolvingThrough(tags: readonly string[], then: Resolve): { customTags: (all: Yaml.Tags) => Yaml.Tags } {
  const wrap = (t: Yaml.Tags[number]): Yaml.Tags[number] => {
    if (typeof t === 'string' || !tags.includes(t.tag) || !('resolve' in t) || 'collection' in t) return t;
    const scalar: Yaml.ScalarTag = t;
    return {
      ...scalar,
      resolve: (str: string, onError: (message: string) => void, opt: Yaml.ParseOptions) => then(str, scalar.resolve(str, onError, opt)),
    };
  };
  return { customTags: (all) => all.map(wrap) };
}

const INT = 'tag:yaml.org,2002:int';
const FLOAT = 'tag:yaml.org,2002:float';

/** The package's options that make its core schema's integers exact (see exactInteger); its other tags are left as they are. */
export const EXACT_INTEGERS = resolvingThrough([INT], exactInteger);

/** The package's options that read the estate file's numbers as resolveAsWritten does (`1.10` stays `1.10`). */
export const NUMBERS_AS_WRITTEN = resolvingThrough([INT, FLOAT], (str, resolved) => {
  // The float tag resolves to a Scalar node (it keeps the digits after the point), the others to their value.
  const value = isScalar(resolved) ? resolved.value : resolved;
  return writtenNumber(str, value) === value ? resolved : str;
});

/**
 * How far aliases may expand (the package counts uses of an anchor times the aliases inside it): a
 * baseline may give a thousand keys one `&duration` anchor, a config file merge `<<: *defaults` into
 * hundreds of entries; a billion laughs needs far more. The package's default, 100, refused both.
 */
export const MAX_ALIAS_COUNT = 10_000;
