import type { Node } from 'web-tree-sitter';
import { namedSecret } from '../../../core/keys';
import type { ReadSite, SiteFallback } from '../read-sites';
import { plainString } from '../syntax';

const STRINGS = ['interpreted_string_literal', 'raw_string_literal'];
const VIA = 'urfave/cli flag';
// urfave/cli's flag types: `cli.StringFlag`, `cli.BoolFlag`, `cli.StringSliceFlag`, `cli.DurationFlag` (v1 to v3).
const FLAG_TYPE = /^&?(?:\w+\.)?\w*Flag$/;
const LITERAL = /^(interpreted_string_literal|raw_string_literal|int_literal|float_literal|true|false)$/;

/** A keyed element's key or value, without the literal_element the grammar may wrap it in. */
export const unwrapped = (node: Node | null | undefined): Node | undefined =>
  node?.type === 'literal_element' ? (node.namedChildren[0] ?? undefined) : (node ?? undefined);

/** The fields a composite literal sets, by name (`Name: "addr"`, `EnvVars: []string{…}`). */
export function fieldsOf(literal: Node): Map<string, Node> {
  const fields = new Map<string, Node>();
  for (const element of literal.childForFieldName('body')?.namedChildren ?? []) {
    if (element?.type !== 'keyed_element') continue;
    const [key, value] = element.namedChildren.map(unwrapped);
    if (key && value) fields.set(key.text, value);
  }
  return fields;
}

/**
 * The variables a flag names, each with the node it is written at: `EnvVars: []string{"A", "B"}` (v2), `Sources:
 * cli.EnvVars("A")` (v3), and v1's `EnvVar: "A,B"` (one string, its names split at commas).
 */
function variables(fields: ReadonlyMap<string, Node>): { name: string; at: Node }[] {
  const strings = (nodes: readonly (Node | null)[]) =>
    nodes.flatMap((n) => {
      const s = unwrapped(n);
      const name = s && plainString(s, STRINGS);
      return s && name ? [{ name, at: s }] : [];
    });
  const listed = fields.get('EnvVars');
  if (listed?.type === 'composite_literal') return strings(listed.childForFieldName('body')?.namedChildren ?? []);
  const sources = fields.get('Sources');
  if (sources?.type === 'call_expression' && /(?:^|\.)EnvVars$/.test(sources.childForFieldName('function')?.text ?? ''))
    return strings(sources.childForFieldName('arguments')?.namedChildren ?? []);
  const one = fields.get('EnvVar');
  const text = one && plainString(one, STRINGS);
  return one && text ? text.split(',').flatMap((name) => (name.trim() ? [{ name: name.trim(), at: one }] : [])) : [];
}

/** What a flag gives when none of its variables is set: its `Value`, a BoolFlag's false; none when `Required` or without a Value. */
function flagFallback(type: string, fields: ReadonlyMap<string, Node>): SiteFallback {
  if (fields.get('Required')?.text === 'true') return { kind: 'none' };
  const value = fields.get('Value');
  if (value) return LITERAL.test(value.type) ? { kind: 'default', node: value } : { kind: 'default' };
  return /BoolFlag$/.test(type) ? { kind: 'default', value: 'false' } : { kind: 'none' };
}

/** urfave/cli's flags (`&cli.StringFlag{Name: "addr", Value: ":8080", EnvVars: []string{"LISTEN_ADDR"}}`): each variable they name is read. */
export function cliFlagSites(root: Node): ReadSite[] {
  if (!root.text.includes('EnvVar') && !root.text.includes('Sources')) return [];
  return root.descendantsOfType('composite_literal').flatMap((literal): ReadSite[] => {
    const type = literal?.childForFieldName('type')?.text ?? '';
    if (!literal || !FLAG_TYPE.test(type)) return [];
    const fields = fieldsOf(literal);
    const fallback = flagFallback(type, fields);
    // A flag named as a secret (`Name: "db-password"`) has a secret default, whatever its variable is called.
    const flagName = fields.get('Name');
    const secret = flagName && namedSecret(plainString(flagName, STRINGS) ?? '') ? { secret: true as const } : {};
    return variables(fields).map(({ name, at }) => ({ key: at, name, via: VIA, fallback, ...secret }));
  });
}
