import type { Node } from 'web-tree-sitter';
import type { ReadFallback } from '../../../core/code/code-read';
import type { FoundRead } from '../language';
import { plainString } from '../syntax';

const VIA = 'pydantic BaseSettings';
const LITERALS = new Set(['string', 'integer', 'float', 'true', 'false', 'none']);

const isSettings = (cls: Node): boolean =>
  (cls.childForFieldName('superclasses')?.namedChildren ?? []).some(
    (base) => base?.text === 'BaseSettings' || base?.text.endsWith('.BaseSettings'),
  );

/** `Field(...)`'s keyword arguments and its first positional one. */
function fieldCall(value: Node): { first?: Node; keywords: Map<string, Node> } | undefined {
  const fn = value.childForFieldName('function')?.text;
  if (value.type !== 'call' || (fn !== 'Field' && !fn?.endsWith('.Field'))) return undefined;
  const keywords = new Map<string, Node>();
  let first: Node | undefined;
  for (const arg of value.childForFieldName('arguments')?.namedChildren ?? []) {
    const [name, v] = [arg?.childForFieldName('name'), arg?.childForFieldName('value')];
    if (arg?.type === 'keyword_argument' && name && v) keywords.set(name.text, v);
    else if (arg && arg.type !== 'keyword_argument' && first === undefined) first = arg;
  }
  return { first, keywords };
}

function fallbackOf(value: Node | undefined): ReadFallback {
  if (value === undefined || value.type === 'ellipsis') return { kind: 'none' };
  return LITERALS.has(value.type) && !value.descendantsOfType('interpolation').length
    ? { kind: 'default', value: value.text }
    : { kind: 'default' };
}

/** `env_prefix` from `model_config = SettingsConfigDict(env_prefix='APP_')` or an inner `class Config`. */
function prefixOf(body: Node): string {
  for (const pair of body.descendantsOfType(['keyword_argument', 'assignment'])) {
    const name = pair?.childForFieldName(pair.type === 'assignment' ? 'left' : 'name');
    const value = pair?.childForFieldName(pair.type === 'assignment' ? 'right' : 'value');
    if (name?.text === 'env_prefix' && value) return plainString(value, ['string']) ?? '';
  }
  return '';
}

/** One annotated field of a settings class: its variable is the prefix and the field's name, or the field's alias. */
function fieldRead(assignment: Node, prefix: string): FoundRead | undefined {
  const [left, type, right] = ['left', 'type', 'right'].map((f) => assignment.childForFieldName(f) ?? undefined);
  if (left?.type !== 'identifier' || type === undefined || left.text.startsWith('_') || left.text === 'model_config') return undefined;
  if (type.text.startsWith('ClassVar')) return undefined;
  const field = right && fieldCall(right);
  if (field === undefined) return { name: prefix + left.text, at: left, via: VIA, fallback: fallbackOf(right) };
  const alias = field.keywords.get('validation_alias') ?? field.keywords.get('alias');
  const aliasText = alias && plainString(alias, ['string']);
  const fallback = field.keywords.has('default_factory')
    ? { kind: 'default' as const }
    : fallbackOf(field.keywords.get('default') ?? field.first);
  return aliasText && alias
    ? { name: aliasText, at: alias, via: VIA, fallback }
    : { name: prefix + left.text, at: left, via: VIA, fallback };
}

/** The fields of pydantic `BaseSettings` classes: each reads the variable of its name (with `env_prefix`), its default as the fallback. */
export function settingsFields(root: Node): FoundRead[] {
  return root.descendantsOfType('class_definition').flatMap((cls) => {
    const body = cls?.childForFieldName('body');
    if (!cls || !body || !isSettings(cls)) return [];
    const prefix = prefixOf(body);
    return body.namedChildren.flatMap((statement) => {
      const assignment = statement?.type === 'expression_statement' ? statement.namedChildren[0] : undefined;
      return (assignment?.type === 'assignment' && fieldRead(assignment, prefix)) || [];
    });
  });
}
