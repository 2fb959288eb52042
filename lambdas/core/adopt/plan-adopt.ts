import { admission, type Widening } from './admission';
import { environmentValue, expectedValue } from '../checks/check-context';
import { declaredType } from '../engine/equality';
import { comparedIdentities } from '../engine/expected-identity';
import { inferType, type ValueType } from '../values/types';
import { failedOver, originOf, type EffectiveConfig } from '../engine/effective-config';
import { failedLabels, unknownUnderFailed } from '../engine/failed-override-note';
import type { Estate } from '../estate/model';
import { displayValue, shownExpected, textValue, visibleValue, type Value } from '../values/value';
import { adoptableValue } from './adoptable-value';
import { adoptedScope, excusesNothing, type Judged } from './excused-by-adoption';

/** How runtime values become expected ones. */
export interface AdoptOptions {
  /** Write the value even where it is outside the key's bounds, widening them (`min`, `max`, `enum`) to admit it. */
  force?: boolean;
  /** The value is excused, not expected: the key's constraints still judge it, nothing needs to admit it. */
  exception?: boolean;
  /** Leave out keys whose running value is already what the baseline expects in the environment. */
  skipExpected?: boolean;
  /** The value is adopted as `value`, for every environment: already expected only where `value` is the running one too. */
  everywhere?: boolean;
  /** Today (UTC, YYYY-MM-DD): a key retired before it keeps its `retired` finding whatever value is expected. */
  today?: string;
  /** With `exception`: what the audit judged and how long the exception lasts, so one that would excuse nothing is refused. */
  excusing?: { judged: Judged; expires?: string; permanent?: boolean };
}

/** One key to adopt, as the baseline will have it. */
export interface Adoption {
  environment: string;
  key: string;
  /** The text to write: the value, or a secret's fingerprint marker. */
  text: string;
  secret: boolean;
  /** The key compares as a number: the text is written unquoted, as such a key's numbers are (`0.70`; quoted, it would be text). */
  asNumber?: true;
  /** How people see the new value (a secret as `<secret:1a2b3c4d>`). */
  shown: string;
  /** The expected value before, as shown; undefined when there was none. */
  before?: string;
  declared: boolean;
  /** The baseline sets this environment's own expected value (`values.<environment>`). */
  environmentValue: boolean;
  /** Bounds widened to admit the value (with --force): the key's new `min`, `max`, or an option added to its `enum`. */
  widen?: Widening;
  /** Who changed it at runtime and when, where the winning source says. */
  modifiedBy?: string;
  modifiedAt?: string;
}

/** The adoptions, or why some keys cannot be adopted (nothing is written then). */
export type AdoptPlan = { ok: true; adoptions: Adoption[]; alreadyExpected: string[] } | { ok: false; problems: string[] };

/** Whether a running value is the expected one, as the mismatch check judges it (`60s` is `1m`). */
function sameAsExpected(expected: string, actual: Value, type: ValueType | undefined): boolean {
  const ids = comparedIdentities(expected, actual, type);
  return ids.expected !== undefined && ids.expected === ids.actual;
}

/** Plans adopting the running values of `keys` (canonical) in `config`'s environment into `estate`'s baseline. */
export function planAdopt(estate: Estate, config: EffectiveConfig, keys: readonly string[], opts: AdoptOptions = {}): AdoptPlan {
  const env = config.environment;
  const problems: string[] = [];
  const adoptions: Adoption[] = [];
  const alreadyExpected: string[] = [];
  for (const key of keys) {
    const entry = config.entries.get(key);
    if (!entry) {
      const unread = failedLabels(config);
      problems.push(
        `${key}: not set in ${env}${unread ? ` by the sources that could be read (${unread} could not)` : ''}, so there is no running value to adopt`,
      );
      continue;
    }
    // The value read comes from a layer that the failed source may override: it may not be what runs.
    const over = failedOver(config, entry);
    if (over) {
      problems.push(`${key}: ${unknownUnderFailed(config, entry, over, env, ` in ${env}`)}; adopt it once that source reads`);
      continue;
    }
    const adoptable = adoptableValue(entry.value);
    if (!adoptable.ok) {
      problems.push(`${key}: cannot be adopted from ${env}: ${adoptable.reason}`);
      continue;
    }
    const spec = estate.baseline.keys.get(key);
    // The retired check judges presence, not the value: an expected value written for it would settle nothing.
    if (!opts.exception && spec?.retired !== undefined && opts.today !== undefined && opts.today > spec.retired) {
      problems.push(
        `${key}: retired on ${spec.retired}, so ${env} setting it at all is the finding, and an expected value would not settle it: remove it from ${env}, postpone the retirement in the baseline, or adopt it --as exception`,
      );
      continue;
    }
    if (opts.exception && opts.excusing) {
      const { judged, ...term } = opts.excusing;
      const running = (e: string, k: string) => (e === env ? config.entries.get(k)?.value : undefined);
      const nothing = excusesNothing(estate, adoptedScope(env, key, adoptable), term, judged, running);
      if (nothing) {
        problems.push(`${key}: ${nothing}`);
        continue;
      }
    }
    const expected = expectedValue(spec, env);
    // Everywhere, `value` is written too: the environment's own `values.ENV` matching is not enough.
    const unchanged = [expected, ...(opts.everywhere ? [spec?.value] : [])];
    if (opts.skipExpected && unchanged.every((e) => e !== undefined && sameAsExpected(e, entry.value, declaredType(key, spec)))) {
      alreadyExpected.push(key);
      continue;
    }
    const judged = adoptable.secret || opts.exception ? undefined : admission(adoptable.text, declaredType(key, spec), spec);
    if (judged && !judged.ok) {
      problems.push(`${key}: ${visibleValue(displayValue(entry.value))} ${judged.problem}`);
      continue;
    }
    if (judged?.widen && !opts.force)
      problems.push(
        `${key}: ${visibleValue(displayValue(entry.value))} breaks the key's own constraints (${judged.broken}); --force adopts it and widens them`,
      );
    const origin = originOf(config, entry);
    const asNumber = !adoptable.secret && declaredType(key, spec) === 'number' && inferType(adoptable.text) === 'number';
    adoptions.push({
      environment: env,
      key,
      text: adoptable.text,
      secret: adoptable.secret,
      // What is written: a URL's hidden password is not, and people are told so.
      shown:
        entry.value.kind === 'masked'
          ? `${displayValue(textValue(adoptable.text))} (without its password)`
          : visibleValue(displayValue(entry.value)),
      before: expected === undefined ? undefined : shownExpected(expected),
      declared: spec !== undefined,
      environmentValue: environmentValue(spec, env) !== undefined,
      ...(judged?.widen ? { widen: judged.widen } : {}),
      ...(asNumber ? { asNumber } : {}),
      ...(origin.modifiedBy !== undefined ? { modifiedBy: origin.modifiedBy } : {}),
      ...(origin.modifiedAt !== undefined ? { modifiedAt: origin.modifiedAt } : {}),
    });
  }
  return problems.length ? { ok: false, problems } : { ok: true, adoptions, alreadyExpected };
}
