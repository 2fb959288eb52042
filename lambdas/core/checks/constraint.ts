import { autoscalerOwns } from '../engine/autoscaling';
import { declaredType } from '../engine/equality';
import { RUNTIME_KEYS } from '../runtime-keys';
import type { KeySpec } from '../estate/model';
import type { Finding } from '../model';
import { parseTyped, type ValueType } from '../values/types';
import { displayValue } from '../values/value';
import { entrySource, expectedWithUnit, shownWithUnit, type Check } from './check-context';

/** A key's bounds, allowed values and pattern, prepared once per audit, not once per value. */
interface Prepared {
  min?: number;
  max?: number;
  enumCanon?: string[];
  pattern?: RegExp;
}

const prepared = new WeakMap<KeySpec, Map<ValueType | undefined, Prepared>>();

function prepare(type: ValueType | undefined, spec: KeySpec): Prepared {
  let byType = prepared.get(spec);
  if (!byType) prepared.set(spec, (byType = new Map()));
  let p = byType.get(type);
  if (p) return p;
  const num = (b: string | undefined) => {
    if (b === undefined || !type) return undefined;
    const t = parseTyped(type, b);
    return t.ok ? t.num : undefined;
  };
  const canon = (t: string) => {
    const c = type ? parseTyped(type, t) : undefined;
    return c?.ok ? c.canonical : t;
  };
  p = {
    min: num(spec.min),
    max: num(spec.max),
    enumCanon: spec.enum?.map(canon),
    pattern: spec.pattern !== undefined ? new RegExp(spec.pattern, 'u') : undefined,
  };
  byType.set(type, p);
  return p;
}

/** What is wrong with one text under a key's declared type and bounds; empty when nothing is. */
export function violations(text: string, type: ValueType | undefined, spec: KeySpec | undefined): string[] {
  const out: string[] = [];
  const parsed = type ? parseTyped(type, text) : undefined;
  if (parsed && !parsed.ok) return [parsed.error];
  if (!spec) return out;
  const p = prepare(type, spec);
  const num = parsed?.ok ? parsed.num : undefined;
  if (num !== undefined) {
    if (p.min !== undefined && num < p.min) out.push(`below the minimum ${expectedWithUnit(spec.min as string, type)}`);
    if (p.max !== undefined && num > p.max) out.push(`above the maximum ${expectedWithUnit(spec.max as string, type)}`);
  }
  if (p.enumCanon && spec.enum) {
    const mine = parsed?.ok ? parsed.canonical : text;
    if (!p.enumCanon.includes(mine)) out.push(`not one of ${spec.enum.join(', ')}`);
  }
  if (p.pattern && !p.pattern.test(text)) out.push(`does not match the pattern ${spec.pattern}`);
  return out;
}

/** `constraint`: type, `min`, `max`, `enum` or `pattern` violated. */
export const constraintCheck: Check = {
  id: 'constraint',
  run(ctx) {
    const out: Finding[] = [];
    // Only declared keys and the typed runtime keys have constraints: visit those, not every key.
    const keys = new Set([...ctx.estate.baseline.keys.keys(), ...Object.keys(RUNTIME_KEYS)]);
    for (const config of ctx.configs) {
      for (const key of keys) {
        const entry = config.entries.get(key);
        if (!entry || entry.value.kind !== 'text' || autoscalerOwns(config, key)) continue;
        const spec = ctx.spec(key);
        const type = declaredType(key, spec);
        const problems = violations(entry.value.text, type, spec);
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
