import type { Finding, Observation } from '../model';
import type { FindingState, LifecycleEvent } from './model';
import { holdsSecretContent } from '../values/content-secrets';
import { kindOf } from '../kinds';
import { withValue } from '../sources/observations';
import { visibleRest } from '../values/masked';
import { isShownSecret, type Value } from '../values/value';

const HIDDEN = '<secret>';

const plainValues = (f: Finding): string[] => [
  ...(f.actual === undefined ? [] : [f.actual]),
  ...(f.expected === undefined ? [] : [f.expected]),
  ...Object.values(f.values ?? {}).filter((v): v is string => v !== null),
  ...(f.hidden ?? []).map((h) => h.value),
];

// A fingerprinted secret is kept as it is shown.
const hide = (v: string): string => (isShownSecret(v) ? v : HIDDEN);

// Judged without the parts drift hid in place (`<secret:…>`): those are fingerprints already, and a
// rule reading one as a setting's value (`"password": "<secret:…>"` in JSON text, an Oracle logon's
// `scott/<secret:…>@db`) would take a value this drift masked for one an earlier drift left plain.
const holdsPlainSecret = (text: string, key: string | undefined): boolean => holdsSecretContent(visibleRest(text), key);

/**
 * A stored finding as it may still be shown, reported or sent. One stored while its key was not yet
 * secret (declared `secret: true` since) or by a drift that did not judge content holds its values in
 * plain text: they, and the message that quotes them, are withheld; kind, key and scope stay.
 */
export function withoutStalePlainValues(f: Finding, isSecretKey: (key: string) => boolean): Finding {
  const values = plainValues(f).filter((v) => !isShownSecret(v));
  if (!values.length) return f;
  // A kind whose fields name other things (a dangling-ref's object) holds no value of the key: only a credential in them is withheld.
  const secretNow = kindOf(f.kind).holdsValues && f.key !== undefined && isSecretKey(f.key);
  if (!secretNow && !values.some((v) => holdsPlainSecret(v, f.key))) return f;
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

/** What a stored plain value of a key secret now is read as: there, unreadable, never shown. */
const WITHHELD: Value = { kind: 'opaque', reason: 'stored in plain text before the key became secret', secret: true };

/** What a stored plain value that holds a credential is read as (stored by a drift that did not judge its content). */
const WITHHELD_BY_CONTENT: Value = {
  kind: 'opaque',
  reason: 'stored in plain text by an earlier drift; its content is secret',
  secret: true,
};

/** The plain text a stored value shows, when it shows any: a text, a large value's preview, a masked value's parts. */
const plainText = (v: Value): string | undefined =>
  v.kind === 'text' || v.kind === 'masked' ? v.text : v.kind === 'large' ? v.preview : undefined;

/**
 * A stored snapshot's observations as they may be used now: the value of a key `isSecretKey` says is
 * secret, stored in plain text while it was not (declared `secret: true` since), or a plain value that
 * holds a credential by its content (stored by a drift that did not judge it), as withStalePlainValues
 * judges a stored finding's, is withheld as unreadable (compared with nothing, shown as unreadable);
 * fingerprints and other keys are kept.
 */
export function observationsWithoutStalePlainValues(observations: Observation[], isSecretKey: (key: string) => boolean): Observation[] {
  let out: Observation[] | undefined;
  observations.forEach((o, i) => {
    const text = plainText(o.value);
    if (text === undefined) return;
    if (isSecretKey(o.key)) (out ??= observations.slice())[i] = withValue(o, WITHHELD);
    else if (holdsPlainSecret(text, o.key)) (out ??= observations.slice())[i] = withValue(o, WITHHELD_BY_CONTENT);
  });
  return out ?? observations;
}
