import { declaredType } from '../engine/equality';
import type { EffectiveConfig } from '../engine/effective-config';
import type { Finding } from '../model';
import { evaluateRule, type RuleInput } from '../rules/evaluate-rule';
import { parseRule } from '../rules/parse-rule';
import type { Check, CheckContext } from './check-context';

function inputFor(ctx: CheckContext, config: EffectiveConfig, key: string): RuleInput {
  const entry = config.entries.get(key);
  if (!entry) return { present: false };
  if (entry.value.kind === 'secret') return { present: true, text: '', secret: true };
  // A value that cannot be read in full cannot be judged: the rule is skipped, not failed.
  if (entry.value.kind !== 'text') return { present: false };
  return { present: true, text: entry.value.text, type: declaredType(key, ctx.spec(key)) };
}

// Rules are parsed when the estate loads; keep one parse per expression rather than one per audit.
const parsedRules = new Map<string, ReturnType<typeof parseRule>>();
const compiled = (assert: string): ReturnType<typeof parseRule> => {
  let r = parsedRules.get(assert);
  if (!r) parsedRules.set(assert, (r = parseRule(assert)));
  return r;
};

/** `rule`: a cross-key rule is false in an environment (skipped where its keys are absent). */
export const ruleCheck: Check = {
  id: 'rule',
  run(ctx) {
    const out: Finding[] = [];
    for (const rule of ctx.estate.baseline.rules) {
      const parsed = compiled(rule.assert);
      if (!parsed.ok) continue; // the estate loader already refused it
      for (const config of ctx.configs) {
        if (rule.environments && !rule.environments.includes(config.environment)) continue;
        const outcome = evaluateRule(parsed.rule, (key) => inputFor(ctx, config, key));
        if (outcome.result === 'pass') continue;
        if (outcome.result === 'skipped') {
          ctx.stats.rulesSkipped++;
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
    }
    return out;
  },
};
