import type { Node } from 'web-tree-sitter';
import { callArguments, plainString } from '../syntax';

const STRINGS = ['interpreted_string_literal', 'raw_string_literal'];
// A flag set's definers: `Int(name, d, usage)`, `IntP(name, short, d, usage)`, `IntVar(&p, name, d, usage)`, `IntVarP(&p, name, short, d, usage)`.
const DEFINER =
  /^(?:String|Bool|Int|Int8|Int16|Int32|Int64|Uint|Uint8|Uint16|Uint32|Uint64|Float32|Float64|Duration|IP|StringSlice|StringArray|IntSlice|StringToString)(Var)?(P)?$/;
// What a flag set is written as: the package's own, `cmd.Flags()`, `cmd.PersistentFlags()`, or a variable made by NewFlagSet.
const FLAG_SET = /^(?:pflag|flag|.*\.(?:Local|Persistent)?Flags\(\))$/;

const text = (node: Node | undefined) => (node ? plainString(node, STRINGS) : undefined);

/** The flag a definer call defines and its default, when the call is one (`fs.Int("port", 9898, "…")`). */
function defined(call: Node, sets: ReadonlySet<string>): { name: string; value: Node } | undefined {
  const fn = call.childForFieldName('function');
  const [receiver, method] = [fn?.childForFieldName('operand')?.text ?? '', fn?.childForFieldName('field')?.text ?? ''];
  const m = fn?.type === 'selector_expression' ? DEFINER.exec(method) : null;
  if (!m || !(FLAG_SET.test(receiver) || sets.has(receiver))) return undefined;
  const args = callArguments(call);
  const at = m[1] ? 1 : 0;
  // The arity tells a definer from a look-alike such as zap.String(key, value).
  if (args.length !== at + (m[2] ? 4 : 3)) return undefined;
  const [name, value] = [text(args[at]), args[at + (m[2] ? 2 : 1)]];
  return name && value ? { name, value } : undefined;
}

/** The variables a file makes flag sets in (`fs := pflag.NewFlagSet(…)`). */
function flagSets(calls: readonly Node[]): Set<string> {
  return new Set(
    calls.flatMap((c) => {
      const statement = c.parent?.parent;
      const made = /^p?flag\.NewFlagSet$/.test(c.childForFieldName('function')?.text ?? '');
      return made && statement?.type === 'short_var_declaration' ? [statement.childForFieldName('left')?.text ?? ''] : [];
    }),
  );
}

/**
 * Whether a read is the default of a flag (`flag.StringVar(&addr, "addr", os.Getenv("ADDR"), "…")`): unset, the program takes the
 * flag's value, given on its command line, or runs with the empty default the flag was declared with.
 */
export function isFlagDefault(read: Node): boolean {
  const definer = read.parent?.type === 'argument_list' ? read.parent.parent : null;
  if (definer?.type !== 'call_expression') return false;
  if (defined(definer, new Set())?.value.id === read.id) return true;
  // A set the file makes (`fs.String(…)`): its calls are looked for only for a call named as a definer is.
  const fn = definer.childForFieldName('function');
  if (fn?.type !== 'selector_expression' || !DEFINER.test(fn.childForFieldName('field')?.text ?? '')) return false;
  const calls = read.tree.rootNode.descendantsOfType('call_expression').filter((c): c is Node => c !== null);
  return defined(definer, flagSets(calls))?.value.id === read.id;
}

/**
 * The defaults viper reads through the flags a file binds (`viper.BindPFlags(fs)`, `viper.BindPFlag("k", fs.Lookup("name"))`), by
 * viper key: an unset key gets its flag's default, after SetDefault's.
 */
export function boundFlagDefaults(root: Node): Map<string, Node> {
  const calls = root.descendantsOfType('call_expression').filter((c): c is Node => c !== null);
  const sets = flagSets(calls);
  const flags = new Map<string, Node>();
  const bound = new Map<string, string>();
  let all = false;
  for (const call of calls) {
    const fn = call.childForFieldName('function')?.text;
    const args = callArguments(call);
    if (fn === 'viper.BindPFlags') all = true;
    const lookup = args[1]?.type === 'call_expression' ? args[1] : undefined;
    const [key, name] = [
      text(args[0]),
      lookup && /\.Lookup$/.test(lookup.childForFieldName('function')?.text ?? '') ? text(callArguments(lookup)[0]) : undefined,
    ];
    if (fn === 'viper.BindPFlag' && key && name) bound.set(key, name);
    const flag = defined(call, sets);
    if (flag) flags.set(flag.name, flag.value);
  }
  const defaults = new Map<string, Node>();
  if (all) for (const [name, value] of flags) defaults.set(name, value);
  for (const [key, name] of bound) {
    const value = flags.get(name);
    if (value) defaults.set(key, value);
  }
  return defaults;
}
