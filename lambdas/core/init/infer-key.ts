import { isRuntimeKey, looksSecret } from '../keys';
import { declaredType, identity } from '../engine/equality';
import { cut, sanitize, type Value } from '../values/value';
import type { ValueType } from '../values/types';
import { perEnvironmentReason, type EnvironmentFacts } from './environmental';
import { inferKeyType } from './infer-type';

/** What one environment says about a key: its value, absent, or unknown (a source of it failed). */
export interface KeyCell {
  env: EnvironmentFacts;
  value: Value | undefined;
  /** A source failed there: an absence says nothing. */
  unknown?: boolean;
}

/** How init judged a key across the environments. */
export type Verdict = 'agrees' | 'per-environment' | 'differs';

/** A key as init proposes to declare it, with the reason in one line. */
export interface KeyProposal {
  key: string;
  type?: ValueType;
  value?: string;
  perEnvironment?: boolean;
  required?: boolean;
  secret?: boolean;
  verdict: Verdict;
  comment: string;
}

const SHOWN_CHARS = 24;

/** A value as a comment may show it: plain text cut short; a secret, masked or huge value by its nature only. */
function shown(v: Value | undefined): string {
  if (!v) return '(not set)';
  if (v.kind === 'text') return sanitize(cut(v.text, SHOWN_CHARS)).replace(/\s+/g, ' ');
  return v.kind === 'large' ? '(large)' : v.kind === 'ref' ? '(reference)' : '(secret)';
}

const isSecret = (key: string, values: readonly Value[]): boolean =>
  looksSecret(key) || values.some((v) => v.kind === 'secret' || v.kind === 'opaque');

/**
 * Declares one key from what every environment runs: typed from its values; secret where any value
 * is; required where most environments have it; an expected value only where every environment
 * agrees (so the first audit has no mismatch); per-environment where the values differ by design;
 * else no value, so today's differences surface as parity findings to review.
 */
export function inferKey(key: string, cells: readonly KeyCell[]): KeyProposal {
  const present = cells.filter((c): c is KeyCell & { value: Value } => c.value !== undefined);
  const known = cells.filter((c) => c.value !== undefined || !c.unknown);
  const values = present.map((c) => c.value);
  const secret = isSecret(key, values);
  const texts = values.flatMap((v) => (v.kind === 'text' ? [v.text] : []));
  const type = secret || texts.length !== values.length ? undefined : inferKeyType(key, texts);
  const required = present.length * 2 > known.length;
  // A runtime key is never `missing` (a source that cannot observe it leaves it unknown): nothing to require.
  const requiredField = required && !isRuntimeKey(key) ? { required: true } : {};
  const ids = new Set(values.map((v) => identity(v, type ?? declaredType(key, undefined))));
  const agree = ids.size === 1 && !ids.has(undefined);
  const base = { key, ...(type ? { type } : {}), ...(secret ? { secret: true } : {}) };
  const absentFrom = known.filter((c) => c.value === undefined).map((c) => c.env.name);
  const absence = absentFrom.length ? `; not set in ${absentFrom.join(', ')}` : '';

  const where = present.length === cells.length ? 'every environment' : present.map((c) => c.env.name).join(', ');
  if (agree && required && !secret && texts.length === values.length) {
    return { ...base, value: texts[0] as string, verdict: 'agrees', comment: `same in ${where}${absence}` };
  }
  // A secret or a huge value that agrees: nothing to write but that it must be there.
  if (agree && required) {
    return { ...base, ...requiredField, verdict: 'agrees', comment: `${secret ? 'a secret, ' : ''}same in ${where}${absence}` };
  }
  const reason = secret ? 'a secret: credentials are per environment' : perEnvironmentReason(key, present);
  if (reason) {
    return { ...base, perEnvironment: true, ...requiredField, verdict: 'per-environment', comment: `per environment: ${reason}${absence}` };
  }
  const listed = cells.filter((c) => c.value !== undefined || !c.unknown).map((c) => `${c.env.name} ${shown(c.value)}`);
  return { ...base, ...requiredField, verdict: 'differs', comment: `differs: ${listed.join(', ')}` };
}
