import type { KeySpec } from '../estate/model';
import { TYPE_NOUN, type ValueType } from '../values/types';
import { shownExpected, writtenValue, type Value } from '../values/value';

type Large = Extract<Value, { kind: 'large' }>;

// Types whose every value is a short text: one over LARGE_VALUE_CHARS is none of them.
const SHORT_TYPES: ReadonlySet<ValueType> = new Set<ValueType>(['int', 'number', 'bool', 'duration', 'bytes', 'cpu']);

/** Whether a huge value is this very text: both held by their digest. */
const isText = (v: Large, text: string): boolean => {
  const w = writtenValue(text);
  return w.kind === 'large' && w.digest === v.digest;
};

/** What a huge value's constraints find on what drift holds of it (its digest and length). */
export interface LargeJudgement {
  problems: string[];
  /** What says which constraints need the text itself (a pattern): reported as not judged, never passed. */
  unjudged?: string;
}

/**
 * A value too large to keep whole, judged on its digest and length. The expected value is checked
 * against every constraint of its key when the estate loads, so a value equal to it meets them all.
 */
export function largeViolations(
  v: Large,
  type: ValueType | undefined,
  spec: KeySpec | undefined,
  expected: string | undefined,
): LargeJudgement {
  if (expected !== undefined && isText(v, expected)) return { problems: [] };
  if (type && SHORT_TYPES.has(type)) return { problems: [`a text of ${v.length} characters is not ${TYPE_NOUN[type]}`] };
  const problems: string[] = [];
  const needText: string[] = [];
  const listed = spec?.enum?.some((e) => isText(v, e)) ?? false;
  if (spec?.enum && !listed) problems.push(`not one of ${spec.enum.join(', ')}`);
  // An enum member was checked against the type when the estate loaded, as the expected value was; a JSON
  // object or array was read as JSON when the value was made (its `json` digest).
  if ((type === 'url' || (type === 'json' && v.json === undefined)) && !listed) needText.push(`the type ${type}`);
  if (spec?.pattern !== undefined) needText.push(`the pattern ${spec.pattern}`);
  if (!needText.length) return { problems };
  return { problems, unjudged: `not judged: ${needText.join(', ')} (a value of ${v.length} characters is kept only as its digest)` };
}

/**
 * A value drift cannot read (a dotenv name set from the shell, a SecureString not decrypted) under a key
 * whose baseline says what it should be: nothing is known to be wrong, but nothing was judged either,
 * which is said rather than passed unseen. Undefined where the key asks nothing of its value (a declared
 * type alone is how to compare it, not a demand on it).
 */
export function opaqueUnjudged(spec: KeySpec | undefined, expected: string | undefined): LargeJudgement | undefined {
  const asked: string[] = [];
  if (expected !== undefined) asked.push(`the expected value ${shownExpected(expected)}`);
  if (spec?.min !== undefined) asked.push(`the minimum ${spec.min}`);
  if (spec?.max !== undefined) asked.push(`the maximum ${spec.max}`);
  if (spec?.enum) asked.push(`one of ${spec.enum.join(', ')}`);
  if (spec?.pattern !== undefined) asked.push(`the pattern ${spec.pattern}`);
  return asked.length ? { problems: [], unjudged: `not judged: ${asked.join(', ')} (its value cannot be read)` } : undefined;
}
