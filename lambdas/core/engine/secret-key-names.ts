import type { Fingerprinter } from '../fingerprint';
import { canonicalKey } from '../keys';
import type { DanglingRef, EnvironmentSnapshot, MountRead, ObjectConsumer, Observation, SourceSnapshot, WorkloadRuntime } from '../model';
import { hasTokenRun, hiddenText, judged, mayHoldSecretParts, replaced, secretParts, shownFor } from '../values/hidden-names';
import type { NameVerdicts } from '../sources/interner';
import { ENV_FROM, KEY_REF } from '../sources/k8s-locations';
import { SOURCE_KINDS } from '../source-kinds/registry';
import { plainObservation } from '../sources/observations';
import { asSecret } from './secret-references';

export { hiddenText };

/** The canonical key with each part's canonical spelling replaced; the whole key when a part cannot be found in it. */
export function hiddenKey(key: string, parts: ReadonlyMap<string, string>): string {
  let out = key;
  for (const [part, shown] of parts) {
    const spelt = canonicalKey(part);
    const shownKey = canonicalKey(shown);
    out = spelt !== '' && out.includes(spelt) ? out.split(spelt).join(shownKey) : shownKey;
  }
  return out;
}

/**
 * A location naming a ConfigMap or Secret key (`… env CLIENT (ConfigMap shop/clients key CLIENT_ghp_…)`,
 * `ConfigMap shop/clients ghp_… (envFrom prefix APP1_)`) with that key spelt hidden on its own: an
 * ordinary variable may read it, and a prefix may join it into a name the rules cannot cut it out of.
 * `envFromKey`: the object's key so hidden, where the location is an envFrom's.
 */
function objectKeyHidden(location: string, fp: Fingerprinter, verdicts: NameVerdicts): { location: string; envFromKey?: string } {
  if (!location.endsWith(')') || !hasTokenRun(location)) return { location };
  const ref = KEY_REF.exec(location);
  const fromObject = ref ? undefined : ENV_FROM.exec(location);
  const key = ref?.[9] ?? fromObject?.[4];
  if (key === undefined) return { location };
  const hidden = hiddenText(key, fp, verdicts);
  if (hidden === key) return { location };
  if (ref) return { location: `${location.slice(0, -key.length - 1)}${hidden})` };
  const [, kind, ns, name] = fromObject as unknown as [string, string, string, string];
  const head = `${kind} ${ns}/${name} `;
  return { location: `${head}${hidden}${location.slice(head.length + key.length)}`, envFromKey: key };
}

/**
 * Through envFrom a variable is the prefix and the object's key joined (`APP_` and `AKIA…`): where the
 * rules find a credential in the key alone but not in the joined name (an access key id's rule wants it
 * alone, `\bAKIA…\b`), the key's credential is the name's, spelt hidden as a recording spells it.
 */
function envFromParts(o: Observation, key: string, fp: Fingerprinter, verdicts: NameVerdicts): Map<string, string> | undefined {
  return key !== o.rawKey && o.rawKey.endsWith(key) ? judged(key, fp, verdicts) : undefined;
}

function hiddenObservation(o: Observation, fp: Fingerprinter, verdicts: NameVerdicts, readsObjects: boolean): Observation {
  // Only kinds that read ConfigMaps and Secrets write such locations; others' are not made just to look.
  const object = readsObjects ? objectKeyHidden(o.origin.location, fp, verdicts) : undefined;
  const location = object?.location;
  const parts =
    judged(o.rawKey, fp, verdicts) ?? (object?.envFromKey !== undefined ? envFromParts(o, object.envFromKey, fp, verdicts) : undefined);
  if (!parts) {
    if (location === undefined || location === o.origin.location) return o;
    // Its value is held under a credential's name, a secret as it is to a reader through envFrom.
    const plain = plainObservation(o);
    return { ...plain, value: asSecret(plain.value, fp), origin: { ...plain.origin, location } };
  }
  const plain = plainObservation(o);
  const origin = { ...plain.origin, location: replaced(location ?? plain.origin.location, parts) };
  // Its value is a secret too: the hidden name says so (`secret_…`) wherever it is read again (a
  // recording, the task-definition cache), so it is one from the first read.
  const value = asSecret(plain.value, fp);
  return { ...plain, key: hiddenKey(plain.key, parts), rawKey: replaced(plain.rawKey, parts), value, origin };
}

/**
 * An observation whose reference (ECS `secrets.valueFrom`) names a parameter whose name holds a
 * credential, with the name spelt as that parameter's snapshot spells it: printed wherever the
 * reference is, and resolved against the hidden name, which it must equal.
 */
function referenceHidden(o: Observation, fp: Fingerprinter, verdicts: NameVerdicts): Observation {
  const ref = o.ref && { ...o.ref, target: hiddenText(o.ref.target, fp, verdicts) };
  const value = o.value.kind === 'ref' ? { ...o.value, target: hiddenText(o.value.target, fp, verdicts) } : o.value;
  const refChanged = ref !== undefined && ref.target !== o.ref!.target;
  const valueChanged = value !== o.value && value.kind === 'ref' && o.value.kind === 'ref' && value.target !== o.value.target;
  if (!refChanged && !valueChanged) return o;
  return { ...plainObservation(o), ...(refChanged ? { ref } : {}), ...(valueChanged ? { value } : {}) };
}

function hiddenDangling(d: DanglingRef, fp: Fingerprinter, verdicts: NameVerdicts): DanglingRef {
  const parts = judged(d.key, fp, verdicts);
  // What it points at is a name too (a ConfigMap's key, an SSM parameter), printed in its message.
  const target = hiddenText(d.target, fp, verdicts);
  const detail = hiddenText(d.detail, fp, verdicts);
  if (!parts && target === d.target && detail === d.detail) return d;
  const location = parts ? replaced(d.origin.location, parts) : d.origin.location;
  return { ...d, key: parts ? hiddenKey(d.key, parts) : d.key, target, detail, origin: { ...d.origin, location } };
}

/** A subPath mount with a credential in the ConfigMap or Secret key it copies (and so in its file's path) hidden. */
function hiddenMount(m: MountRead, fp: Fingerprinter, verdicts: NameVerdicts): MountRead {
  const key = m.key === undefined ? undefined : hiddenText(m.key, fp, verdicts);
  const mountPath = hiddenText(m.mountPath, fp, verdicts);
  const object = hiddenText(m.object, fp, verdicts);
  if (key === m.key && mountPath === m.mountPath && object === m.object) return m;
  return { ...m, object, mountPath, ...(key !== undefined ? { key } : {}) };
}

/** Another reader of the source's objects, with the key it reads spelt as the locations of the values read from it are: revert matches the two. */
function hiddenConsumer(c: ObjectConsumer, fp: Fingerprinter, verdicts: NameVerdicts): ObjectConsumer {
  const key = c.key === undefined ? undefined : hiddenText(c.key, fp, verdicts);
  return key === c.key ? c : { ...c, key };
}

/**
 * The workload's units with the keys they read spelt as `renamed` says, and its mounts' names hidden
 * (printed in stale-runtime's message and stored with the snapshot); the same object when nothing changed.
 */
function runtimeHidden(
  runtime: WorkloadRuntime,
  renamed: ReadonlyMap<string, string>,
  fp: Fingerprinter,
  verdicts: NameVerdicts,
): WorkloadRuntime {
  const mounts = runtime.mounts?.map((m) => hiddenMount(m, fp, verdicts));
  const mountsChanged = mounts !== undefined && mounts.some((m, i) => m !== runtime.mounts![i]);
  if (!renamed.size && !mountsChanged) return runtime;
  return {
    ...runtime,
    units: renamed.size ? runtime.units.map((u) => ({ ...u, reads: u.reads.map((key) => renamed.get(key) ?? key) })) : runtime.units,
    ...(mountsChanged ? { mounts } : {}),
  };
}

/** The source with every key name holding a credential fingerprinted in place; the same object when none does. */
function hiddenSource(s: SourceSnapshot, fp: Fingerprinter, verdicts: NameVerdicts): SourceSnapshot {
  let observations: Observation[] | undefined;
  const renamed = new Map<string, string>();
  // The credentials found in its names, as each is shown: an error may spell a name (a YAML key written twice), and a
  // token holding `.` (a JWT) is no single word of it.
  const shownParts = new Map<string, string>();
  const readsObjects = SOURCE_KINDS[s.source.type].readsObjects === true;
  const read = s.observations;
  for (let i = 0; i < read.length; i++) {
    const o = read[i]!;
    // Most names could hold no credential and read no reference: nothing to hide, and no need to judge them.
    if (!readsObjects && !o.ref && o.value.kind !== 'ref' && !mayHoldSecretParts(o.rawKey)) continue;
    const hidden = referenceHidden(hiddenObservation(o, fp, verdicts, readsObjects), fp, verdicts);
    if (hidden === o) continue;
    if (s.errors.length > 0) for (const [part, shown] of judged(o.rawKey, fp, verdicts) ?? []) shownParts.set(part, shown);
    (observations ??= read.slice())[i] = hidden;
    if (hidden.key !== o.key) renamed.set(o.key, hidden.key);
  }
  // The keys its tasks or pods read are its observations' keys: spelt as they are now, or stale-runtime would not find them.
  const runtime = s.runtime && runtimeHidden(s.runtime, renamed, fp, verdicts);
  const dangling = s.dangling.map((d) => hiddenDangling(d, fp, verdicts));
  const danglingChanged = dangling.some((d, i) => d !== s.dangling[i]);
  // A targeted read's places are the locations of what it read: spelt as its observations' are, or they would not match.
  const locations = s.partial?.locations.map((l) => hiddenText(l, fp, verdicts));
  const partialChanged = locations !== undefined && locations.some((l, i) => l !== s.partial!.locations[i]);
  // An error may name what it could not read (`/prod/tokens/ghp_…: LastModifiedDate is not a date`).
  const errors = s.errors.map((e) => hiddenMessage(shownParts.size ? replaced(e, shownParts) : e, fp, verdicts));
  const errorsChanged = errors.some((e, i) => e !== s.errors[i]);
  const consumers = s.consumers?.map((c) => hiddenConsumer(c, fp, verdicts));
  const consumersChanged = consumers !== undefined && consumers.some((c, i) => c !== s.consumers![i]);
  if (!observations && runtime === s.runtime && !danglingChanged && !partialChanged && !errorsChanged && !consumersChanged) return s;
  return {
    ...s,
    ...(consumersChanged ? { consumers } : {}),
    ...(errorsChanged ? { errors } : {}),
    ...(observations ? { observations } : {}),
    ...(runtime !== s.runtime ? { runtime } : {}),
    ...(danglingChanged ? { dangling } : {}),
    ...(partialChanged ? { partial: { ...s.partial!, locations: locations! } } : {}),
  };
}

// What separates the words of a message: a name in it is one word, its path parts too.
const MESSAGE_WORDS = /([\s./:,;"'()=<>[\]{}]+)/;

/** A message with each word that is a credential shown as a hidden name's part is (`secret_1a2b3c4d`). */
function hiddenMessage(message: string, fp: Fingerprinter, verdicts: NameVerdicts): string {
  if (!hasTokenRun(message)) return message;
  const words = message.split(MESSAGE_WORDS);
  let changed = false;
  for (let i = 0; i < words.length; i += 2) {
    const word = words[i]!;
    if (!hasTokenRun(word) || secretParts(word, verdicts).length === 0) continue;
    words[i] = shownFor(word, fp);
    changed = true;
  }
  return changed ? words.join('') : message;
}

/**
 * The snapshot with every key name that holds a credential (a token used as a map's key, an access
 * key id pasted as a variable's name) fingerprinted in place, in its key, spelling and location:
 * a name is printed, sent and stored wherever its value is, so a secret there is not hidden by
 * anything that hides values. Their values are made secret as well.
 */
export function secretKeyNamesHidden(
  snapshot: EnvironmentSnapshot,
  fp: Fingerprinter,
  /** Kept from one environment to the next of a run (Interner.nameVerdicts): a name is put to the rules once. */
  verdicts: NameVerdicts = new Map(),
): EnvironmentSnapshot {
  const sources = snapshot.sources.map((s) => hiddenSource(s, fp, verdicts));
  return sources.some((s, i) => s !== snapshot.sources[i]) ? { ...snapshot, sources } : snapshot;
}
