import { violations } from '../checks/constraint';
import type { KeySpec } from '../estate/model';
import type { ValueType } from '../values/types';

/** What a key's bounds become so an adopted value is admitted: the value as the new `min` or `max`, or a new `enum` option. */
export interface Widening {
  min?: string;
  max?: string;
  enum?: string;
}

/**
 * Whether a key's own constraints admit `text` as its expected value: yes; yes once its bounds are
 * widened (what `--force` does, since the estate refuses an expected value its own key rejects); or
 * never (a value of another type, or one its pattern rejects: no valid baseline can expect it).
 */
export function admission(
  text: string,
  type: ValueType | undefined,
  spec: KeySpec | undefined,
): { ok: true; widen?: Widening; broken?: string } | { ok: false; problem: string } {
  const typeOnly = violations(text, type, undefined);
  if (typeOnly.length) return { ok: false, problem: `is not of the key's type ${type}: ${typeOnly.join('; ')}` };
  if (!spec) return { ok: true };
  const only = (part: Partial<KeySpec>) => violations(text, type, { key: spec.key, perEnvironment: false, secret: false, ...part });
  const pattern = only({ pattern: spec.pattern });
  if (pattern.length) return { ok: false, problem: `${pattern.join('; ')}: no expected value can break it` };
  const widen: Widening = {
    ...(only({ min: spec.min }).length ? { min: text } : {}),
    ...(only({ max: spec.max }).length ? { max: text } : {}),
    ...(only({ enum: spec.enum }).length ? { enum: text } : {}),
  };
  const broken = violations(text, type, spec);
  return Object.keys(widen).length ? { ok: true, widen, broken: broken.join('; ') } : { ok: true };
}
