import { autoscalerOwns } from '../engine/autoscaling';
import { declaredType } from '../engine/equality';
import type { KeySpec } from '../estate/model';
import type { Finding } from '../model';
import { keyPattern } from '../values/key-pattern';
import { parseTyped, type ValueType } from '../values/types';
import { maskedShape } from '../values/masked';
import { displayValue, type Value } from '../values/value';
import { entrySource, expectedWithUnit, shownWithUnit, type Check } from './check-context';

/** A key's bounds, allowed values and pattern, read from its spec under its type: once per key, not once per value. */
export interface Bounds {
  min?: number;
  max?: number;
  enumCanon?: string[];
  /** Whether a text matches the key's pattern. */
  pattern?: (text: string) => boolean;
}

/** The bounds `spec` sets under `type`. */
function boundsOf(type: ValueType | undefined, spec: KeySpec): Bounds {
  const num = (b: string | undefined) => {
    if (b === undefined || !type) return undefined;
    const t = parseTyped(type, b);
    return t.ok ? t.num : undefined;
  };
  const canon = (t: string) => {
    const c = type ? parseTyped(type, t) : undefined;
    return c?.ok ? c.canonical : t;
  };
  return {
    min: num(spec.min),
    max: num(spec.max),
    enumCanon: spec.enum?.map(canon),
    pattern: spec.pattern !== undefined ? keyPattern(spec.pattern) : undefined,
  };
}

/** What is wrong with one text under a key's declared type and bounds; empty when nothing is. `bounds` are `spec`'s, if read already. */
export function violations(
  text: string,
  type: ValueType | undefined,
  spec: KeySpec | undefined,
  bounds: Bounds | undefined = spec && boundsOf(type, spec),
): string[] {
  const out: string[] = [];
  const parsed = type ? parseTyped(type, text) : undefined;
  if (parsed && !parsed.ok) return [parsed.error];
  if (!spec || !bounds) return out;
  const num = parsed?.ok ? parsed.num : undefined;
  if (num !== undefined) {
    if (bounds.min !== undefined && num < bounds.min) out.push(`below the minimum ${expectedWithUnit(spec.min as string, type)}`);
    if (bounds.max !== undefined && num > bounds.max) out.push(`above the maximum ${expectedWithUnit(spec.max as string, type)}`);
  }
  if (bounds.enumCanon && spec.enum) {
    const mine = parsed?.ok ? parsed.canonical : text;
    if (!bounds.enumCanon.includes(mine)) out.push(`not one of ${spec.enum.join(', ')}`);
  }
  if (bounds.pattern && !bounds.pattern(text)) out.push(`does not match the pattern ${spec.pattern}`);
  return out;
}

/**
 * The text a value's constraints judge: a plain text, or a masked one (a URL with its password
 * hidden) with each hidden part as `<secret>`, so its host and path are judged as the README
 * promises; undefined for values whose text is unknown (secrets, references, unreadable, huge).
 */
function judgedText(v: Value): string | undefined {
  if (v.kind === 'text') return v.text;
  return v.kind === 'masked' ? maskedShape(v.text) : undefined;
}

/** `constraint`: type, `min`, `max`, `enum` or `pattern` violated. */
export const constraintCheck: Check = {
  id: 'constraint',
  run(ctx) {
    const out: Finding[] = [];
    // Only declared keys have constraints, runtime keys too (judged only where declared): visit those, not every key.
    const keys = [...ctx.estate.baseline.keys.keys()];
    // Each key's bounds are read once per audit, on its first value, and judge it in every environment.
    const bounds = new Map<string, Bounds | undefined>();
    for (const config of ctx.configs) {
      for (const key of keys) {
        const entry = config.entries.get(key);
        const text = entry && judgedText(entry.value);
        if (!entry || text === undefined || autoscalerOwns(config, key)) continue;
        const spec = ctx.spec(key);
        const type = declaredType(key, spec);
        let b = bounds.get(key);
        if (b === undefined && spec) bounds.set(key, (b = boundsOf(type, spec)));
        const problems = violations(text, type, spec, b);
        if (!problems.length) continue;
        const actual = displayValue(entry.value);
        out.push(
          ctx.make({
            kind: 'constraint',
            severity: spec?.severity,
            environment: config.environment,
            key,
            subject: key,
            actual,
            source: entrySource(config, entry),
            owner: spec?.owner,
            message: `${key} is ${shownWithUnit(entry.value, type)} in ${config.environment}: ${problems.join('; ')}`,
          }),
        );
      }
    }
    return out;
  },
};
