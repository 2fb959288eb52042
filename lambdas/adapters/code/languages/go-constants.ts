import type { Node } from 'web-tree-sitter';
import type { Wrapper } from '../language';
import { plainString } from '../syntax';

const STRINGS = ['interpreted_string_literal', 'raw_string_literal'];
// What the pseudo-wrappers of pass 1 wrap: no call is named as they are, so none is matched as a wrapper's call.
const CONSTANT = 'go-constant';
// A package variable's fact is marked so: it names a key only where a constant would not be enough (see goConstants).
const VARIABLE = 'var';

/** The names a file may change: assigned (`prefix = "x"`, `prefix += "x"`) or handed on by address (`flag.StringVar(&prefix, …)`). */
function changedNames(root: Node): Set<string> {
  const changed = new Set<string>();
  for (const node of root.descendantsOfType(['assignment_statement', 'inc_statement', 'dec_statement', 'unary_expression'])) {
    if (node?.type === 'unary_expression') {
      const operand = node.childForFieldName('operand');
      if (node.child(0)?.type === '&' && operand?.type === 'identifier') changed.add(operand.text);
      continue;
    }
    const left = node?.type === 'assignment_statement' ? node.childForFieldName('left')?.namedChildren : node?.namedChildren;
    for (const target of left ?? []) if (target?.type === 'identifier') changed.add(target.text);
  }
  return changed;
}

/** The specs of a package-level declaration, in a `( … )` block too: `const_spec`s of a `const`, `var_spec`s of a `var`. */
const specsOf = (declaration: Node): Node[] =>
  declaration.namedChildren
    .flatMap((n) => (n?.type === 'var_spec_list' ? n.namedChildren : [n]))
    .filter((n): n is Node => n?.type === 'const_spec' || n?.type === 'var_spec');

/**
 * Pass 1: a file's package-level string constants (`const EnvServerPort = "GOTIFY_SERVER_PORT"`, in a `const ( … )` block too),
 * and its package-level variables given a string the file never changes (screego's `var ( prefix = "screego" )`), handed on
 * as pseudo-wrappers: Go's wrappers are seen by every file of the package (its folder), as its constants are.
 */
export function goConstantFacts(root: Node): Wrapper[] {
  const declarations = root.namedChildren.filter((n): n is Node => n?.type === 'const_declaration' || n?.type === 'var_declaration');
  const changed = declarations.some((d) => d.type === 'var_declaration') ? changedNames(root) : new Set<string>();
  return declarations
    .flatMap((declaration) => specsOf(declaration))
    .flatMap((spec): Wrapper[] => {
      const names = spec.childrenForFieldName('name').filter((n): n is Node => n?.type === 'identifier');
      const values = spec.childForFieldName('value')?.namedChildren ?? [];
      return names.flatMap((name, i): Wrapper[] => {
        const value = values[i];
        const text = value && values.length === names.length ? plainString(value, STRINGS) : undefined;
        if (text === undefined || (spec.type === 'var_spec' && changed.has(name.text))) return [];
        const fact = spec.type === 'var_spec' ? [name.text, text, VARIABLE] : [name.text, text];
        return [{ name: JSON.stringify(fact), keyParam: 0, fallback: { kind: 'none' }, wraps: CONSTANT }];
      });
    });
}

/**
 * The package's string constants by name, from the pseudo-wrappers of pass 1; with `variables`, also its package variables
 * no file of it changes where they are declared. A variable names no key of a read (another file, a test, may set it: the
 * read stays one by a name made as the code runs), but it names the prefix of envconfig.Process, which without one reads nothing.
 */
export function goConstants(wrappers: ReadonlyMap<string, Wrapper>, variables = false): ReadonlyMap<string, string> {
  // Asked once per file of a package: the package's constants are parsed once while its scope stays the same.
  const known = parsed.get(wrappers);
  if (known && known.size === wrappers.size) return variables ? known.withVariables : known.constants;
  const constants = new Map<string, string>();
  const withVariables = new Map<string, string>();
  for (const w of wrappers.values())
    if (w.wraps === CONSTANT) {
      const [name, value, kind] = JSON.parse(w.name) as [string, string, string?];
      if (kind !== VARIABLE) constants.set(name, value);
      withVariables.set(name, value);
    }
  parsed.set(wrappers, { size: wrappers.size, constants, withVariables });
  return variables ? withVariables : constants;
}

const parsed = new WeakMap<
  ReadonlyMap<string, Wrapper>,
  { size: number; constants: ReadonlyMap<string, string>; withVariables: ReadonlyMap<string, string> }
>();
