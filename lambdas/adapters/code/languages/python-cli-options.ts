import type { Node } from 'web-tree-sitter';
import type { ReadFallback } from '../../../core/code/code-read';
import type { FoundRead } from '../language';
import { namedSecret } from '../../../core/keys';
import { plainString } from '../syntax';
import { fallbackOf } from './python-settings';

// click's `@click.option(…)` / `click.argument`, typer's `typer.Option(…)` / `typer.Argument`, imported bare or through the module.
const OPTION = /(?:^|\.)(option|argument|Option|Argument)$/;

const string = (node: Node | null | undefined): string | undefined => (node ? plainString(node, ['string']) : undefined);

/** The names `envvar=` gives: a string, or each string of a list or tuple. */
function envvars(value: Node): Node[] {
  if (string(value) !== undefined) return [value];
  return value.type === 'list' || value.type === 'tuple'
    ? value.namedChildren.filter((n): n is Node => n !== null && string(n) !== undefined)
    : [];
}

/** `port: Annotated[int, typer.Option(envvar='PORT')] = 8000`: the parameter whose annotation holds the call, with its default. */
function annotated(call: Node): { value?: Node; name?: string } | undefined {
  for (let at: Node = call; at.parent; at = at.parent) {
    const parameter = at.parent;
    const type = parameter.childForFieldName('type');
    if (/^typed(_default)?_parameter$/.test(parameter.type) && type && call.startIndex >= type.startIndex && call.endIndex <= type.endIndex)
      return { value: parameter.childForFieldName('value') ?? undefined, name: parameter.childForFieldName('name')?.text };
    if (/statement|definition/.test(parameter.type)) return undefined;
  }
  return undefined;
}

/**
 * What the option gives when its variable is unset: `default=`, typer's first argument (outside an annotation, where
 * the arguments are the option's names) or the annotated parameter's default; `...` or `required=True` none; a flag's False.
 */
function optionFallback(call: Node, keywords: ReadonlyMap<string, Node>, first: Node | undefined, typer: boolean): ReadFallback {
  if (keywords.get('required')?.text === 'True') return { kind: 'none' };
  const parameter = annotated(call);
  const given = keywords.get('default') ?? (parameter ? parameter.value : typer ? first : undefined);
  if (given !== undefined) return given.type === 'none' ? { kind: 'none' } : fallbackOf(given);
  return keywords.get('is_flag')?.text === 'True' ? { kind: 'default', value: 'False' } : { kind: 'none' };
}

/** The parameter a typer option is the default of (`api_token: str = typer.Option(…)`), by name. */
function parameterName(call: Node): string | undefined {
  const parameter = call.parent;
  return parameter && /default_parameter$/.test(parameter.type) && parameter.childForFieldName('value')?.id === call.id
    ? parameter.childForFieldName('name')?.text
    : undefined;
}

/**
 * click's and typer's options read the variables their `envvar=` names (`@click.option('--port', envvar='PORT',
 * default=8080)`, `typer.Option('0.0.0.0', envvar=['HOST', 'BIND'])`), with the option's default.
 */
export function cliOptionReads(root: Node): FoundRead[] {
  if (!root.text.includes('envvar')) return [];
  return root.descendantsOfType('call').flatMap((call): FoundRead[] => {
    const fn = call?.childForFieldName('function')?.text ?? '';
    const match = OPTION.exec(fn);
    if (!call || !match) return [];
    const keywords = new Map<string, Node>();
    let first: Node | undefined;
    // The option's names (`'--api-token'`, `'-t'`) and the parameter it fills: one named as a secret has a secret default.
    const names = [parameterName(call) ?? annotated(call)?.name ?? ''];
    for (const arg of call.childForFieldName('arguments')?.namedChildren ?? []) {
      const [name, value] = [arg?.childForFieldName('name'), arg?.childForFieldName('value')];
      if (arg?.type === 'keyword_argument' && name && value) keywords.set(name.text, value);
      else if (arg && arg.type !== 'keyword_argument' && arg.type !== 'comment') first ??= arg;
      if (arg && string(arg) !== undefined) names.push(string(arg) as string);
    }
    const named = keywords.get('envvar');
    if (!named) return [];
    const typer = /^[A-Z]/.test(match[1] ?? '');
    const fallback = optionFallback(call, keywords, first, typer);
    const via = `${typer ? 'typer' : 'click'} ${match[1]}(envvar=…)`;
    const secret = names.some((n) => namedSecret(n.replace(/^-+/, ''))) ? { secret: true as const } : {};
    return envvars(named).map((at) => ({ name: string(at) as string, at, via, fallback, ...secret }));
  });
}
