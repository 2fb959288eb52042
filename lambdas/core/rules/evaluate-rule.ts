import type { ValueType } from '../values/types';
import { evaluateNode } from './evaluate-node';
import { explainFailure } from './explain-rule';
import { describeType, formatRuleValue } from './format-quantity';
import { readKeyValue } from './quantity';
import type { CompiledRule, RuleValue } from './rule-ast';

/**
 * What the environment holds for one key; `type` is the baseline's declared type. `unreadable` says
 * why a value that is there cannot be read (kept only as a digest, say): the rule cannot be judged.
 */
export type RuleInput = { present: false } | { present: true; text: string; type?: ValueType; secret?: boolean; unreadable?: string };

export type RuleOutcome =
  { result: 'pass' } | { result: 'fail'; detail: string } | { result: 'skipped'; missing: string[] } | { result: 'error'; error: string };

// A bare number in an undeclared key is a plain number, which is the usual cause of "cannot compare
// a number with a duration": say which keys to declare.
function undeclaredNumberHint(keys: string[], inputs: Map<string, RuleInput>, env: Map<string, RuleValue>): string {
  const bare = keys.filter((k) => {
    const input = inputs.get(k);
    return input?.present && input.type === undefined && env.get(k)?.type === 'number';
  });
  if (bare.length === 0) return '';
  return (
    ` (${bare.join(', ')} ${bare.length === 1 ? 'has' : 'have'} no declared type, so a bare number there is a ` +
    'plain number: declare its type, e.g. duration, in the baseline)'
  );
}

/** Judges a compiled rule against one environment's values. */
export function evaluateRule(rule: CompiledRule, lookup: (key: string) => RuleInput): RuleOutcome {
  const inputs = new Map(rule.keys.map((k) => [k, lookup(k)] as const));
  // Checked before absence: a rule over a secret can never be judged, wherever it runs.
  const secret = rule.keys.find((k) => {
    const input = inputs.get(k);
    return input?.present && input.secret;
  });
  if (secret) return { result: 'error', error: `${secret} is a secret: rules cannot read secrets, drift never holds their plain text` };
  const missing = rule.keys.filter((k) => !inputs.get(k)?.present);
  if (missing.length > 0) return { result: 'skipped', missing };
  // Present, so never skipped as absent: said as what it is.
  for (const input of inputs.values()) if (input.present && input.unreadable) return { result: 'error', error: input.unreadable };

  const env = new Map<string, RuleValue>();
  for (const [key, input] of inputs) {
    if (!input.present) continue;
    const read = readKeyValue(key, input.text, input.type);
    if (!read.ok) return { result: 'error', error: read.error };
    env.set(key, read.value);
  }
  const r = evaluateNode(rule.ast, env);
  if (!r.ok) return { result: 'error', error: r.error + (r.mixed ? undeclaredNumberHint(rule.keys, inputs, env) : '') };
  if (r.value.type !== 'bool') {
    return {
      result: 'error',
      error: `a rule must be true or false, but this one gives ${formatRuleValue(r.value)} (${describeType(r.value.type)})`,
    };
  }
  return r.value.value ? { result: 'pass' } : { result: 'fail', detail: explainFailure(rule.ast, env) };
}
