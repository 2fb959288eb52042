import type { Node, Point } from 'web-tree-sitter';
import type { ReadFallback } from '../../../core/code/code-read';
import type { DeclaredMember, DeclaredType, DeclaredTypes, FoundRead } from '../language';
import { valueOf } from '../read-sites';
import { callArguments, enclosing, plainString } from '../syntax';
import { ecmascript } from './ecmascript';
import { envAliases, envObject } from './ecmascript-env';
import { importsFrom } from './ecmascript-imports';
import { calleeName, fileScope, inner } from './ecmascript-objects';
import { holdsEnv } from './ecmascript-zod';

const VIA = 'class-validator class';
const MODULE = 'class-validator';
// Decorators that let a property be absent: `@IsOptional()`, and `@ValidateIf(cond)`, which validates only where cond holds.
const OPTIONAL = new Set(['IsOptional', 'ValidateIf']);
// class-transformer's calls that make an instance of a class from a plain object, the environment here.
const TO_INSTANCE = new Set(['plainToInstance', 'plainToClass']);
const FUNCTIONS = new Set(['function_declaration', 'function_expression', 'arrow_function', 'method_definition']);

/** `@IsOptional()`, `@IsOptional`, `@cv.IsOptional()`: the decorator's name, and its namespace when written with one. */
function decoratorName(decorator: Node): { name: string; space?: string } | undefined {
  const expression = decorator.namedChildren[0];
  const fn = expression?.type === 'call_expression' ? expression.childForFieldName('function') : expression;
  if (fn?.type === 'identifier') return { name: fn.text };
  const [object, property] = [fn?.childForFieldName('object'), fn?.childForFieldName('property')];
  return fn?.type === 'member_expression' && object && property ? { name: property.text, space: object.text } : undefined;
}

/** A property of a class class-validator checks: its name's node, whether it may be absent, and its initializer. */
interface Field {
  readonly key: Node;
  readonly name: string;
  readonly optional: boolean;
  readonly initial?: Node;
}

/** The properties of each class of the file that has one decorated by class-validator, by class name (a static one is no instance's). */
function validatorClasses(root: Node): Map<string, Field[]> {
  const classes = new Map<string, Field[]>();
  if (!root.text.includes('class-validator')) return classes;
  // `import { IsString as S } from 'class-validator'`, `import * as cv from 'class-validator'`.
  const { named, namespaces } = importsFrom(root, [MODULE]);
  const names = new Set(named.map((i) => i.local));
  const ofValidator = (d: { name: string; space?: string }) => (d.space === undefined ? names.has(d.name) : namespaces.includes(d.space));
  for (const declaration of root.descendantsOfType(['class_declaration', 'class'])) {
    const [name, body] = [declaration?.childForFieldName('name'), declaration?.childForFieldName('body')];
    if (!name || !body) continue;
    let checked = false;
    const fields = body.namedChildren.flatMap((member): Field[] => {
      const key =
        member?.type === 'public_field_definition' || member?.type === 'field_definition' ? member.childForFieldName('name') : null;
      const field = key && plainString(key, ['string']) === undefined ? key.text : key && plainString(key, ['string']);
      if (!member || !key || !field || member.children.some((c) => c?.type === 'static')) return [];
      const decorators = member.namedChildren.flatMap((c) => {
        const d = c?.type === 'decorator' ? decoratorName(c) : undefined;
        return d && ofValidator(d) ? [d.name] : [];
      });
      checked ||= decorators.length > 0;
      const initial = member.childForFieldName('value') ?? undefined;
      return [{ key, name: field, optional: decorators.some((d) => OPTIONAL.has(d)), initial }];
    });
    if (checked) classes.set(name.text, fields);
  }
  return classes;
}

/**
 * What a property gives where the environment lacks the variable: its initializer (class-transformer keeps it, and
 * class-validator checks it), a default without a value where `@IsOptional()` or `@ValidateIf` lets it be absent or
 * the validation skips missing properties; else none, as validation fails.
 */
function fieldFallback(field: { optional: boolean; initial?: Node }, skipMissing: boolean): ReadFallback {
  if (field.initial) return valueOf(ecmascript, { kind: 'default', node: field.initial });
  return field.optional || skipMissing ? { kind: 'default' } : { kind: 'none' };
}

/** The file's classes as types other files may validate (DeclaredType): each property with what it gives when absent. */
export function classValidatorTypes(root: Node): DeclaredType[] {
  return [...validatorClasses(root)].map(([name, fields]) => ({
    name,
    members: fields.map((f): DeclaredMember => ({
      name: f.name,
      type: '',
      settable: true,
      at: f.key.startPosition,
      fallback: fieldFallback(f, false),
    })),
  }));
}

/** A function's name: its own, or the variable it is assigned to. */
function functionName(fn: Node): string | undefined {
  const holder = fn.parent?.type === 'variable_declarator' ? fn.parent.childForFieldName('name') : null;
  return (fn.childForFieldName('name') ?? holder)?.text;
}

/** The names the file gives as a `validate` option (`ConfigModule.forRoot({ validate })`, `{ validate: validateEnv }`). */
function validateOptions(root: Node): Set<string> {
  const names = new Set<string>();
  for (const p of root.descendantsOfType(['shorthand_property_identifier', 'pair'])) {
    if (p?.type === 'shorthand_property_identifier' && p.text === 'validate') names.add(p.text);
    const value = p?.type === 'pair' && p.childForFieldName('key')?.text === 'validate' ? p.childForFieldName('value') : null;
    if (value?.type === 'identifier') names.add(value.text);
  }
  return names;
}

/**
 * Whether a function receives the configuration ConfigModule validates, the environment: NestJS's documented
 * `export function validate(config)` passed to `ConfigModule.forRoot({ validate })`, or the function written as the option.
 */
function isConfigValidator(fn: Node, options: ReadonlySet<string>): boolean {
  const name = functionName(fn);
  if (name !== undefined) return name === 'validate' || options.has(name);
  const holder = fn.parent;
  return holder?.type === 'pair' && holder.childForFieldName('key')?.text === 'validate';
}

/** The first parameter of a function, by name. */
function firstParameter(fn: Node): string | undefined {
  const single = fn.childForFieldName('parameter');
  const first = single ?? fn.childForFieldName('parameters')?.namedChildren[0];
  const name = first?.type === 'identifier' ? first : first?.childForFieldName('pattern');
  return name?.type === 'identifier' ? name.text : undefined;
}

/**
 * The names of the classes the file validates against the environment: a class passed in a call with the environment
 * (`plainToInstance(Env, process.env)`, brocoders/nestjs-boilerplate's `validateConfig(process.env, EnvironmentVariablesValidator)`),
 * or made by class-transformer from the configuration a ConfigModule `validate` function receives (`plainToInstance(Env, config)`).
 */
function validatedNames(root: Node): Set<string> {
  const names = new Set<string>();
  const scope = fileScope(root);
  const aliases = envAliases(root);
  const isEnv = (node: Node) => envObject(node) !== undefined || (node.type === 'identifier' && aliases.has(node.text));
  const options = validateOptions(root);
  for (const call of root.descendantsOfType('call_expression')) {
    const args = call ? callArguments(call).map(inner) : [];
    const classes = args.filter((a) => a.type === 'identifier' && /^[A-Z]/.test(a.text));
    if (!call || classes.length === 0) continue;
    const env = args.some((a) => holdsEnv(scope.resolved(a), isEnv));
    const [target, plain] = args;
    const fn = TO_INSTANCE.has(calleeName(call) ?? '') ? enclosing(call, FUNCTIONS) : undefined;
    const received = fn && plain?.type === 'identifier' && firstParameter(fn) === plain.text && isConfigValidator(fn, options);
    if (env) for (const c of classes) names.add(c.text);
    else if (received && target?.type === 'identifier') names.add(target.text);
  }
  return names;
}

const before = (a: Point, b: Point): boolean => a.row < b.row || (a.row === b.row && a.column <= b.column);

/**
 * A read without a fallback in the initializer of a property class-validator lets be absent (outline's `@IsOptional()
 * public DATABASE_PORT = this.toOptionalNumber(environment.DATABASE_PORT)`): the class is written to run without it.
 */
function inOptionalInitializers(reads: FoundRead[], classes: ReadonlyMap<string, Field[]>): FoundRead[] {
  const spans = [...classes.values()].flat().flatMap((f) => (f.optional && f.initial ? [f.initial] : []));
  if (spans.length === 0) return reads;
  const within = (at: Point) => spans.some((n) => before(n.startPosition, at) && before(at, n.endPosition));
  return reads.map((r) =>
    r.fallback.kind === 'none' && r.file === undefined && within(r.at.startPosition) ? { ...r, fallback: { kind: 'default' } } : r,
  );
}

// Direct reads of the environment object, which a validation's verdict on the same key judges.
const DIRECT = /^process\.env$/;

/**
 * class-validator classes checked against the environment (NestJS's documented `validate` of `ConfigModule.forRoot`,
 * brocoders/nestjs-boilerplate's `validateConfig(process.env, EnvironmentVariablesValidator)`): each property is a read
 * of its name, where the class declares it (in the file, else the one `declared` names). `@IsOptional()` and `@ValidateIf`
 * let it be absent, an initializer is its default, any other fails validation without it. A direct read in the file
 * of a key the validation lets be absent, with no fallback of its own, takes a default: the code is written to run without it.
 */
export function classValidatorReads(root: Node, all: FoundRead[], declared?: DeclaredTypes): FoundRead[] {
  if (!/class-validator|validate|plainTo/i.test(root.text)) return all;
  const local = validatorClasses(root);
  const reads = inOptionalInitializers(all, local);
  const names = validatedNames(root);
  if (names.size === 0) return reads;
  const skipMissing = /skipMissingProperties\s*:\s*true/.test(root.text);
  const found: FoundRead[] = [];
  for (const name of names) {
    const fields = local.get(name);
    if (fields) {
      for (const f of fields) found.push({ name: f.name, at: f.key, via: VIA, fallback: fieldFallback(f, skipMissing) });
      continue;
    }
    const type = declared?.(name);
    for (const m of type?.members ?? [])
      found.push({
        name: m.name,
        at: { startPosition: m.at },
        file: type?.file,
        via: VIA,
        fallback: skipMissing && m.fallback.kind === 'none' ? { kind: 'default' } : m.fallback,
      });
  }
  const absentOk = new Set(found.filter((r) => r.fallback.kind !== 'none').map((r) => r.name));
  const judged = reads.map((r) =>
    r.fallback.kind === 'none' && DIRECT.test(r.via) && absentOk.has(r.name) ? { ...r, fallback: { kind: 'default' } as const } : r,
  );
  return [...judged, ...found];
}
