import type { Node } from 'web-tree-sitter';
import { callArguments, enclosing, plainString } from '../syntax';
import { fieldsOf, unwrapped } from './go-cli-flags';

const STRINGS = ['interpreted_string_literal', 'raw_string_literal'];
const FUNCTIONS = new Set(['function_declaration', 'method_declaration', 'func_literal']);

/** The struct types a file declares, by name. */
export function namedStructs(root: Node): Map<string, Node> {
  const named = new Map<string, Node>();
  for (const spec of root.descendantsOfType('type_spec')) {
    const [name, type] = [spec?.childForFieldName('name'), spec?.childForFieldName('type')];
    if (name && type?.type === 'struct_type') named.set(name.text, type);
  }
  return named;
}

/** The struct a field's type is, where the file declares it: inline, by name, or a pointer to either (`Http *HttpConfig`). */
export function fieldStruct(type: Node | null | undefined, named: ReadonlyMap<string, Node>): Node | undefined {
  if (!type) return undefined;
  if (type.type === 'struct_type') return type;
  if (type.type === 'pointer_type') return fieldStruct(type.namedChildren[0], named);
  return named.get(type.text);
}

/** The type each variable of a file is declared with (`var s Spec`, `s := Spec{}`), the last declaration of a name winning; undefined for other values. */
function declaredTypes(root: Node): Map<string, string | undefined> {
  const types = new Map<string, string | undefined>();
  for (const spec of root.descendantsOfType(['var_spec', 'short_var_declaration'])) {
    if (!spec) continue;
    const names = spec.type === 'var_spec' ? spec.childrenForFieldName('name') : (spec.childForFieldName('left')?.namedChildren ?? []);
    const value = spec.type === 'var_spec' ? null : spec.childForFieldName('right')?.namedChildren[0];
    const typeName =
      spec.type === 'var_spec'
        ? spec.childForFieldName('type')?.text
        : value?.type === 'composite_literal'
          ? value.childForFieldName('type')?.text
          : undefined;
    for (const n of names) if (n) types.set(n.text, typeName);
  }
  return types;
}

/** A file's declared variables and struct types, which a processed target is looked up in: made once per scan of the file. */
export interface FileTypes {
  readonly variables: ReadonlyMap<string, string | undefined>;
  readonly structs: ReadonlyMap<string, Node>;
}

export const fileTypes = (root: Node, structs: ReadonlyMap<string, Node> = namedStructs(root)): FileTypes => ({
  variables: declaredTypes(root),
  structs,
});

/** The struct type a `&s` argument points at, where the file declares both (`var s Spec`, `s := Spec{}`, `&Spec{}`). */
export function processedStruct(target: Node, types: FileTypes): Node | undefined {
  const inner = target.type === 'unary_expression' ? target.childForFieldName('operand') : null;
  let typeName = inner?.type === 'composite_literal' ? inner.childForFieldName('type')?.text : undefined;
  if (inner?.type === 'identifier' && types.variables.has(inner.text)) typeName = types.variables.get(inner.text);
  return typeName === undefined ? undefined : types.structs.get(typeName);
}

/** What a lookuper reads: the prefixes it puts before each variable ('' for the environment as it is), and the keys a map before them holds. */
interface LookuperReads {
  prefixes: string[];
  mapped: Set<string>;
}

/** More prefixes than any configuration has: `MultiLookuper(l, PrefixLookuper("X_", l))` over and over doubles them each time. */
const MAX_PREFIXES = 64;

const ASSIGNMENTS = ['short_var_declaration', 'assignment_statement', 'var_spec'];

/** The names a declaration or assignment gives values to, each with its value where it has one. */
function assigned(spec: Node): Array<{ name: string; value: Node | undefined }> {
  const left = spec.type === 'var_spec' ? spec.childrenForFieldName('name') : (spec.childForFieldName('left')?.namedChildren ?? []);
  const right = spec.type === 'var_spec' ? spec.childForFieldName('value')?.namedChildren : spec.childForFieldName('right')?.namedChildren;
  return left.flatMap((n, i) => (n ? [{ name: n.text, value: right?.[i] ?? undefined }] : []));
}

/** What a lookuper expression reads, its variables being what `held` says they hold at that point; undefined for anything else. */
function lookuperReads(expression: Node, held: ReadonlyMap<string, LookuperReads | undefined>): LookuperReads | undefined {
  if (expression.type === 'identifier') return held.get(expression.text);
  if (expression.type !== 'call_expression') return undefined;
  const callee = expression.childForFieldName('function')?.text ?? '';
  const args = callArguments(expression);
  if (callee === 'envconfig.OsLookuper') return { prefixes: [''], mapped: new Set() };
  if (callee === 'envconfig.PrefixLookuper') {
    const prefix = args[0] ? plainString(args[0], STRINGS) : undefined;
    const inner = args[1] ? lookuperReads(args[1], held) : undefined;
    return prefix === undefined || !inner ? undefined : { prefixes: inner.prefixes.map((p) => `${prefix}${p}`), mapped: new Set() };
  }
  if (callee !== 'envconfig.MultiLookuper') return undefined;
  // The first lookuper that finds a key gives it: a key a map literal holds never reaches the lookupers after it.
  const prefixes = new Set<string>();
  const mapped = new Set<string>();
  for (const arg of args) {
    const argCallee = arg.type === 'call_expression' ? (arg.childForFieldName('function')?.text ?? '') : '';
    const map = argCallee === 'envconfig.MapLookuper' ? callArguments(arg)[0] : undefined;
    if (map?.type === 'composite_literal') {
      for (const element of map.childForFieldName('body')?.namedChildren ?? []) {
        const key = element?.type === 'keyed_element' ? unwrapped(element.namedChildren[0]) : undefined;
        const name = key ? plainString(key, STRINGS) : undefined;
        if (name !== undefined && prefixes.size === 0) mapped.add(name);
      }
      continue;
    }
    for (const p of lookuperReads(arg, held)?.prefixes ?? []) if (prefixes.size < MAX_PREFIXES) prefixes.add(p);
  }
  return prefixes.size > 0 ? { prefixes: [...prefixes], mapped } : undefined;
}

/**
 * What the lookuper handed to each of `calls` reads, by the call's node id: the function around a call is walked once, in
 * source order, each assignment's value read as the variables it names held there (`l = PrefixLookuper("A_", l)`), so a
 * chain of thousands of lookuper variables is one pass, not a search back from each link.
 */
function lookupersOf(calls: ReadonlyArray<{ call: Node; lookuper: Node }>): Map<number, LookuperReads> {
  const byScope = new Map<number, { scope: Node; calls: Array<{ call: Node; lookuper: Node }> }>();
  for (const c of calls) {
    const scope = enclosing(c.call, FUNCTIONS) ?? c.call.tree.rootNode;
    const entry = byScope.get(scope.id) ?? { scope, calls: [] };
    byScope.set(scope.id, entry);
    entry.calls.push(c);
  }
  const found = new Map<number, LookuperReads>();
  for (const { scope, calls: inScope } of byScope.values()) {
    const steps = [
      ...scope.descendantsOfType(ASSIGNMENTS).flatMap((spec) => (spec ? [{ at: spec.startIndex, spec }] : [])),
      ...inScope.map((c) => ({ at: c.call.startIndex, call: c })),
    ].sort((a, b) => a.at - b.at);
    const held = new Map<string, LookuperReads | undefined>();
    for (const step of steps) {
      if ('call' in step) {
        const reads = lookuperReads(step.call.lookuper, held);
        if (reads) found.set(step.call.call.id, reads);
        continue;
      }
      // Read before any is set: `a, b = b, a` swaps what each held.
      const values = assigned(step.spec).map(({ name, value }) => ({ name, reads: value && lookuperReads(value, held) }));
      for (const { name, reads } of values) held.set(name, reads);
    }
  }
  return found;
}

/** What a struct reachable from a processed target is read through: the lookuper's prefixes, and the keys a map before them answers. */
export interface LookedUp {
  prefixes: readonly string[];
  mapped: ReadonlySet<string>;
}

/**
 * sethvargo/go-envconfig's lookupers: `envconfig.ProcessWith(ctx, &envconfig.Config{Target: &cfg, Lookuper: l})` (or v0's
 * `ProcessWith(ctx, &cfg, l)`) with `l` a `PrefixLookuper("SHIORI_", OsLookuper())`, or a `MultiLookuper` of such, reads
 * each tagged field of the target's struct, and of the structs its fields hold, under the prefix: shiori's
 * `env:"HTTP_PORT"` is `SHIORI_HTTP_PORT`. A `MapLookuper(map[string]string{"HOSTNAME": …})` before it answers its keys
 * itself. By the struct_type node's id; a struct processed with no lookuper the scan can follow is not in the map.
 */
export function lookedUpStructs(root: Node, named: ReadonlyMap<string, Node> = namedStructs(root)): Map<number, LookedUp> {
  const found = new Map<number, LookedUp>();
  if (!root.text.includes('envconfig.ProcessWith')) return found;
  const types = fileTypes(root, named);
  const processed: Array<{ call: Node; lookuper: Node; target: Node }> = [];
  for (const call of root.descendantsOfType('call_expression')) {
    if (!call || call.childForFieldName('function')?.text !== 'envconfig.ProcessWith') continue;
    const args = callArguments(call);
    let [target, lookuper] = [args[1], args[2]];
    const config = args[1]?.type === 'unary_expression' ? args[1].childForFieldName('operand') : undefined;
    if (config?.type === 'composite_literal' && config.childForFieldName('type')?.text === 'envconfig.Config') {
      const fields = fieldsOf(config);
      [target, lookuper] = [fields.get('Target'), fields.get('Lookuper')];
    }
    if (target && lookuper) processed.push({ call, lookuper, target });
  }
  const lookups = lookupersOf(processed);
  for (const { call, target } of processed) {
    const reads = lookups.get(call.id);
    const struct = reads ? processedStruct(target, types) : undefined;
    if (!struct || !reads) continue;
    // The structs its fields hold, and theirs: a stack, as a file may nest thousands.
    for (const todo = [struct]; todo.length > 0;) {
      const at = todo.pop() as Node;
      if (found.has(at.id)) continue;
      found.set(at.id, reads);
      for (const field of at.descendantsOfType('field_declaration')) {
        const inner = fieldStruct(field?.childForFieldName('type'), named);
        if (inner) todo.push(inner);
      }
    }
  }
  return found;
}
