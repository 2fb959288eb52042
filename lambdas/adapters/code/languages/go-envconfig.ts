import type { Node } from 'web-tree-sitter';
import { NONE, type ReadSite, type SiteFallback } from '../read-sites';
import { callArguments, plainString } from '../syntax';
import { fileTypes, processedStruct, type FileTypes } from './go-lookupers';
import { tagPairs } from './go-tags';

const STRINGS = ['interpreted_string_literal', 'raw_string_literal'];
const TRUE = /^(?:true|yes|1)$/i;

/** envconfig's `split_words:"true"`: `MultiWordVar` is `MULTI_WORD_VAR`. */
const splitWords = (name: string): string =>
  name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').replace(/(?<![A-Z])([A-Z]+)([A-Z][a-z])/g, '$1_$2');

/** What a field falls back to: its `default` tag, none when `required`, false for a bool (envconfig leaves other types zero). */
function fieldFallback(pairs: ReadonlyMap<string, string>, type: string | undefined): SiteFallback {
  const value = pairs.get('default');
  if (value !== undefined) return { kind: 'default', value };
  return type === 'bool' && !TRUE.test(pairs.get('required') ?? '') ? { kind: 'default', value: 'false' } : NONE;
}

/**
 * kelseyhightower/envconfig's `envconfig.Process("myapp", &spec)` (or MustProcess; the prefix a literal or, through `key`, a
 * string constant or unchanged variable of the package, screego's `envconfig.Process(prefix, &config)`): each field of the struct, declared in the file,
 * is read as `MYAPP_` and its name in capitals, its `envconfig:"x"` tag (then `X` itself when that is unset), or with `split_words:"true"` its words joined by `_`;
 * `ignored:"true"` fields and nested structs are not followed.
 */
export function processedFields(root: Node, key: (node: Node) => string | undefined = (n) => plainString(n, STRINGS)): ReadSite[] {
  if (!root.text.includes('envconfig.')) return [];
  let types: FileTypes | undefined;
  return root.descendantsOfType('call_expression').flatMap((call): ReadSite[] => {
    if (!call || !/^envconfig\.(?:Must)?Process$/.test(call.childForFieldName('function')?.text ?? '')) return [];
    const [prefixNode, target] = callArguments(call);
    const prefix = prefixNode ? (key(prefixNode) ?? (/^""$/.test(prefixNode.text) ? '' : undefined)) : undefined;
    const struct = target && prefix !== undefined ? processedStruct(target, (types ??= fileTypes(root))) : undefined;
    const fields = struct?.namedChildren.find((c) => c?.type === 'field_declaration_list')?.namedChildren ?? [];
    return fields.flatMap((field): ReadSite[] => {
      if (field?.type !== 'field_declaration') return [];
      const pairs = tagPairs(field.childForFieldName('tag'));
      const type = field.childForFieldName('type');
      if (TRUE.test(pairs.get('ignored') ?? '') || type?.type === 'struct_type') return [];
      return field.childrenForFieldName('name').flatMap((name): ReadSite[] => {
        if (!name) return [];
        const tag = pairs.get('envconfig');
        const key = tag || (TRUE.test(pairs.get('split_words') ?? '') ? splitWords(name.text) : name.text);
        const full = (prefix ? `${prefix}_${key}` : key).toUpperCase();
        // Unset, a tagged field's PREFIX_X gives way to X (envconfig's Alt), read where the tag is (the tag reader's).
        const fallback = tag && prefix ? { kind: 'default' as const } : fieldFallback(pairs, type?.text);
        return [{ key: name, name: full, via: 'envconfig.Process', fallback }];
      });
    });
  });
}
