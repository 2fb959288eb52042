/**
 * The engine's type check of a request (dynalite's `checkTypes`), for requests it would pass
 * unchanged but for its copy: the same copy, from the operation's types read once. dynalite reads a
 * type's spelling (`AttrStruct<ValueStruct>`) with a regular expression and builds the attribute
 * value's type anew at every value of every item, a tenth of a big first run's store time. Whatever
 * this does not know to be well formed (a missing or mistyped member, a number or boolean it would
 * convert, bytes that are not base64, a type it does not know) is left to the engine's own check,
 * which then raises its own error: this never throws, never changes its input, and gives the copy
 * the engine gives or nothing.
 */

/** A type as the engine's validations spell one: a name, or an object with a name and the types of its members. */
export type TypeSpec = string | { type?: string; children?: unknown };

/** A type read once: its kind and, for structures, maps and lists, what they hold. */
interface Compiled {
  kind: string;
  /** A structure's members (ValueStruct, FieldStruct), in the order the engine writes them. */
  fields?: Array<[string, Compiled]>;
  /** What a list or map holds. */
  item?: Compiled;
}

/** An attribute value's members, as the engine's AttrStruct spells them. */
const ATTRIBUTE_VALUE: Record<string, TypeSpec> = {
  S: 'String',
  B: 'Blob',
  N: 'String',
  BOOL: 'Boolean',
  NULL: 'Boolean',
  BS: { type: 'List', children: 'Blob' },
  NS: { type: 'List', children: 'String' },
  SS: { type: 'List', children: 'String' },
  L: { type: 'List', children: 'AttrStruct<ValueStruct>' },
  M: { type: 'Map<AttributeValue>', children: 'AttrStruct<ValueStruct>' },
};

const compiledObjects = new WeakMap<object, Compiled>();
const compiledNames = new Map<string, Compiled>();

/** A type read the way the engine reads it at each value (checkType), once. */
function compile(spec: TypeSpec): Compiled {
  const cached = typeof spec === 'string' ? compiledNames.get(spec) : compiledObjects.get(spec);
  if (cached) return cached;
  const compiled: Compiled = { kind: '' };
  // Before its members: an attribute value holds attribute values.
  if (typeof spec === 'string') compiledNames.set(spec, compiled);
  else compiledObjects.set(spec, compiled);
  let children = typeof spec === 'string' ? undefined : spec.children;
  if (typeof children === 'string') children = { type: children };
  let name = typeof spec === 'string' ? spec : (spec.type ?? '');
  const generic = /^([^<]+)<(.+)>$/.exec(name);
  if (generic) name = generic[1]!;
  if (name === 'AttrStruct') {
    // checkType(val, { type: subtype + '<AttributeValue>', children: the attribute value's members })
    name = generic![2]!;
    children = ATTRIBUTE_VALUE;
  }
  compiled.kind = name;
  if (name === 'ValueStruct' || name === 'FieldStruct') {
    const members = (children ?? {}) as Record<string, TypeSpec>;
    compiled.fields = Object.keys(members).map((k) => [k, compile(members[k]!)]);
  } else if (name === 'List' || name === 'ParameterizedList' || name === 'Map' || name === 'ParameterizedMap') {
    compiled.item = compile((children ?? {}) as TypeSpec);
  }
  return compiled;
}

/** What the engine would take to a failure or a conversion: its own check decides. */
const ASK_ENGINE = Symbol('ask the engine');
type Checked = unknown;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

// The engine's own test of base64: read and written back the same.
const isBase64 = (v: string): boolean => v.length % 4 === 0 && Buffer.from(v, 'base64').toString('base64') === v;

/** Base64 strings known to pass the engine's test (see encodedBytes): not decoded and encoded again. */
type Known = ReadonlySet<string> | undefined;

function checkStruct(value: Record<string, unknown>, fields: Array<[string, Compiled]>, known: Known): Checked {
  const out: Record<string, unknown> = {};
  for (const [name, type] of fields) {
    const member = value[name];
    if (member === null || member === undefined) continue;
    const checked = checkValue(member, type, known);
    if (checked === ASK_ENGINE) return ASK_ENGINE;
    if (checked !== null && checked !== undefined) out[name] = checked;
  }
  return out;
}

function checkValue(value: unknown, type: Compiled, known: Known): Checked {
  if (value === null || value === undefined) return null;
  switch (type.kind) {
    case 'String':
      return typeof value === 'string' ? value : ASK_ENGINE;
    case 'Boolean':
      return typeof value === 'boolean' ? value : ASK_ENGINE;
    case 'Short':
    case 'Integer':
    case 'Long':
      return typeof value === 'number' ? Math.floor(value) : ASK_ENGINE;
    case 'Double':
      return typeof value === 'number' ? value : ASK_ENGINE;
    case 'Blob':
      return typeof value === 'string' && (known?.has(value) || isBase64(value)) ? value : ASK_ENGINE;
    case 'List':
    case 'ParameterizedList': {
      if (!Array.isArray(value)) return ASK_ENGINE;
      const out: unknown[] = new Array(value.length);
      for (let i = 0; i < value.length; i++) {
        // A hole stays a hole in the engine's copy (Array.prototype.map).
        if (!(i in value)) return ASK_ENGINE;
        const checked = checkValue(value[i], type.item!, known);
        if (checked === ASK_ENGINE) return ASK_ENGINE;
        out[i] = checked;
      }
      return out;
    }
    case 'Map':
    case 'ParameterizedMap': {
      if (!isRecord(value)) return ASK_ENGINE;
      const out: Record<string, unknown> = {};
      for (const k of Object.keys(value)) {
        const checked = checkValue(value[k], type.item!, known);
        if (checked === ASK_ENGINE) return ASK_ENGINE;
        out[k] = checked;
      }
      return out;
    }
    case 'ValueStruct':
    case 'FieldStruct':
      return isRecord(value) ? checkStruct(value, type.fields!, known) : ASK_ENGINE;
    default:
      return ASK_ENGINE;
  }
}

/**
 * The request as the engine's `checkTypes(data, types)` returns it, or undefined where the engine
 * must decide. `base64`: strings known to pass the engine's test of base64 (made from bytes by toWire).
 */
export function checkedTypes(
  data: Record<string, unknown>,
  types: Record<string, TypeSpec>,
  base64?: ReadonlySet<string>,
): Record<string, unknown> | undefined {
  const fields = Object.keys(types).map((k): [string, Compiled] => [k, compile(types[k]!)]);
  const checked = checkStruct(data, fields, base64);
  return checked === ASK_ENGINE ? undefined : (checked as Record<string, unknown>);
}
