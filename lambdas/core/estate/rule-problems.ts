import { looksSecret } from '../keys';
import type { CompiledRule } from '../rules/rule-ast';
import { typeCheckRule } from '../rules/type-check-rule';
import { RUNTIME_KEYS, runtimeKeyType } from '../runtime-keys';
import { suggestion } from './did-you-mean';
import { holdsSecretLiteral } from './secret-literals';
import type { KeySpec } from './model';

/** A problem inside a rule's expression; `offset` is where in it, when the problem is one key. */
export interface RuleProblem {
  offset?: number;
  message: string;
  /** Worth saying, not worth refusing the estate for. */
  warning?: true;
}

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Where a key is written in the expression (keys in rules are written canonical). */
function offsetOf(expression: string, key: string): number | undefined {
  const m = new RegExp(`(?<![A-Za-z0-9_$.])${escape(key)}(?![A-Za-z0-9_$.])`).exec(expression);
  return m?.index;
}

/**
 * What the audit would trip on in a rule that parses, found from the baseline alone: keys it does
 * not declare (`runtime.*` are built in), keys that hold secrets, and types that cannot work
 * whatever the values (a duration plus a size). A key without a declared type is never a problem.
 */
export function ruleProblems(rule: CompiledRule, keys: ReadonlyMap<string, KeySpec>): RuleProblem[] {
  const out: RuleProblem[] = [];
  const undeclared = new Set<string>();
  let readsSecret = false;
  for (const key of rule.keys) {
    const offset = offsetOf(rule.expression, key);
    if (!keys.has(key) && runtimeKeyType(key) === undefined) {
      undeclared.add(key);
      const near = suggestion(key, [...keys.keys(), ...Object.keys(RUNTIME_KEYS)]);
      // Near a declared key it is a typo that would switch the rule off; otherwise a key the team
      // has not declared yet, which the rule reads untyped: said, not refused.
      if (near) out.push({ offset, message: `key ${key} is not declared in the baseline${near}` });
      else
        out.push({
          offset,
          warning: true,
          message: `key ${key} is not declared in the baseline: it is read untyped (declare it with its type to have the rule checked)`,
        });
    } else if (keys.get(key)?.secret || (looksSecret(key) && !keys.get(key)?.notSecret)) {
      readsSecret = true;
      out.push({ offset, message: `${key} is a secret: rules cannot read secrets, drift never holds their plain text` });
    }
  }
  // Refused already; a type problem would print the expression, and with it what the secret is compared with.
  if (readsSecret) return out;
  // Refused by position (secretLiteralProblems); a type problem would print the credential itself.
  if (holdsSecretLiteral(rule.ast)) return out;
  const declared = (key: string) => (undeclared.has(key) ? undefined : (keys.get(key)?.type ?? runtimeKeyType(key)));
  for (const p of typeCheckRule(rule.ast, declared)) out.push({ message: p.message });
  return out;
}
