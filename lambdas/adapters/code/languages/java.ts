import { treeConstantsIn } from '../file-constants';
import type { Node } from 'web-tree-sitter';
import type { LanguageModule } from '../language';
import { afterEarlyReturn, flowAround, guardAround, guardedRead, ternaryAround, type FlowDialect } from '../read-flow';
import { fieldFunction, NONE, plausible, readsIn, wrappersIn, type ReadGrammar, type ReadSite, type SiteFallback } from '../read-sites';
import { chainedIn } from '../wrapper-chains';
import { callArguments, plainString, field } from '../syntax';
import { configMappings } from './java-config-mapping';
import { configurationProperties } from './java-configuration-properties';
import { javaSameKey, OPTIONAL_PRESENCE } from './java-guards';
import { environmentRead, springValues } from './java-spring';
import { springConfigAsJava, springSecretLines } from './spring-config';
import { springProfileLines } from './spring-documents';
import { quarkusProfileLines } from './quarkus-profiles';
import { SPRING_PROPERTY_FILES } from './spring-properties';

const STRINGS = ['string_literal'];
const LITERAL = /(_literal|^true|^false)$/;
const METHODS = ['method_declaration'];

const nameOf = (call: Node | null | undefined) => (call?.type === 'method_invocation' ? call.childForFieldName('name')?.text : undefined);

const flow: FlowDialect = {
  binding(value) {
    const at = value.parent;
    if (at?.type === 'variable_declarator' && at.parent) return { names: [field(at, 'name')?.text ?? ''], statement: at.parent };
    if (at?.type === 'assignment_expression' && at.parent) return { names: [field(at, 'left')?.text ?? ''], statement: at.parent };
    return undefined;
  },
  ifParts(node) {
    if (node.type !== 'if_statement') return undefined;
    const [condition, consequence] = [field(node, 'condition'), field(node, 'consequence')];
    return condition && consequence ? { condition, consequence, alternative: field(node, 'alternative') } : undefined;
  },
  conditional(node) {
    if (node.type !== 'ternary_expression') return undefined;
    const [condition, consequence] = [field(node, 'condition'), field(node, 'consequence')];
    return condition && consequence ? { condition, consequence, alternative: field(node, 'alternative') } : undefined;
  },
  assignment(node) {
    if (node.type !== 'assignment_expression') return undefined;
    const [target, value] = [field(node, 'left'), field(node, 'right')];
    return target && value ? { target: target.text, value } : undefined;
  },
  returned: (node) => (node.type === 'return_statement' ? node.namedChildren.filter((n): n is Node => n !== null) : undefined),
  fails: (node) => node.type === 'throw_statement' || (node.type === 'method_invocation' && /^System\.exit\(/.test(node.text)),
  returnsNothing: (node) => node.type === 'return_statement' && node.namedChildren.length === 0,
  empty: new Set(['null', '""']),
};

/** `Optional.ofNullable(read).orElse(d)` (through `map`/`filter`; `ifPresent`: none needed), `Objects.requireNonNullElse(read, d)`, a ternary, a guard that it is set (`if (System.getenv("X") != null)`), or what follows. */
function aroundRead(read: Node): SiteFallback {
  const holder = read.parent?.type === 'argument_list' ? read.parent.parent : null;
  const holderName = holder ? `${field(holder, 'object')?.text}.${nameOf(holder)}` : '';
  if (holder && /^Objects\.requireNonNullElse(Get)?$/.test(holderName)) {
    const def = callArguments(holder)[1];
    return { kind: 'default', node: holderName.endsWith('Get') ? undefined : def };
  }
  if (holder && holderName === 'Optional.ofNullable') {
    for (let at = holder.parent; at?.type === 'method_invocation'; at = at.parent) {
      const name = nameOf(at);
      if (name === 'orElse') return { kind: 'default', node: callArguments(at)[0] };
      if (name === 'orElseGet') return { kind: 'default' };
      if (name === 'orElseThrow' || name === 'get') return NONE;
      if (OPTIONAL_PRESENCE.test(name ?? '')) return { kind: 'default' };
    }
    return NONE;
  }
  const key = callArguments(read)[0];
  const name = key && plainString(key, STRINGS);
  const same = name === undefined ? undefined : javaSameKey(name);
  const guarded = same && (guardedRead(read, flow, same) ?? afterEarlyReturn(read, flow, same));
  return ternaryAround(read, flow) ?? guarded ?? guardAround(read, flow) ?? flowAround(read, flow);
}

/** `System.getenv().get("X")`: the call's map is read by key, not whole. */
function readFromMap(call: Node): boolean {
  const parent = call.parent;
  return (
    parent?.type === 'method_invocation' &&
    field(parent, 'object')?.id === call.id &&
    /^(get|getOrDefault|containsKey)$/.test(nameOf(parent) ?? '')
  );
}

function sites(root: Node): ReadSite[] {
  const calls = root
    .descendantsOfType('method_invocation')
    .filter((c): c is Node => c !== null && /^(getenv|get|getOrDefault|getProperty|getRequiredProperty)$/.test(nameOf(c) ?? ''));
  return [
    ...calls.flatMap((call): ReadSite[] => {
      const [object, name, args] = [field(call, 'object'), nameOf(call), callArguments(call)];
      if (object?.text === 'System' && name === 'getenv' && args[0])
        return [{ key: args[0], via: 'System.getenv', fallback: aroundRead(call) }];
      // `System.getenv()`: the whole environment, but where a variable of it is read (`.get("X")`, below).
      if (object?.text === 'System' && name === 'getenv' && !readFromMap(call))
        return [{ key: call, via: 'System.getenv()', fallback: NONE, whole: true }];
      const fromMap = object?.type === 'method_invocation' && /^System\s*\.\s*getenv\s*\(\s*\)$/.test(object.text);
      if (fromMap && name === 'getOrDefault' && args[0])
        return [{ key: args[0], via: 'System.getenv().getOrDefault', fallback: { kind: 'default', node: args[1] } }];
      if (fromMap && name === 'get' && args[0]) return [{ key: args[0], via: 'System.getenv().get', fallback: aroundRead(call) }];
      const property = environmentRead(call, args);
      return property ? [property] : [];
    }),
    ...springValues(root),
    ...configurationProperties(root),
    ...configMappings(root),
  ];
}

const grammar: ReadGrammar = {
  sites,
  functionTypes: METHODS,
  functionOf: fieldFunction,
  calls: (root, wanted) =>
    root.descendantsOfType('method_invocation').flatMap((call) => {
      const name = call ? nameOf(call) : undefined;
      return call && name && wanted(name) && plausible(call, name) ? [{ name, args: callArguments(call), node: call }] : [];
    }),
  key: (node) => plainString(node, STRINGS),
  isLiteral: (node) => LITERAL.test(node.type) && node.type !== 'null_literal',
  reference: (node) => (node.type === 'identifier' ? node.text : undefined),
  fails: (body) => body.descendantsOfType(['throw_statement', 'method_invocation']).some((n) => n !== null && flow.fails(n)),
};

/** Java: `System.getenv` (with `Optional`, `Objects`, ternary and `if (v == null)` fallbacks), `System.getenv().getOrDefault`, Spring `@Value`, `@ConfigurationProperties` classes and records, SmallRye's `@ConfigMapping` interfaces, `Environment.getProperty` and the placeholders of its configuration files, wrappers and their wrappers. */
export const java: LanguageModule<'java'> = {
  id: 'java',
  // Spring Boot's application*.yml / .properties hold `${ENV_VAR:default}` placeholders read as @Value's are.
  extensions: ['.java', '.yml', '.yaml', '.properties'],
  code: (text, file, tree) => (file.endsWith('.java') ? text : springConfigAsJava(text, file, tree?.springServed?.(file))),
  secretLines: springSecretLines,
  profileLines: (text, file) => (file.endsWith('.java') ? new Map() : springProfileLines(text, file)),
  quarkusProfileLines: (text, file) =>
    file.endsWith('.java') || !text.includes('%') ? { lines: new Map() } : quarkusProfileLines(text, !file.endsWith('.properties')),
  propertyFiles: SPRING_PROPERTY_FILES,
  grammar: (_extension: string) => 'tree-sitter-java/tree-sitter-java.wasm',
  wrappers: (tree) => wrappersIn(grammar, tree.rootNode),
  chained: (tree, known) => chainedIn(grammar, tree.rootNode, known),
  constants: (tree) => treeConstantsIn(grammar, tree.rootNode),
  reads: (tree, wrappers, _declared, constants) => readsIn(grammar, tree.rootNode, wrappers, undefined, constants),
};
