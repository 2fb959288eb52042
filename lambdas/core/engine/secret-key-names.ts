import type { Fingerprinter } from '../fingerprint';
import { canonicalKey } from '../keys';
import type { DanglingRef, EnvironmentSnapshot, MountRead, Observation, SourceSnapshot, WorkloadRuntime } from '../model';
import { secretInText } from '../values/content-secrets';
import type { NameVerdicts } from '../sources/interner';
import { plainObservation } from '../sources/observations';
import { asSecret } from './secret-references';

// A name is judged part by part along its path (a file's nesting, an SSM parameter's folders), so
// `clients.ghp_…` keeps `clients` readable (`clients.secret.1a2b3c4d`); a text naming one (a location,
// a dangling reference's target) word by word as well.
const PATH_SEPARATOR = /[./\s]/;

// A credential the rules find in a name is a random token, with a run of letters and digits this long;
// a name without one is not put to the rules (a million keys, most of them short words, cost 5 s more).
const TOKEN_RUN = 12;

/** Whether `text` has a run of TOKEN_RUN letters or digits. */
function hasTokenRun(text: string): boolean {
  let run = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const lower = c | 32;
    if ((c >= 48 && c <= 57) || (lower >= 97 && lower <= 122)) {
      if (++run >= TOKEN_RUN) return true;
    } else run = 0;
  }
  return false;
}

const NONE: readonly string[] = [];

// A word of a name around a credential (`CLIENTS_` in `CLIENTS_ghp_…`, `_OWNER` after it): letters of one
// case, shorter than a token's run. Taken off only while the rest is still a credential, so one setting
// is one key whether its source spells it as folders (`/clients/ghp_…`) or as one name (`CLIENTS_ghp_…`).
const LEADING_WORD = /^(?:[A-Z]{1,11}|[a-z]{1,11})[_.\-/]/;
const TRAILING_WORD = /[_.\-/](?:[A-Z]{1,11}|[a-z]{1,11})$/;

/** The credential in a secret `part`: the part without the ordinary words before and after it that the rules do not need. */
function narrowed(part: string): string {
  let text = part;
  for (let m = LEADING_WORD.exec(text); m && secretInText(text.slice(m[0].length)); m = LEADING_WORD.exec(text))
    text = text.slice(m[0].length);
  for (let m = TRAILING_WORD.exec(text); m && secretInText(text.slice(0, m.index)); m = TRAILING_WORD.exec(text))
    text = text.slice(0, m.index);
  return text;
}

/** The parts of a key's spelling that are credentials: each part of its path that is one, else the whole name, without ordinary words around it. */
function secretParts(rawKey: string, verdicts: NameVerdicts): readonly string[] {
  if (!hasTokenRun(rawKey)) return NONE;
  let parts = verdicts.get(rawKey);
  if (parts === undefined) {
    parts = NONE;
    if (secretInText(rawKey)) {
      const found = rawKey.split(PATH_SEPARATOR).filter((part) => part !== '' && secretInText(part));
      parts = (found.length ? found : [rawKey]).map(narrowed);
    }
    verdicts.set(rawKey, parts);
  }
  return parts;
}

/**
 * What stands for a credential in a name: `secret_` and its fingerprint's first 8 hex characters,
 * the same on every read. A name every recorded format takes (a dotenv file's, an SSM parameter's,
 * a container's variable), so a recording reads back; and a name that says secret, as its value is.
 */
const shownFor = (part: string, fp: Fingerprinter): string => `secret_${fp.fingerprint(part).slice(0, 8)}`;

/** `text` with each part replaced by what stands for it. */
const replaced = (text: string, parts: ReadonlyMap<string, string>): string => {
  let out = text;
  for (const [part, shown] of parts) out = out.split(part).join(shown);
  return out;
};

/** The canonical key with each part's canonical spelling replaced; the whole key when a part cannot be found in it. */
function hiddenKey(key: string, parts: ReadonlyMap<string, string>): string {
  let out = key;
  for (const [part, shown] of parts) {
    const spelt = canonicalKey(part);
    const shownKey = canonicalKey(shown);
    out = spelt !== '' && out.includes(spelt) ? out.split(spelt).join(shownKey) : shownKey;
  }
  return out;
}

const judged = (rawKey: string, fp: Fingerprinter, verdicts: NameVerdicts): Map<string, string> | undefined => {
  const parts = secretParts(rawKey, verdicts);
  return parts.length ? new Map(parts.map((part) => [part, shownFor(part, fp)])) : undefined;
};

function hiddenObservation(o: Observation, fp: Fingerprinter, verdicts: NameVerdicts): Observation {
  const parts = judged(o.rawKey, fp, verdicts);
  if (!parts) return o;
  const plain = plainObservation(o);
  const origin = { ...plain.origin, location: replaced(plain.origin.location, parts) };
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
  const read = s.observations;
  for (let i = 0; i < read.length; i++) {
    const o = read[i]!;
    const hidden = referenceHidden(hiddenObservation(o, fp, verdicts), fp, verdicts);
    if (hidden === o) continue;
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
  const errors = s.errors.map((e) => hiddenMessage(e, fp, verdicts));
  const errorsChanged = errors.some((e, i) => e !== s.errors[i]);
  if (!observations && runtime === s.runtime && !danglingChanged && !partialChanged && !errorsChanged) return s;
  return {
    ...s,
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

/** A name (or a location holding one) with each credential in it fingerprinted in place, as its snapshot spells it. */
export function hiddenText(text: string, fp: Fingerprinter, verdicts: NameVerdicts = new Map()): string {
  const parts = judged(text, fp, verdicts);
  return parts ? replaced(text, parts) : text;
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
