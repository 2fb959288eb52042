import type { Node } from 'web-tree-sitter';
import type { Wrapper } from '../language';
import { plainString } from '../syntax';

const STRINGS = ['interpreted_string_literal', 'raw_string_literal'];
// What the pseudo-wrappers of pass 1 wrap: no call is named as they are, so none is matched as a wrapper's call.
const CONSTANT = 'go-constant';

/**
 * Pass 1: a file's package-level string constants (`const EnvServerPort = "GOTIFY_SERVER_PORT"`, in a `const ( … )` block too),
 * handed on as pseudo-wrappers: Go's wrappers are seen by every file of the package (its folder), as its constants are.
 */
export function goConstantFacts(root: Node): Wrapper[] {
  return root.namedChildren
    .filter((n): n is Node => n?.type === 'const_declaration')
    .flatMap((declaration) => declaration.namedChildren.filter((n): n is Node => n?.type === 'const_spec'))
    .flatMap((spec): Wrapper[] => {
      const names = spec.childrenForFieldName('name').filter((n): n is Node => n?.type === 'identifier');
      const values = spec.childForFieldName('value')?.namedChildren ?? [];
      return names.flatMap((name, i): Wrapper[] => {
        const value = values[i];
        const text = value && values.length === names.length ? plainString(value, STRINGS) : undefined;
        return name && text !== undefined
          ? [{ name: JSON.stringify([name.text, text]), keyParam: 0, fallback: { kind: 'none' }, wraps: CONSTANT }]
          : [];
      });
    });
}

/** The package's string constants by name, from the pseudo-wrappers of pass 1. */
export function goConstants(wrappers: ReadonlyMap<string, Wrapper>): ReadonlyMap<string, string> {
  // Asked once per file of a package: the package's constants are parsed once while its scope stays the same.
  const known = parsed.get(wrappers);
  if (known && known.size === wrappers.size) return known.constants;
  const constants = new Map<string, string>();
  for (const w of wrappers.values())
    if (w.wraps === CONSTANT) {
      const [name, value] = JSON.parse(w.name) as [string, string];
      constants.set(name, value);
    }
  parsed.set(wrappers, { size: wrappers.size, constants });
  return constants;
}

const parsed = new WeakMap<ReadonlyMap<string, Wrapper>, { size: number; constants: ReadonlyMap<string, string> }>();
