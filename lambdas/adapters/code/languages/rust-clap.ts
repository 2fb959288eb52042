import type { Node } from 'web-tree-sitter';
import { namedSecret } from '../../../core/keys';
import type { ReadFallback } from '../../../core/code/code-read';
import type { FoundRead } from '../language';
import { enclosing, field, plainString } from '../syntax';
import { attributesBefore } from './rust-envy';

const STRINGS = ['string_literal', 'raw_string_literal'];
const LITERAL = /^(string_literal|raw_string_literal|integer_literal|float_literal|boolean_literal|char_literal|negative_literal)$/;
// clap's derive attributes (and structopt's, clap 2's derive): `#[arg(long, env = "PORT", default_value = "8080")]`.
const ATTRIBUTE = /^(arg|clap|structopt)$/;
const DEFAULT = /^default_values?(_os)?(_t)?$/;
// A field clap leaves empty when neither flag nor variable is given: `Option<T>`, `Vec<T>`, a `bool` flag.
const OPTIONAL = /^(Option|Vec)\s*</;
const COUNTED = /(^|::)Count$/;

/** An attribute's arguments split at top-level commas: `long`, `env = "X"`, `conflicts_with_all(…)`, by their first name. */
function options(tokens: Node): Map<string, Node[]> {
  const found = new Map<string, Node[]>();
  let group: Node[] = [];
  const close = () => {
    const name = group[0];
    if (name?.type === 'identifier' && !found.has(name.text))
      found.set(
        name.text,
        group.slice(1).filter((n) => n.type !== '='),
      );
    group = [];
  };
  for (const token of tokens.children) {
    if (token === null || token.type === '(' || token.type === ')') continue;
    if (token.type === ',') close();
    else group.push(token);
  }
  close();
  return found;
}

/** The clap argument lists on a field: `#[arg(…)]`, and those a `#[cfg_attr(feature = "x", arg(…))]` applies. */
function argumentLists(attribute: Node): Array<{ attribute: string; tokens: Node }> {
  const path = attribute.namedChildren[0]?.text ?? '';
  const tokens = field(attribute, 'arguments');
  if (!tokens) return [];
  if (ATTRIBUTE.test(path)) return [{ attribute: path, tokens }];
  if (path !== 'cfg_attr') return [];
  return tokens.namedChildren.flatMap((token) => {
    const next = token?.nextNamedSibling;
    return token?.type === 'identifier' && ATTRIBUTE.test(token.text) && next?.type === 'token_tree'
      ? [{ attribute: token.text, tokens: next }]
      : [];
  });
}

/** The attributes written on a field: the `attribute_item`s between it and the field before. */
function attributesOf(declaration: Node): Node[] {
  const found: Node[] = [];
  for (let at = declaration.previousNamedSibling; at && at.type !== 'field_declaration'; at = at.previousNamedSibling)
    if (at.type === 'attribute_item' && at.namedChildren[0]) found.push(at.namedChildren[0]);
  return found;
}

/** `const PORT: &str = "SERVER_PORT";` in the file: what `env = PORT` names. */
function stringConstants(root: Node): Map<string, string> {
  const found = new Map<string, string>();
  for (const item of root.descendantsOfType('const_item')) {
    const [name, value] = [field(item, 'name')?.text, field(item, 'value')];
    const text = value && plainString(value, STRINGS);
    if (name && text !== undefined) found.set(name, text);
  }
  return found;
}

/**
 * The argument structs of a clap subcommand enum with several subcommands (lldap's `Run(RunOpts)`, `SendTestEmail(TestEmailOpts)`):
 * one of them is parsed only where the process runs its subcommand, which the scan cannot tell.
 */
function subcommandArguments(root: Node): Set<string> {
  const found = new Set<string>();
  for (const item of root.descendantsOfType('enum_item')) {
    const derives = item ? attributesBefore(item).some((a) => /\b(Subcommand|Parser|StructOpt)\b/.test(a.text)) : false;
    const variants = (item && field(item, 'body')?.namedChildren.filter((v) => v?.type === 'enum_variant')) ?? [];
    if (!derives || variants.length < 2) continue;
    for (const variant of variants) {
      const body = variant && field(variant, 'body');
      const types = body?.type === 'ordered_field_declaration_list' ? body.namedChildren.filter((n) => n?.type !== 'attribute_item') : [];
      if (types.length === 1 && types[0]?.type === 'type_identifier') found.add(types[0].text);
    }
  }
  return found;
}

const STRUCT = new Set(['struct_item']);

/** The name of the struct a field is declared in. */
const structOf = (declaration: Node): string | undefined => field(enclosing(declaration, STRUCT), 'name')?.text;

/** What the field is when its variable is unset: the attribute's default, none for a required argument. */
function fallbackOf(args: Map<string, Node[]>, type: string): ReadFallback {
  const written = [...args.keys()].find((name) => DEFAULT.test(name));
  if (written !== undefined) {
    const value = args.get(written) ?? [];
    return value.length === 1 && value[0] && LITERAL.test(value[0].type) ? { kind: 'default', value: value[0].text } : { kind: 'default' };
  }
  if (args.get('required')?.[0]?.text === 'true') return { kind: 'none' };
  if (
    COUNTED.test(
      args
        .get('action')
        ?.map((n) => n.text)
        .join('') ?? '',
    )
  )
    return { kind: 'default', value: '0' };
  if (type === 'bool') return { kind: 'default', value: 'false' };
  return OPTIONAL.test(type) ? { kind: 'default' } : { kind: 'none' };
}

/**
 * The environment variables clap's derive reads for a struct's fields: `env = "X"` names X, a bare `env` the
 * field's name in capitals; the variable fills the argument when no flag gives it, and `default_value*` when
 * neither does. Without one, an `Option`, `Vec` or `bool` field runs empty and any other is required, except in
 * the arguments of one subcommand among several.
 */
export function clapFields(root: Node): FoundRead[] {
  if (!/\benv\b/.test(root.text)) return [];
  const constants = stringConstants(root);
  const subcommands = subcommandArguments(root);
  return root.descendantsOfType('field_declaration').flatMap((declaration) => {
    const name = declaration && field(declaration, 'name');
    const type = declaration && field(declaration, 'type');
    if (!declaration || !name || !type) return [];
    return attributesOf(declaration)
      .flatMap(argumentLists)
      .flatMap(({ attribute, tokens }): FoundRead[] => {
        const args = options(tokens);
        const env = args.get('env');
        if (env === undefined) return [];
        const via = `${attribute === 'structopt' ? 'structopt' : 'clap'} #[${attribute}(env)]`;
        // `export_password` filled from EXPORT_AUTH: the field's name says what its default is.
        const own = fallbackOf(args, type.text);
        // A required argument of one subcommand among several is required only where the process runs that subcommand.
        const fallback: ReadFallback = own.kind === 'none' && subcommands.has(structOf(declaration) ?? '') ? { kind: 'default' } : own;
        const secret = namedSecret(name.text) ? { secret: true as const } : {};
        if (env.length === 0) return [{ name: name.text.replace(/^r#/, '').toUpperCase(), at: name, via, fallback, ...secret }];
        const [value] = env;
        const key = env.length === 1 && value ? (plainString(value, STRINGS) ?? constants.get(value.text)) : undefined;
        return key !== undefined && value ? [{ name: key, at: value, via, fallback, ...secret }] : [];
      });
  });
}
