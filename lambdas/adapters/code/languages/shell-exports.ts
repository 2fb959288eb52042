import type { Node } from 'web-tree-sitter';
import type { ReadFallback } from '../../../core/code/code-read';
import { canonicalKey } from '../../../core/keys';

/** A value written as it is, or undefined where it expands something (`"postgresql://${POSTGRES_USER}:…"`). */
function literal(value: Node | null): string | undefined {
  if (value === null) return '';
  if (value.type === 'word' || value.type === 'number') return value.text;
  if (value.type === 'raw_string') return value.text.slice(1, -1);
  if (value.type === 'string' && value.namedChildren.every((c) => c?.type === 'string_content')) return value.text.slice(1, -1);
  return undefined;
}

/**
 * What a script a container starts exports to the program it goes on to run (cookiecutter-django's entrypoint:
 * `export DATABASE_URL="postgresql://${POSTGRES_USER}:…"`, then `exec "$@"`), by canonical key: each `export NAME=value`
 * of the script's own level (not in an `if`, a loop or a function, which may not run), before its first `exec`. A value
 * that expands something is a default without a literal.
 */
export function scriptExports(root: Node): Map<string, ReadFallback> {
  const env = new Map<string, ReadFallback>();
  for (const statement of root.namedChildren) {
    if (statement === null) continue;
    if (statement.type === 'command' && statement.childForFieldName('name')?.text === 'exec') break;
    if (statement.type !== 'declaration_command' || statement.firstChild?.type !== 'export') continue;
    for (const assignment of statement.namedChildren) {
      if (assignment?.type !== 'variable_assignment') continue;
      const key = canonicalKey(assignment.childForFieldName('name')?.text ?? '');
      const value = literal(assignment.childForFieldName('value'));
      if (key !== '') env.set(key, value === undefined ? { kind: 'default' } : { kind: 'default', value });
    }
  }
  return env;
}
