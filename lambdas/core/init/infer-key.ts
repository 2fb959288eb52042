import { isRuntimeKey, looksSecret } from '../keys';
import { declaredType, identity } from '../engine/equality';
import { cut, sanitize, visibleValue, type Value } from '../values/value';
import type { ValueType } from '../values/types';
import { perEnvironmentReason, type EnvironmentFacts } from './environmental';
import { inferKeyType } from './infer-type';
import { groupKeys } from '../checks/parity';
import type { ParityGroup } from '../estate/model';

// Words of a canonical key that name key material (api.key, sentry.dsn): whole words, so access.log.path or
// author.name, secret only by their source, stay configuration whose differing values are drift to review.
const KEY_MATERIAL_WORDS: ReadonlySet<string> = new Set([
  'key',
  'keys',
  'dsn',
  'auth',
  'cred',
  'creds',
  'credential',
  'credentials',
  'salt',
  'pem',
  'cert',
]);

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
  /** For `differs`: no parity group compares two environments that differ, so the audit reports nothing. */
  uncompared?: boolean;
  comment: string;
}

const SHOWN_CHARS = 24;

/** The comment on a key every environment agreed on (`same in every environment`); adopt drops it once one has its own value. */
const sameIn = (where: string, secret: boolean): string => `${secret ? 'a secret, ' : ''}same in ${where}`;
export const saysSameIn = (comment: string): boolean => /^(?:a secret, )?same in /.test(comment);
/** The comment on a key whose environments differed (`differs: staging 10, prod 12`); adopt --everywhere drops it, as the key then expects one value. */
export const saysDiffers = (comment: string): boolean => /^differs: /.test(comment);

/** A value as a comment may show it: plain text cut short; a secret, masked or huge value by its nature only. */
function shown(v: Value | undefined): string {
  if (!v) return '(not set)';
  // An empty or blank value quoted (`""`), as the audit shows it: the comment's `staging , prod false` hid it.
  if (v.kind === 'text') {
    const text = sanitize(cut(v.text, SHOWN_CHARS));
    return /^\s*$/.test(text) ? visibleValue(text) : text.replace(/\s+/g, ' ');
  }
  if (v.kind === 'opaque' && v.secret !== true) return '(unknown)';
  return v.kind === 'large' ? '(large)' : v.kind === 'ref' ? '(reference)' : '(secret)';
}

const isSecret = (key: string, values: readonly Value[]): boolean =>
  looksSecret(key) || values.some((v) => v.kind === 'secret' || (v.kind === 'opaque' && v.secret === true));

/**
 * Whether an environment that lacks the key shares a parity group (one that compares the key) with
 * an environment that sets it: then the absence is drift between environments that must agree.
 */
function partneredAbsence(key: string, parity: readonly ParityGroup[], setIn: ReadonlySet<string>): (env: string) => boolean {
  const comparing = parity.filter((g) => groupKeys(g)(key) && g.environments.some((e) => setIn.has(e)));
  return (env) => comparing.some((g) => g.environments.includes(env));
}

/** Whether a parity group that compares the key holds two of the known environments that differ on it (absence counts). */
function comparedByParity(key: string, parity: readonly ParityGroup[], known: readonly KeyCell[], type: ValueType | undefined): boolean {
  return parity.some((g) => {
    if (!groupKeys(g)(key)) return false;
    const inGroup = known.filter((c) => g.environments.includes(c.env.name));
    if (!inGroup.some((c) => c.value !== undefined)) return false;
    return new Set(inGroup.map((c) => (c.value === undefined ? null : identity(c.value, type ?? declaredType(key, undefined))))).size > 1;
  });
}

/**
 * Declares one key from what every environment runs: typed from its values; secret where any value
 * is. Init invents no drift: `required` only where every environment has the key, an expected value
 * only where the environments that have it agree. An absence is left to be reported only where it
 * is drift: between two environments of a parity group (as parity, or as `missing` for a
 * per-environment key, which parity does not compare); an environment outside every group that
 * lacks a key (dev without payments) is no finding. Per-environment where the values differ by
 * design; else no value, so today's differences surface as parity findings to review.
 */
export function inferKey(key: string, cells: readonly KeyCell[], parity: readonly ParityGroup[] = []): KeyProposal {
  const present = cells.filter((c): c is KeyCell & { value: Value } => c.value !== undefined);
  const known = cells.filter((c) => c.value !== undefined || !c.unknown);
  const values = present.map((c) => c.value);
  const secret = isSecret(key, values);
  const texts = values.flatMap((v) => (v.kind === 'text' ? [v.text] : []));
  const type = secret || texts.length !== values.length ? undefined : inferKeyType(key, texts);
  const majority = present.length * 2 > known.length;
  const absentFrom = known.filter((c) => c.value === undefined).map((c) => c.env.name);
  const partnered = partneredAbsence(key, parity, new Set(present.map((c) => c.env.name)));
  const absenceIsDrift = absentFrom.some(partnered);
  // A runtime key is never `missing` (a source that cannot observe it leaves it unknown): nothing to require.
  const requiredField = (perEnvironment: boolean) =>
    !isRuntimeKey(key) && (absentFrom.length === 0 || (perEnvironment && absentFrom.every(partnered))) ? { required: true } : {};
  const ids = new Set(values.map((v) => identity(v, type ?? declaredType(key, undefined))));
  const agree = ids.size === 1 && !ids.has(undefined);
  const base = { key, ...(type ? { type } : {}), ...(secret ? { secret: true } : {}) };
  const absence = absentFrom.length ? `; not set in ${absentFrom.join(', ')}` : '';

  const where = present.length === cells.length ? 'every environment' : present.map((c) => c.env.name).join(', ');
  if (agree && majority && !absenceIsDrift && !secret && texts.length === values.length) {
    // An expected value implies `required`: where some environment lacks the key, say it is not.
    const notRequired = absentFrom.length ? { required: false } : {};
    return { ...base, value: texts[0] as string, ...notRequired, verdict: 'agrees', comment: `${sameIn(where, false)}${absence}` };
  }
  // A secret or a huge value that agrees: nothing to write but that it must be there.
  if (agree && majority && !absenceIsDrift) {
    return { ...base, ...requiredField(false), verdict: 'agrees', comment: `${sameIn(where, secret)}${absence}` };
  }
  // A credential differs by design. A secret only by its source (an SSM parameter an ECS task takes
  // through `secrets`, a Secret's DB_TIMEOUT) under a name that says no credential is configuration
  // like any other: its values differing is drift to review (parity, by fingerprint), not a design.
  const credential = secret && (looksSecret(key) || key.split('.').some((word) => KEY_MATERIAL_WORDS.has(word)));
  const reason = credential ? 'a secret: credentials are per environment' : perEnvironmentReason(key, present);
  if (reason) {
    return {
      ...base,
      perEnvironment: true,
      ...requiredField(true),
      verdict: 'per-environment',
      comment: `per environment: ${reason}${absence}`,
    };
  }
  const listed = cells.filter((c) => c.value !== undefined || !c.unknown).map((c) => `${c.env.name} ${shown(c.value)}`);
  const comment = `differs: ${listed.join(', ')}`;
  // Without an expected value only parity reports the difference: say so where no group compares it.
  if (comparedByParity(key, parity, known, type)) return { ...base, ...requiredField(false), verdict: 'differs', comment };
  return {
    ...base,
    ...requiredField(false),
    verdict: 'differs',
    uncompared: true,
    comment: `${comment}; no parity group compares them, so no finding`,
  };
}
