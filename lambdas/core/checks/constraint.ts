import { autoscalerOwns } from '../engine/autoscaling';
import { declaredType } from '../engine/equality';
import type { KeySpec } from '../estate/model';
import type { Finding } from '../model';
import { keyPattern } from '../values/key-pattern';
import { parseTyped, type ValueType } from '../values/types';
import { maskedShape } from '../values/masked';
import { displayValue, type Value } from '../values/value';
import { entrySource, expectedValue, expectedWithUnit, shownWithUnit, type Check } from './check-context';
import { largeViolations, opaqueUnjudged, type LargeJudgement } from './large-constraints';
import { blankReportedMissing } from './missing';

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
 * promises; undefined for values whose text is unknown (secrets, references, unreadable, huge: see largeViolations).
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
    // Environments mostly hold a key's text alike: it is judged again only where it differs from the last one judged.
    const lastJudged = new Map<string, { text: string; problems: string[] }>();
    for (const config of ctx.configs) {
      for (const key of keys) {
        const entry = config.entries.get(key);
        const value = entry?.value;
        const text = value && judgedText(value);
        if (!entry || !value || (text === undefined && value.kind !== 'large' && value.kind !== 'opaque') || autoscalerOwns(config, key))
          continue;
        const spec = ctx.spec(key);
        // A required key left blank is `missing`, not also a value its type refuses.
        if (spec && blankReportedMissing(key, spec, config, entry)) continue;
        const type = declaredType(key, spec);
        let judged: LargeJudgement;
        if (value.kind === 'large') judged = largeViolations(value, type, spec, expectedValue(spec, config.environment));
        else if (value.kind === 'opaque') {
          const unread = opaqueUnjudged(spec, expectedValue(spec, config.environment));
          if (!unread) continue;
          judged = unread;
        } else {
          let b = bounds.get(key);
          if (b === undefined && spec) bounds.set(key, (b = boundsOf(type, spec)));
          let last = lastJudged.get(key);
          if (last === undefined || last.text !== text)
            lastJudged.set(key, (last = { text: text!, problems: violations(text!, type, spec, b) }));
          judged = { problems: last.problems };
        }
        if (!judged.problems.length && !judged.unjudged) continue;
        const draft = {
          kind: 'constraint' as const,
          environment: config.environment,
          key,
          actual: displayValue(value),
          source: entrySource(config, entry),
          owner: spec?.owner,
        };
        const shown = `${key} is ${shownWithUnit(value, type)} in ${config.environment}`;
        if (judged.problems.length)
          out.push(ctx.make({ ...draft, severity: spec?.severity, subject: key, message: `${shown}: ${judged.problems.join('; ')}` }));
        // Never passed unseen. A note, not a violation: its own subject, so a violation found later is another finding.
        if (judged.unjudged)
          out.push(ctx.make({ ...draft, severity: 'info', subject: `${key}\u0000unjudged`, message: `${shown}: ${judged.unjudged}` }));
      }
    }
    return out;
  },
};
