import type { Node } from 'web-tree-sitter';
import { NONE, plausible, type CallSite, type FunctionSite, type ReadGrammar, type ReadSite, type SiteFallback } from '../read-sites';
import type { TreeConstants, Wrapper } from '../language';
import { flowAround, guardedRead } from '../read-flow';
import { callArguments, inField, operatorOf, outermost, parameterDefault, plainString } from '../syntax';
import { nodeConfigSites } from './ecmascript-config';
import { destructured, envAliases, envObject, flow, importedEnv, type EnvAlias } from './ecmascript-env';
import { withLibraries } from './ecmascript-libraries';
import { isFallback, TRANSPARENT } from './ecmascript-objects';
import { afterDefaulter } from './ecmascript-value-defaults';

const STRINGS = ['string', 'template_string'];
const LITERALS = new Set(['number', 'true', 'false', 'null', 'undefined']);
const FUNCTIONS = ['function_declaration', 'generator_function_declaration', 'function_expression', 'arrow_function', 'method_definition'];

/** `A || B || 'd'` is `(A || B) || 'd'`: B, the right of a link that is itself a left, falls back as the whole link does. */
function inChain(read: Node): Node {
  if (!read.parent || !isFallback(read.parent) || !inField(read.parent, 'right', read)) return read;
  const link = outermost(read.parent, TRANSPARENT);
  return link.parent && isFallback(link.parent) && inField(link.parent, 'left', link) ? link : read;
}

const EMPTY_TEXT = /^(['"`])\1$/;
const NUMBER_CONVERSION = /^(Number\.)?(parseInt|parseFloat)$|^Number$/;

const isLink = (parent: Node, node: Node): boolean =>
  (['member_expression', 'subscript_expression'].includes(parent.type) && inField(parent, 'object', node)) ||
  (parent.type === 'call_expression' && inField(parent, 'function', node));

/** `X?.trim().split(',')`: an optional chain on the read is undefined when the read is, so what falls back around it falls back for the read. */
function optionalChain(read: Node): Node {
  let at = read;
  for (let link = at.parent; link && isLink(link, at) && (at.id !== read.id || link.childForFieldName('optional_chain')); link = at.parent)
    at = link;
  return at;
}

/** `parseInt(X, 10) || 3000`, `Number(X) || 30`, `+X || 2`: a number conversion makes an unset read NaN, which `||` (not `??`) replaces. */
function afterConversion(read: Node): SiteFallback | undefined {
  const argument = outermost(read, TRANSPARENT);
  const holder = argument.parent;
  const call = holder?.type === 'arguments' && holder.namedChildren[0]?.id === argument.id ? holder.parent : holder;
  const converts =
    (call?.type === 'call_expression' && NUMBER_CONVERSION.test(call.childForFieldName('function')?.text ?? '')) ||
    (call?.type === 'unary_expression' && operatorOf(call) === '+');
  const converted = converts && call ? outermost(call, TRANSPARENT) : undefined;
  const parent = converted?.parent;
  const right = parent?.type === 'binary_expression' && operatorOf(parent) === '||' && converted && inField(parent, 'left', converted);
  return right ? { kind: 'default', node: parent.childForFieldName('right') ?? undefined } : undefined;
}

/**
 * `this.toOptionalNumber(X) ?? 60000` (outline's env.ts): a method of the class given the read alone, whose nothing the `??`
 * after it replaces, also along `A ?? B ?? d`.
 */
function afterOwnMethod(read: Node): SiteFallback | undefined {
  const argument = outermost(read, TRANSPARENT);
  const holder = argument.parent;
  const call = holder?.type === 'arguments' && holder.namedChildren.length === 1 ? holder.parent : null;
  const fn = call?.type === 'call_expression' ? call.childForFieldName('function') : null;
  if (!call || fn?.type !== 'member_expression' || fn.childForFieldName('object')?.type !== 'this') return undefined;
  let fallback: Node | undefined;
  for (let at = outermost(call, TRANSPARENT); at.parent?.type === 'binary_expression' && operatorOf(at.parent) === '??'; at = at.parent)
    if (inField(at.parent, 'left', at)) fallback = at.parent.childForFieldName('right') ?? undefined;
  return fallback ? { kind: 'default', node: fallback } : undefined;
}

/**
 * `?? 'd'`, `|| 'd'` or `X ? X : 'd'` written around a read (or an optional chain on it), a branch only taken when it is set,
 * a function of the tree it is given to that gives a default for an empty value (`defaulters`), or an `if (!v) v = 'd'` after it.
 */
function around(expression: Node, defaulters?: ReadonlyMap<string, Wrapper>): SiteFallback | undefined {
  const converted = afterConversion(expression) ?? afterOwnMethod(expression);
  if (converted) return converted;
  const read = optionalChain(outermost(expression, TRANSPARENT));
  const parent = read.parent;
  const chain = inChain(read);
  if (chain.parent && isFallback(chain.parent) && inField(chain.parent, 'left', chain)) {
    const right = chain.parent.childForFieldName('right');
    // `parseInt(X ?? '', 10) || 5000`: the empty text becomes NaN, which the `||` after the conversion replaces.
    const converted = right && EMPTY_TEXT.test(right.text) ? afterConversion(chain.parent) : undefined;
    return converted ?? (right ? { kind: 'default', node: right } : undefined);
  }
  if (parent?.type === 'ternary_expression' && inField(parent, 'condition', read)) {
    const alternative = parent.childForFieldName('alternative');
    return alternative ? { kind: 'default', node: alternative } : undefined;
  }
  const after = guardedRead(read, flow) ?? (defaulters?.size ? afterDefaulter(read, defaulters) : undefined) ?? flowAround(read, flow);
  return after.kind === 'default' ? after : undefined;
}

type Around = (expression: Node) => SiteFallback | undefined;

// Where no function of the tree gives a default for an empty value.
const aroundRead: Around = (expression) => around(expression);

/** The read an environment object's use makes: `env.X`, `env['X']`, `'X' in env`, `Deno.env.get('X')`. */
function siteOf(env: Node, via: string, around: Around): ReadSite[] {
  const parent = env.parent;
  if (parent === null) return [];
  if (parent.type === 'member_expression' && inField(parent, 'object', env)) {
    const property = parent.childForFieldName('property');
    if (property?.text === 'get' && parent.parent?.type === 'call_expression') {
      const key = callArguments(parent.parent)[0];
      return key ? [{ key, via: `${via}.get`, fallback: around(parent.parent) ?? NONE }] : [];
    }
    return property ? [{ key: property, via, fallback: around(parent) ?? NONE }] : [];
  }
  if (parent.type === 'subscript_expression' && inField(parent, 'object', env)) {
    const key = parent.childForFieldName('index');
    return key ? [{ key, via, fallback: around(parent) ?? NONE }] : [];
  }
  if (parent.type === 'binary_expression' && operatorOf(parent) === 'in' && inField(parent, 'right', env)) {
    const key = parent.childForFieldName('left');
    return key ? [{ key, via: `in ${via}`, fallback: { kind: 'default' } }] : [];
  }
  const named = destructured(parent, env, via);
  return takenWhole(env) ? [...named, { key: env, via, fallback: NONE, whole: true }] : named;
}

// Calls that take every variable of what they are given.
const WHOLE_CALLS = /^(Object\.(keys|entries|values|assign|fromEntries|getOwnPropertyNames)|JSON\.stringify|structuredClone)$/;

/**
 * Whether a use of the environment object, none of the reads above, takes all of it: `{ ...process.env }`,
 * `env: process.env` (a child's), `Object.entries(process.env)`, `for (const k in process.env)`, the rest of a
 * destructuring (`const { A, ...rest } = process.env`). Not `const env = process.env`, whose reads are followed.
 */
function takenWhole(env: Node): boolean {
  const parent = env.parent;
  if (parent === null) return false;
  if (parent.type === 'spread_element') return true;
  if (parent.type === 'pair') return inField(parent, 'value', env);
  if (parent.type === 'for_in_statement') return inField(parent, 'right', env) && operatorOf(parent) !== 'of';
  if (parent.type === 'arguments') return WHOLE_CALLS.test(parent.parent?.childForFieldName('function')?.text ?? '');
  const pattern = ['variable_declarator', 'assignment_expression'].includes(parent.type)
    ? parent.childForFieldName(parent.type === 'variable_declarator' ? 'name' : 'left')
    : null;
  return pattern?.type === 'object_pattern' && pattern.namedChildren.some((p) => p?.type === 'rest_pattern');
}

// What Vite puts in import.meta.env itself, whatever the environment holds: the mode, the base path and the build's kind.
const VITE_CONSTANTS: ReadonlySet<string> = new Set(['MODE', 'BASE_URL', 'PROD', 'DEV', 'SSR']);
const viteConstant = (site: ReadSite): boolean =>
  site.via === 'import.meta.env' && VITE_CONSTANTS.has(plainString(site.key, STRINGS) ?? site.key.text);

function sites(root: Node, imported?: ReadonlyMap<string, EnvAlias>, around: Around = aroundRead): ReadSite[] {
  const aliases = imported?.size ? new Map([...envAliases(root), ...imported]) : envAliases(root);
  // Bare identifiers name the environment only as k6's `__ENV` or a name the file gave it: asked for only then.
  const types = root.text.includes('__ENV') || aliases.size ? ['member_expression', 'identifier'] : ['member_expression'];
  const found = root.descendantsOfType(types).flatMap((node) => {
    const alias = node?.type === 'identifier' ? aliases.get(node.text) : undefined;
    const via = node && (envObject(node) ?? alias?.via);
    if (!node || !via) return [];
    // What loadEnv returns holds only the variables of its prefixes (VITE_ by default): another name reads nothing.
    const held = (site: ReadSite) =>
      !alias?.prefixes || alias.prefixes.some((p) => (plainString(site.key, STRINGS) ?? site.key.text).startsWith(p));
    return siteOf(node, via, around).filter((site) => !viteConstant(site) && held(site));
  });
  const isEnv = (node: Node) => envObject(node) !== undefined || (node.type === 'identifier' && aliases.has(node.text));
  const all = withLibraries(root, found, { isEnv, around });
  return root.text.includes('config') ? [...all, ...nodeConfigSites(root)] : all;
}

function parameterName(param: Node | null): string {
  if (param === null) return '';
  if (param.type === 'identifier') return param.text;
  const inner = param.childForFieldName('pattern') ?? param.childForFieldName('left');
  return inner?.type === 'identifier' ? inner.text : '';
}

/** A function's name: its own, or the variable or field it is assigned to (`const getEnv = (k) => …`). */
function nameOf(fn: Node): Node | null {
  const own = fn.childForFieldName('name');
  if (own !== null) return own;
  const holder = fn.parent;
  return holder?.type === 'variable_declarator' || holder?.type === 'public_field_definition' || holder?.type === 'field_definition'
    ? (holder.childForFieldName('name') ?? holder.childForFieldName('property'))
    : null;
}

function functionOf(fn: Node): FunctionSite | undefined {
  const name = nameOf(fn);
  const body = fn.childForFieldName('body');
  const single = fn.childForFieldName('parameter');
  const list = single ? [] : (fn.childForFieldName('parameters')?.namedChildren ?? []);
  const params = single ? [single.text] : list.map(parameterName);
  const defaults = list.map((p) => parameterDefault(p));
  return name?.type.endsWith('identifier') && body ? { name: name.text, params, defaults, body } : undefined;
}

/**
 * Calls by a bare name, on `this` (a method wrapper), or through the module object that holds it
 * (`helpers.envInt`): wrappers are known by name across the language's files, as bare calls already are.
 */
function calls(root: Node, wanted: (name: string) => boolean): CallSite[] {
  return root.descendantsOfType('call_expression').flatMap((node) => {
    const fn = node?.childForFieldName('function');
    const object = fn?.type === 'member_expression' ? fn.childForFieldName('object') : null;
    const name = fn?.type === 'identifier' ? fn.text : object ? fn?.childForFieldName('property')?.text : undefined;
    if (!node || name === undefined || !wanted(name)) return [];
    return object === null || object.type === 'this' || plausible(node, name) ? [{ name, args: callArguments(node), node }] : [];
  });
}

/** JavaScript and TypeScript spell environment reads, fallbacks, functions and calls alike. */
export const ecmascript: ReadGrammar = {
  sites,
  // Every direct read names `env` (`process.env`, `import.meta.env`, `Deno.env`), `__ENV`, node-config's module, `createEnv` or `cleanEnv`.
  mayRead: (text) => /env|config/i.test(text),
  functionTypes: FUNCTIONS,
  functionOf,
  calls,
  key: (node) =>
    ['property_identifier', 'shorthand_property_identifier_pattern'].includes(node.type) ? node.text : plainString(node, STRINGS),
  isLiteral: (node) => LITERALS.has(node.type) || plainString(node, STRINGS) !== undefined || node.text === "''" || node.text === '""',
  reference: (node) => (node.type === 'identifier' ? node.text : undefined),
  around: aroundRead,
  fails: (body) =>
    body.descendantsOfType('throw_statement').length > 0 ||
    body.descendantsOfType('member_expression').some((m) => m?.text === 'process.exit'),
};

/**
 * The grammar for one file, where its default imports name modules of the tree whose default export is the environment
 * object, and where functions of the tree give a default for an empty value they are given (`defaulters`, by name).
 */
export function ecmascriptFor(root: Node, constants: TreeConstants | undefined, defaulters?: ReadonlyMap<string, Wrapper>): ReadGrammar {
  const imported = importedEnv(root, constants);
  if (!imported.size && !defaulters?.size) return ecmascript;
  // around() looks for defaulters only where there are some.
  const aroundHere: Around = (expression) => around(expression, defaulters);
  return { ...ecmascript, sites: (r) => sites(r, imported, aroundHere), around: aroundHere };
}
