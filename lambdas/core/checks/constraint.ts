import { declaredType } from '../engine/equality';
import { RUNTIME_KEYS } from '../runtime-keys';
import type { KeySpec } from '../estate/model';
import type { Finding } from '../model';
import { parseTyped, type ValueType } from '../values/types';
import { displayValue } from '../values/value';
import { entrySource, type Check } from './check-context';

/** What is wrong with one text under a key's declared type and bounds; empty when nothing is. */
export function violations(text: string, type: ValueType | undefined, spec: KeySpec | undefined): string[] {
  const out: string[] = [];
  const parsed = type ? parseTyped(type, text) : undefined;
  if (parsed && !parsed.ok) return [parsed.error];
  const num = parsed?.ok ? parsed.num : undefined;
  if (num !== undefined && type) {
    const bound = (b: string | undefined) => {
      if (b === undefined) return undefined;
      const p = parseTyped(type, b);
      return p.ok ? p.num : undefined;
    };
    const min = bound(spec?.min);
    const max = bound(spec?.max);
    if (min !== undefined && num < min) out.push(`below the minimum ${spec?.min}`);
    if (max !== undefined && num > max) out.push(`above the maximum ${spec?.max}`);
  }
  if (spec?.enum) {
    const canon = (t: string) => (type ? parseTyped(type, t) : undefined);
    const mine = parsed?.ok ? parsed.canonical : text;
    const allowed = spec.enum.some((e) => {
      const c = canon(e);
      return (c?.ok ? c.canonical : e) === mine;
    });
    if (!allowed) out.push(`not one of ${spec.enum.join(', ')}`);
  }
  if (spec?.pattern !== undefined && !new RegExp(spec.pattern, 'u').test(text)) out.push(`does not match the pattern ${spec.pattern}`);
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
        if (!entry || entry.value.kind !== 'text') continue;
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
            message: `${key} is ${actual} in ${config.environment}: ${problems.join('; ')}`,
          }),
        );
      }
    }
    return out;
  },
};
