import type { Node } from 'web-tree-sitter';
import type { ReadFallback } from '../../../core/code/code-read';
import type { DeclaredType, FoundRead } from '../language';
import { callArguments, plainString } from '../syntax';
import { boundFlagDefaults } from './go-flags';

/** A Go literal whose text is its value. */
export const GO_LITERAL = /^(interpreted_string_literal|raw_string_literal|int_literal|float_literal|true|false)$/;
const STRINGS = ['interpreted_string_literal', 'raw_string_literal'];

/** The name a program's viper settings are declared under (DeclaredType): no Go type can be called so. */
export const VIPER_SETTINGS = 'viper()';

const text = (node: Node | undefined) => (node ? plainString(node, STRINGS) : undefined);
const fallbackOf = (value: Node): ReadFallback =>
  GO_LITERAL.test(value.type) ? { kind: 'default', value: value.text } : { kind: 'default' };

/**
 * What a file tells viper for the whole program (viper is one global store): the prefix of the variables AutomaticEnv reads
 * (`viper.SetEnvPrefix("PODINFO")`), the replacer of their keys (`strings.NewReplacer("-", "_")`), and its defaults
 * (`viper.SetDefault`, the flags `viper.BindPFlags` binds), which hold for the getters of every package.
 */
export function viperSettings(root: Node): DeclaredType[] {
  if (!root.text.includes('viper.')) return [];
  const defaults = boundFlagDefaults(root);
  const constants = new Map<string, string>();
  for (const call of root.descendantsOfType('call_expression')) {
    const fn = call?.childForFieldName('function')?.text;
    const args = call ? callArguments(call) : [];
    const [first, second] = [text(args[0]), args[1]];
    if (fn === 'viper.SetEnvPrefix' && first) constants.set('prefix', first);
    if (fn === 'viper.SetDefault' && first && second) defaults.set(first, second);
    // `viper.Set("revision", version.REVISION)` wins over the environment: a getter of that key reads the code's value.
    if (fn === 'viper.Set' && first) constants.set(`set ${first}`, '');
    if (fn === 'viper.Unmarshal' || fn === 'viper.UnmarshalExact') constants.set('unmarshal', '');
    const replacer = fn === 'viper.SetEnvKeyReplacer' && args[0]?.type === 'call_expression' ? callArguments(args[0]) : [];
    for (let i = 0; i + 1 < replacer.length; i += 2) {
      const [from, to] = [text(replacer[i]), replacer[i + 1] ? (plainString(replacer[i + 1] as Node, STRINGS) ?? '') : undefined];
      if (from !== undefined && to !== undefined) constants.set(`replace ${from}`, to);
    }
  }
  if (defaults.size === 0 && constants.size === 0) return [];
  const members = [...defaults].map(([name, value]) => ({
    name,
    type: '',
    settable: false,
    at: value.startPosition,
    fallback: fallbackOf(value),
  }));
  return [{ name: VIPER_SETTINGS, members, constants }];
}

const UNMARSHAL = 'viper.Unmarshal';
// The key a `mapstructure:"ui-color"` tag names (mapstructure's own syntax: the name, then options after commas).
const MAPSTRUCTURE = /(?:^|\s)mapstructure:"([^",]+)(?:,[^"]*)?"/;

/**
 * Where the program unmarshals viper into a struct (`viper.Unmarshal(&cfg)`, viperSettings): each struct field of a file tagged
 * `mapstructure:"ui-color"` is a key viper reads (which struct is unmarshalled is its type's, not known here: every tagged one is).
 */
export function unmarshalledFields(root: Node, settings: DeclaredType | undefined): FoundRead[] {
  if (!settings?.constants?.has('unmarshal') || !root.text.includes('mapstructure:')) return [];
  return root.descendantsOfType('field_declaration').flatMap((field): FoundRead[] => {
    const tag = field?.childForFieldName('tag');
    const name = tag ? MAPSTRUCTURE.exec(tag.text.slice(1, -1))?.[1] : undefined;
    return tag && name && name !== '-' ? [{ name, at: tag, via: UNMARSHAL, fallback: { kind: 'none' } }] : [];
  });
}

/** The variable AutomaticEnv reads for a key: the prefix joined with `_`, the replacer's changes, in capitals, as viper makes it. */
function variableOf(key: string, settings: DeclaredType): string {
  const prefix = settings.constants?.get('prefix');
  let name = prefix ? `${prefix}_${key}` : key;
  for (const [from, to] of settings.constants ?? []) if (from.startsWith('replace ')) name = name.split(from.slice(8)).join(to);
  return prefix ? name.toUpperCase() : name;
}

/**
 * A viper getter's read as the program sets viper up (viperSettings): the variable it reads, and a default another file gives;
 * none for a key the program sets itself.
 */
export function asViperRead(read: FoundRead, settings: DeclaredType | undefined): FoundRead[] {
  if (settings === undefined || !(read.via.startsWith('viper.Get') || read.via === UNMARSHAL)) return [read];
  if (settings.constants?.has(`set ${read.name}`)) return [];
  const given = read.fallback.kind === 'none' ? settings.members.find((m) => m.name === read.name)?.fallback : undefined;
  return [{ ...read, name: variableOf(read.name, settings), ...(given && { fallback: given }) }];
}
