import type { Estate } from '../estate/model';
import { kindOf } from '../kinds';
import type { Finding } from '../model';
import { parseRule } from '../rules/parse-rule';

/**
 * The rule findings of `env` that read one of the adopted keys: adopting writes what runs into the
 * baseline but changes no value a rule judges, so each still fails on the next audit. In the order
 * of the estate's rules, one each.
 */
export function rulesStillFailing(estate: Estate, findings: readonly Finding[], env: string, keys: readonly string[]): Finding[] {
  const adopted = new Set(keys);
  return estate.baseline.rules.flatMap((rule) => {
    const parsed = parseRule(rule.assert);
    if (!parsed.ok || !parsed.rule.keys.some((k) => adopted.has(k))) return [];
    const failing = findings.find((f) => kindOf(f.kind).subject === 'rule' && f.rule === rule.name && f.environment === env);
    return failing ? [failing] : [];
  });
}
