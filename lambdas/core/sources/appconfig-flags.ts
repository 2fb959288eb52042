import { isRecord, type Rec } from './shape';

/**
 * AWS AppConfig feature flags (profile type `AWS.AppConfig.FeatureFlags`). The stored document is
 * `{ version: "1", flags: { <flag>: { attributes: { <attr>: { constraints: { type } } } } },
 * values: { <flag>: { enabled, <attr>: value } } }`; what applications receive (GetLatestConfiguration,
 * the AppConfig Agent) is its retrieval form `{ <flag>: { enabled, <attr>: value } }`, with only
 * `enabled: false` for a disabled flag. A recorded document is turned into that form, so live and
 * recorded flags are read alike: `<flag>.enabled` and `<flag>.<attr>`, typed as JSON types them.
 */

const DOCUMENT_KEYS: ReadonlySet<string> = new Set(['version', 'flags', 'values']);
const ATTRIBUTE_TYPES: ReadonlySet<string> = new Set(['string', 'number', 'boolean', 'array']);

/** True for a feature-flags document: only `version`, `flags` and `values`, with a version and a mapping of flags or values. */
export function isFeatureFlagsDocument(doc: unknown): doc is Rec {
  if (!isRecord(doc) || !('version' in doc) || !(isRecord(doc.flags) || isRecord(doc.values))) return false;
  return Object.keys(doc).every((k) => DOCUMENT_KEYS.has(k));
}

/** The JSON type of a value as AppConfig's constraints name them; arrays hold strings or numbers. */
function typeOf(v: unknown): string {
  if (Array.isArray(v)) return v.every((e) => typeof e === 'string' || typeof e === 'number') ? 'array' : 'an array of other things';
  return v === null ? 'null' : typeof v;
}

/** The attribute's declared type, when its definition gives one AppConfig knows: `array of number` for typed elements. */
function declaredType(definition: unknown): string | undefined {
  const constraints = isRecord(definition) && isRecord(definition.constraints) ? definition.constraints : {};
  const type = constraints.type;
  if (typeof type !== 'string' || !ATTRIBUTE_TYPES.has(type)) return undefined;
  const elements = isRecord(constraints.elements) ? constraints.elements.type : undefined;
  return type === 'array' && (elements === 'string' || elements === 'number') ? `array of ${elements}` : type;
}

/** True when `v` is of the declared type (see declaredType). */
function hasType(v: unknown, type: string): boolean {
  if (type === 'array of string' || type === 'array of number') return Array.isArray(v) && v.every((e) => typeof e === type.slice(9));
  return typeOf(v) === type;
}

/** Metadata AppConfig keeps beside values (`_createdAt`, `_updatedAt`, `_variants`): not configuration. */
const isMetadata = (name: string): boolean => name.startsWith('_');

/** One flag's served value; problems are named by path (`values.<flag>.<attr>`), never by content. */
function servedFlag(name: string, definition: Rec, value: unknown, errors: string[]): Rec {
  const at = `values.${name}`;
  if (value === undefined) return { enabled: false };
  if (!isRecord(value)) {
    errors.push(`${at}: expected a mapping with \`enabled\``);
    return { enabled: false };
  }
  if (typeof value.enabled !== 'boolean') errors.push(`${at}.enabled: expected true or false`);
  if (value.enabled !== true) return { enabled: false };
  const attributes = isRecord(definition.attributes) ? definition.attributes : {};
  const served: Rec = { enabled: true };
  for (const [attr, v] of Object.entries(value)) {
    if (attr === 'enabled' || isMetadata(attr)) continue;
    if (!Object.hasOwn(attributes, attr)) {
      errors.push(`${at}.${attr}: not an attribute defined under flags.${name}.attributes`);
      continue;
    }
    const type = declaredType(attributes[attr]);
    if (type !== undefined && !hasType(v, type)) errors.push(`${at}.${attr}: its definition says ${type}, the value is ${typeOf(v)}`);
    else served[attr] = v;
  }
  for (const [attr, definitionOf] of Object.entries(attributes)) {
    const required = isRecord(definitionOf) && isRecord(definitionOf.constraints) && definitionOf.constraints.required === true;
    if (required && !(attr in served)) errors.push(`${at}.${attr}: required by its definition, and missing`);
  }
  return served;
}

/**
 * The retrieval form of a feature-flags document, in the order of its `flags`; problems are added to
 * `errors` by path. A flag with no entry under `values` is served disabled; values for a flag that is
 * not defined are reported and left out. Multi-variant flags give their default value (`_variants`
 * need a caller's context to be chosen, which an audit has not).
 */
export function servedFlags(doc: Rec, errors: string[]): Rec {
  if (doc.version !== '1') errors.push('version: only version "1" of the feature flags format is read');
  const flags = isRecord(doc.flags) ? doc.flags : {};
  const values = isRecord(doc.values) ? doc.values : {};
  if (doc.flags !== undefined && !isRecord(doc.flags)) errors.push('flags: expected a mapping of flag definitions');
  if (doc.values !== undefined && !isRecord(doc.values)) errors.push('values: expected a mapping of flag values');
  const served: Rec = {};
  for (const [name, definition] of Object.entries(flags)) {
    if (!isRecord(definition)) {
      errors.push(`flags.${name}: expected a mapping`);
      continue;
    }
    served[name] = servedFlag(name, definition, values[name], errors);
  }
  for (const name of Object.keys(values)) if (!Object.hasOwn(flags, name)) errors.push(`values.${name}: no such flag under flags`);
  return served;
}
