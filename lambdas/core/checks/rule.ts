import { declaredType } from '../engine/equality';
import type { EffectiveConfig } from '../engine/effective-config';
import type { RuleSpec } from '../estate/model';
import { FINDING_KINDS } from '../kinds';
import type { Finding } from '../model';
import { atLeast, type Severity } from '../severity';
import { evaluateRule, type RuleInput } from '../rules/evaluate-rule';
import { parseRule } from '../rules/parse-rule';
import type { Value } from '../values/value';
import type { Check, CheckContext } from './check-context';

function inputFor(ctx: CheckContext, config: EffectiveConfig, key: string): RuleInput {
  const entry = config.entries.get(key);
  if (!entry) return { present: false };
  // A masked value (a URL with its password hidden) is as unreadable to arithmetic as a secret.
  if (entry.value.kind === 'secret' || entry.value.kind === 'masked') return { present: true, text: '', secret: true };
  if (entry.value.kind !== 'text') return { present: true, text: '', unreadable: unreadable(key, entry.value) };
  return { present: true, text: entry.value.text, type: declaredType(key, ctx.spec(key)) };
}

/** Why a value that is set cannot be read by a rule: it is there, so the rule is not skipped as if it were absent. */
function unreadable(key: string, value: Exclude<Value, { kind: 'text' | 'secret' | 'masked' }>): string {
  switch (value.kind) {
    case 'large':
      return `${key} is ${value.length} characters long, too long for a rule to read`;
    case 'opaque':
      return `${key} cannot be read (${value.reason})`;
    case 'ref':
      return `${key} is a reference to ${value.target}, which no source of the environment snapshots`;
  }
}

/** `payment.timeout is set nowhere` or `payment.timeout is missing in dev, staging`: what kept a rule from being judged. */
function absentKeys(keys: readonly string[], missing: ReadonlyMap<string, readonly string[]>, environments: number): string {
  return keys
    .flatMap((key) => {
      const where = missing.get(key) ?? [];
      if (!where.length) return [];
      return [where.length === environments ? `${key} is set nowhere` : `${key} is missing in ${where.join(', ')}`];
    })
    .join('; ');
}

/**
 * How severe a rule nobody could judge is: the estate has a rule that protects nothing, which is
 * worth fixing, but nothing is known to be violated, so it does not page or fail a CI gate at the
 * rule's own severity (`critical` is for the rule being false). Never above the rule's own.
 */
export const UNJUDGED_RULE_SEVERITY: Severity = 'low';

const unjudgedSeverity = (declared: Severity): Severity => (atLeast(declared, UNJUDGED_RULE_SEVERITY) ? UNJUDGED_RULE_SEVERITY : declared);

/**
 * A rule skipped in every environment it applies to is a finding of its own, estate-wide (no
 * environment, no group): a rule that is never judged protects nothing. Only when every such
 * environment was audited and read in full, or a partial run would claim what it did not see.
 */
function unjudged(
  ctx: CheckContext,
  rule: RuleSpec,
  keys: readonly string[],
  skipped: ReadonlyMap<string, readonly string[]>,
): Finding | undefined {
  const applies = ctx.estate.environments.map((e) => e.name).filter((e) => !rule.environments || rule.environments.includes(e));
  if (!applies.length || applies.some((e) => !skipped.has(e) || ctx.byEnvironment.get(e)?.failed.length)) return undefined;
  const missing = new Map<string, string[]>();
  for (const env of applies) for (const key of skipped.get(env) ?? []) missing.set(key, [...(missing.get(key) ?? []), env]);
  return ctx.make({
    kind: 'rule',
    severity: unjudgedSeverity(rule.severity ?? FINDING_KINDS.rule.severity),
    rule: rule.name,
    // Not the rule's name alone: the per-environment findings of the rule use that.
    subject: `${rule.name}\u0000unjudged`,
    expected: rule.assert,
    message: `rule ${rule.name} could not be judged in any environment: ${absentKeys(keys, missing, applies.length)}`,
  });
}

/** `rule`: a cross-key rule is false in an environment (skipped where its keys are absent; a finding when skipped everywhere). */
export const ruleCheck: Check = {
  id: 'rule',
  run(ctx) {
    const out: Finding[] = [];
    for (const rule of ctx.estate.baseline.rules) {
      // Parsed once per audit: tens of microseconds a rule, less than a memo kept across audits is worth.
      const parsed = parseRule(rule.assert);
      if (!parsed.ok) continue; // the estate loader already refused it
      const skipped = new Map<string, string[]>();
      for (const config of ctx.configs) {
        if (rule.environments && !rule.environments.includes(config.environment)) continue;
        const outcome = evaluateRule(parsed.rule, (key) => inputFor(ctx, config, key));
        if (outcome.result === 'pass') continue;
        if (outcome.result === 'skipped') {
          ctx.stats.rulesSkipped++;
          skipped.set(config.environment, outcome.missing);
          continue;
        }
        const detail = outcome.result === 'fail' ? outcome.detail : `cannot be evaluated: ${outcome.error}`;
        out.push(
          ctx.make({
            kind: 'rule',
            severity: rule.severity,
            environment: config.environment,
            rule: rule.name,
            subject: rule.name,
            expected: rule.assert,
            message: `rule ${rule.name} fails in ${config.environment}: ${detail}`,
          }),
        );
      }
      const everywhere = skipped.size ? unjudged(ctx, rule, parsed.rule.keys, skipped) : undefined;
      if (everywhere) out.push(everywhere);
    }
    return out;
  },
};
