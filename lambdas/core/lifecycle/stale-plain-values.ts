import type { Finding } from '../model';
import type { FindingState, LifecycleEvent } from './model';
import { holdsSecretContent } from '../values/content-secrets';
import { isShownSecret } from '../values/value';

const HIDDEN = '<secret>';

const plainValues = (f: Finding): string[] => [
  ...(f.actual === undefined ? [] : [f.actual]),
  ...(f.expected === undefined ? [] : [f.expected]),
  ...Object.values(f.values ?? {}).filter((v): v is string => v !== null),
  ...(f.hidden ?? []).map((h) => h.value),
];

// A fingerprinted secret is kept as it is shown.
const hide = (v: string): string => (isShownSecret(v) ? v : HIDDEN);

/**
 * A stored finding as it may still be shown, reported or sent. One stored while its key was not yet
 * secret (declared `secret: true` since) or by a drift that did not judge content holds its values in
 * plain text: they, and the message that quotes them, are withheld; kind, key and scope stay.
 */
export function withoutStalePlainValues(f: Finding, isSecretKey: (key: string) => boolean): Finding {
  const values = plainValues(f).filter((v) => !isShownSecret(v));
  if (!values.length) return f;
  const secretNow = f.key !== undefined && isSecretKey(f.key);
  if (!secretNow && !values.some((v) => holdsSecretContent(v, f.key))) return f;
  const out: Finding = {
    ...f,
    message: `${f.key ?? 'a value'}: its values were stored in plain text before drift knew them secret, and are not shown`,
  };
  if (f.actual !== undefined) out.actual = hide(f.actual);
  if (f.expected !== undefined) out.expected = hide(f.expected);
  if (f.values) out.values = Object.fromEntries(Object.entries(f.values).map(([env, v]) => [env, v === null ? null : hide(v)]));
  if (f.hidden) out.hidden = f.hidden.map((h) => ({ ...h, value: hide(h.value) }));
  return out;
}

/** A logged event as it may still be sent or shown: its finding without stale plain values (the same event when nothing is withheld). */
export function eventWithoutStalePlainValues(e: LifecycleEvent, isSecretKey: (key: string) => boolean): LifecycleEvent {
  const finding = withoutStalePlainValues(e.finding, isSecretKey);
  return finding === e.finding ? e : { ...e, finding };
}

/** A stored finding state as it may still be sent or shown (the same state when nothing is withheld). */
export function stateWithoutStalePlainValues(st: FindingState, isSecretKey: (key: string) => boolean): FindingState {
  const finding = withoutStalePlainValues(st.finding, isSecretKey);
  return finding === st.finding ? st : { ...st, finding };
}
