import type { DanglingRef } from '../model';
import { canonicalKey } from '../keys';
import type { Value } from '../values/value';
import { keyOf, locatedOf, secretValueOf, spellingOf, valueOf, type ParseContext } from './context';
import { dataOf, filledByTheCluster, onlyInBinaryData, writtenInData, type DataEntry } from './k8s-data';
import { expandVars, MAX_EXPANDED_CHARS, type ExpandVar } from './k8s-expand';
import { withinUrlSecrets } from '../values/url-secrets';
import { ENV_ALIAS_OF } from './k8s-env-aliases';
import { envFromLocation, keyRefLocation } from './k8s-locations';
import { describeObject, envFieldPath, fieldMeta, findObject, objectMeta, type K8sObject } from './k8s-objects';
import {
  envFromReference,
  keyReference,
  literalOf,
  takesValueFrom,
  type DataKind,
  type IncompleteKeyReference,
  type KeyReference,
} from './k8s-references';
import { generatedNotRendered } from './k8s-kustomize';
import { configMapProducer, secretProducer, type SecretProducer } from './k8s-secret-producers';
import { podSpec, type Workload } from './k8s-workload';
import { fieldRefValue, resourceFieldValue } from './k8s-downward-api';
import { originOf, type ObservationSet, type OriginMeta } from './observations';
import { commandReads } from './command-reads';
import { entries, isRecord, notText, scalarText, str, type Rec } from './shape';

/** What an env var resolved to: its Value, and (transiently) its text for later `$(VAR)` references. */
interface Slot {
  /** The canonical key of the variable's name. */
  key: string;
  value: Value;
  location: string;
  meta: OriginMeta;
  /** Absent for values only the running pod knows (fieldRef…): references to them stay as written. */
  expand?: ExpandVar;
  /** Taken from a ConfigMap or Secret: the container reads it when it starts, never again. */
  fromObject?: boolean;
  /** What the object's manifest set its key to before a later line of the key (DataEntry.earlier): noted, never applied. */
  earlier?: Slot[];
}

/**
 * Current Kubernetes (RelaxedEnvironmentVariableValidation, on by default since 1.32) accepts any
 * printable ASCII but `=`; older kubelets also skipped keys starting with a digit.
 */
const VALID_ENV_NAME = /^[\x20-\x3c\x3e-\x7e]+$/;

interface EnvRun {
  ctx: ParseContext;
  objects: K8sObject[];
  w: Workload;
  where: string;
  errors: string[];
  dangling: DanglingRef[];
  env: Map<string, Slot>;
  /**
   * Variables whose value is not known here: a required reference to an object not among those read
   * (missing, or one the API would not show), and what expands them. Neither is set.
   */
  unresolved: Set<string>;
  data: Map<K8sObject, Map<string, DataEntry>>;
  /** What the workload object says of itself (objectMeta), read once. */
  meta: OriginMeta;
  /** The container read, whose variables' own writers managedFields name (envMeta). */
  containerName: string;
  container: Rec;
  /** Variables a `$(VAR)` of another took in (see Observation.expandedInto). */
  expanded: Set<string>;
  /** Variables the container's `env` list has named so far. */
  listed: Set<string>;
  /** Values an `env` entry set that a later entry of the same name replaced: kept apart, no winners (see ObservationSet.earlier). */
  repeated: Array<{ name: string; slot: Slot }>;
  /** Manifest files (or documents of one) that could not be read: an object not found may be in one. */
  unreadable: number;
}

/** Who last set the container's variable NAME, and when (fieldMeta), else the workload's own. */
const envMeta = (run: EnvRun, name: string): OriginMeta =>
  fieldMeta(run.w.object, () => envFieldPath(run.w.kind, run.containerName, name), run.meta);

/** Who last set a ConfigMap's or Secret's key, and when, else the object's own (`base`). */
const dataMeta = (o: K8sObject, key: string, base: OriginMeta): OriginMeta => fieldMeta(o, () => ['f:data', `f:${key}`], base);

function entriesOf(run: EnvRun, o: K8sObject): Map<string, DataEntry> {
  let d = run.data.get(o);
  if (!d) {
    d = dataOf(o, run.w.namespace, run.ctx, run.errors);
    run.data.set(o, d);
  }
  return d;
}

function set(run: EnvRun, name: string, slot: Slot): void {
  run.env.delete(name);
  run.env.set(name, slot);
  run.unresolved.delete(name);
}

/** A variable whose value cannot be known here: not set (an earlier value from envFrom is no longer the pod's either). */
function unknown(run: EnvRun, name: string): void {
  run.env.delete(name);
  run.unresolved.add(name);
}

function textSlot(run: EnvRun, name: string, text: string, secret: boolean, location: string, meta: OriginMeta, fromObject?: true): Slot {
  const key = keyOf(run.ctx, name);
  const value = secret ? secretValueOf(run.ctx, key, text) : valueOf(run.ctx, key, text);
  // A secret by its name's context (`DEPLOY_KEY`) stays secret wherever `$(VAR)` takes it.
  const slot: Slot = { key, value, location, meta, expand: { text, secret: value.kind === 'secret' } };
  if (fromObject) slot.fromObject = true;
  return slot;
}

/** The slot of a ConfigMap's or Secret's entry, with the values its manifest's repeated key hides. */
function dataSlot(run: EnvRun, name: string, e: DataEntry, location: string, meta: OriginMeta): Slot {
  const slot = textSlot(run, name, e.text, e.secret, location, meta, true);
  if (e.earlier) slot.earlier = e.earlier.map((text) => textSlot(run, name, text, e.secret, location, meta, true));
  return slot;
}

function dangle(run: EnvRun, key: string, target: string, detail: string, secret = false): void {
  const d: DanglingRef = { key, target, detail, origin: originOf(run.ctx, run.where, objectMeta(run.w.object)) };
  if (secret) d.secret = true;
  run.dangling.push(d);
}

/**
 * A key of an object that another object of the manifests makes (an ExternalSecret's Secret, a trust-manager Bundle's
 * ConfigMap): there, with a value the manifests do not hold, a secret where the object is a Secret.
 */
function producedSlot(run: EnvRun, name: string, producer: SecretProducer, kind: DataKind, location: string): Slot {
  const reason = `made by ${producer.label}: not in the manifests`;
  const value: Value = kind === 'Secret' ? { kind: 'opaque', reason, secret: true } : { kind: 'opaque', reason };
  return { key: keyOf(run.ctx, name), value, location, meta: objectMeta(producer.object), fromObject: true };
}

/** What makes a Secret or ConfigMap the manifests do not hold, when something does. */
const producerOf = (run: EnvRun, kind: DataKind, name: string): SecretProducer | undefined =>
  (kind === 'Secret' ? secretProducer : configMapProducer)(run.objects, name, run.w.namespace);

/** Whether a kustomization read beside the manifests generates the object (then said once, as an error: not rendered). */
const generated = (run: EnvRun, kind: 'ConfigMap' | 'Secret', name: string): boolean =>
  generatedNotRendered(run.objects, kind, name, run.w.namespace, run.errors);

/**
 * Whether an object not found may exist all the same: one a kustomization generates (not rendered),
 * or one in a manifest that could not be read (the source's error already says which). What reads it
 * is then unknown, not a dangling reference.
 */
const mayExist = (run: EnvRun, kind: 'ConfigMap' | 'Secret', name: string): boolean => generated(run, kind, name) || run.unreadable > 0;

function readEnvFrom(run: EnvRun, container: Rec): void {
  for (const [entry, i] of entries(container.envFrom, `${run.where} envFrom`, run.errors)) {
    const ref = envFromReference(entry);
    if (!ref) {
      run.errors.push(`${run.where} envFrom[${i}]: needs configMapRef or secretRef with a name`);
      continue;
    }
    const target = describeObject(ref.kind, run.w.namespace, ref.name);
    const o = findObject(run.objects, ref.kind, ref.name, run.w.namespace);
    if (!o) {
      const producer = producerOf(run, ref.kind, ref.name);
      // Keys it cannot name are not set: the variables they would be are unknown, not missing.
      for (const key of producer?.keys ?? []) {
        const envName = ref.prefix + key;
        if (VALID_ENV_NAME.test(envName))
          set(run, envName, producedSlot(run, envName, producer as SecretProducer, ref.kind, envFromLocation(target, key, ref.prefix)));
      }
      if (!producer && !ref.optional && !mayExist(run, ref.kind, ref.name))
        dangle(run, `envFrom ${target}`, target, `${target} not found (envFrom)`, ref.kind === 'Secret');
      continue;
    }
    const meta = objectMeta(o);
    for (const [key, e] of entriesOf(run, o)) {
      const envName = ref.prefix + key;
      if (!VALID_ENV_NAME.test(envName)) continue; // the kubelet skips it (with a warning event)
      set(run, envName, dataSlot(run, envName, e, envFromLocation(target, key, ref.prefix), dataMeta(o, key, meta)));
    }
  }
}

function keyRef(run: EnvRun, name: string, ref: KeyReference | IncompleteKeyReference): Slot | undefined {
  const { kind } = ref;
  if (ref.via === 'incomplete') {
    run.errors.push(`${run.where} env ${name}: ${kind === 'ConfigMap' ? 'configMapKeyRef' : 'secretKeyRef'} needs name and key`);
    return undefined;
  }
  const { name: objName, key } = ref;
  const object = describeObject(kind, run.w.namespace, objName);
  const target = `${object} key ${key}`;
  const o = findObject(run.objects, kind, objName, run.w.namespace);
  const e = o ? entriesOf(run, o).get(key) : undefined;
  if (o && e) return dataSlot(run, name, e, keyRefLocation(run.where, name, object, key), dataMeta(o, key, objectMeta(o)));
  // There but unreadable (not base64, not a string): the source's error says so; or written by the cluster (a
  // service account token Secret's token): its value is unknown, not missing.
  if (o && (writtenInData(o, key) || filledByTheCluster(o, key))) {
    unknown(run, name);
    return undefined;
  }
  const producer = o ? undefined : producerOf(run, kind, objName);
  if (producer && (!producer.keys || producer.keys.has(key)))
    return producedSlot(run, name, producer, kind, keyRefLocation(run.where, name, object, key));
  if (!o && mayExist(run, kind, objName)) {
    unknown(run, name);
    return undefined;
  }
  if (!ref.optional) {
    if (!o) unknown(run, name);
    const detail = producer
      ? `key ${key} not among the keys ${producer.label} makes of ${object}`
      : !o
        ? `${object} not found`
        : onlyInBinaryData(o, key)
          ? `key ${key} of ${object} is binaryData, which env cannot use`
          : `key ${key} not found in ${object}`;
    dangle(run, canonicalKey(name), target, detail, kind === 'Secret');
  }
  return undefined;
}

function fieldSlot(run: EnvRun, name: string, target: string): Slot {
  return {
    key: keyOf(run.ctx, name),
    value: { kind: 'ref', target },
    location: `${run.where} env ${name} (${target})`,
    meta: envMeta(run, name),
  };
}

function valueFrom(run: EnvRun, name: string, from: Rec): Slot | undefined {
  const ref = keyReference(from);
  if (ref) return keyRef(run, name, ref);
  if (isRecord(from.fieldRef)) {
    const path = str(from.fieldRef.fieldPath) ?? '?';
    // What the manifest decides (a pod label or annotation, the service account) is the value the application reads.
    const known = fieldRefValue(run.w, path);
    if (known !== undefined) return textSlot(run, name, known, false, `${run.where} env ${name} (fieldRef ${path})`, envMeta(run, name));
    return fieldSlot(run, name, `fieldRef:${path}`);
  }
  if (isRecord(from.resourceFieldRef)) {
    const r = from.resourceFieldRef;
    // The container's resources in the manifest decide it: the value the application reads.
    const known = resourceFieldValue(podSpec(run.w), run.container, r);
    if (known !== undefined) {
      const where = `${run.where} env ${name} (resourceFieldRef ${str(r.resource) ?? ''}${str(r.containerName) ? ` of ${str(r.containerName)}` : ''})`;
      return textSlot(run, name, known, false, where, envMeta(run, name));
    }
    const divisor = scalarText(r.divisor);
    const container = str(r.containerName);
    return fieldSlot(
      run,
      name,
      `resourceFieldRef:${container ? `${container}/` : ''}${str(r.resource) ?? '?'}${divisor ? `/${divisor}` : ''}`,
    );
  }
  // A newer source (fileKeyRef…): the pod knows its value, we only know the reference.
  const other = Object.keys(from)[0];
  return other ? fieldSlot(run, name, `${other}:${JSON.stringify(from[other]) ?? ''}`) : undefined;
}

/** Whether the entry's value is a YAML alias of a variable whose value is secret by its name (see ENV_ALIAS_OF). */
function aliasOfSecret(run: EnvRun, entry: Rec, text: string): boolean {
  const of = (entry as { [ENV_ALIAS_OF]?: unknown })[ENV_ALIAS_OF];
  return typeof of === 'string' && valueOf(run.ctx, keyOf(run.ctx, of), text).kind === 'secret';
}

function readEnv(run: EnvRun, container: Rec): void {
  // Through the interner: the same workload spells the same locations in every environment.
  const at = `${run.where} env `;
  for (const [entry, i] of entries(container.env, `${run.where} env`, run.errors)) {
    const name = str(entry.name);
    const literal = literalOf(entry);
    // A name the list repeats: the kubelet takes the later entry; the earlier one is what someone once meant.
    const earlier = name && run.listed.has(name) ? run.env.get(name) : undefined;
    if (name && earlier) run.repeated.push({ name, slot: earlier });
    if (name) run.listed.add(name);
    if (!name) {
      run.errors.push(`${run.where} env[${i}]: no name`);
    } else if (notText(entry.value)) {
      // The API server refuses it, so the recording is broken: the value is unknown, never the empty text.
      unknown(run, name);
      run.errors.push(`${run.where} env ${name}: value is not text (a mapping or a list)`);
    } else if (!takesValueFrom(entry)) {
      // As the kubelet: a non-empty value is used (expanded) even if valueFrom is set too.
      let fromUnknown = false;
      const expanded = expandVars(literal, (ref) => {
        fromUnknown ||= run.unresolved.has(ref);
        const taken = run.env.get(ref)?.expand;
        if (taken) run.expanded.add(ref);
        return taken;
      });
      // `$(DB_PASS)` of a Secret drift could not read: the result is unknown, never the text `$(DB_PASS)`.
      if (fromUnknown) unknown(run, name);
      else if (!expanded) {
        // Unknown, so a variable that expands it is unknown too (not its `$(NAME)` text).
        unknown(run, name);
        run.errors.push(
          `${run.where} env ${name}: $(VAR) expansion gives more than ${MAX_EXPANDED_CHARS.toLocaleString('en-US')} characters`,
        );
      } else {
        // A Secret's value that lands in a URL's password is hidden there, as a URL's password is: the host stays comparable.
        const inPlace = expanded.secret && withinUrlSecrets(expanded.text, expanded.secretSpans);
        const secret = (expanded.secret && !inPlace) || aliasOfSecret(run, entry, expanded.text);
        const slot = textSlot(run, name, expanded.text, secret, locatedOf(run.ctx, at, name), envMeta(run, name));
        // What it pulled in stays a secret for a variable that expands this one in turn.
        if (inPlace && slot.expand) slot.expand.secret = true;
        set(run, name, slot);
      }
    } else if (!isRecord(entry.valueFrom)) {
      run.errors.push(`${run.where} env ${name}: valueFrom is not an object`);
    } else {
      // An optional reference to nothing leaves the variable as it was: the kubelet just skips it.
      const slot = valueFrom(run, name, entry.valueFrom);
      if (slot) set(run, name, slot);
    }
  }
}

/**
 * The container's environment in kubelet order (envFrom, then env), recorded into `out`. Returns
 * the keys taken from ConfigMaps and Secrets: read when the container starts (mounted volumes are not).
 */
export function readContainerEnv(
  args: { ctx: ParseContext; objects: K8sObject[]; w: Workload; container: Rec; containerName: string; unreadable?: number },
  out: ObservationSet,
  result: { errors: string[]; dangling: DanglingRef[] },
): string[] {
  const run: EnvRun = {
    ctx: args.ctx,
    objects: args.objects,
    w: args.w,
    where: `${args.w.label} container ${args.containerName}`,
    containerName: args.containerName,
    container: args.container,
    errors: result.errors,
    dangling: result.dangling,
    env: new Map(),
    unresolved: new Set(),
    data: new Map(),
    meta: objectMeta(args.w.object),
    expanded: new Set(),
    listed: new Set(),
    repeated: [],
    unreadable: args.unreadable ?? 0,
  };
  readEnvFrom(run, args.container);
  readEnv(run, args.container);
  // The kubelet's `$(VAR)` in command and args, and what an `sh -c` script there reads: the container uses them.
  for (const name of commandReads(args.container.command, args.container.args, true)) if (run.env.has(name)) run.expanded.add(name);
  for (const { name, slot } of run.repeated) out.earlier(slot.key, spellingOf(run.ctx, name), slot.value, slot.location, slot.meta);
  const atStart: string[] = [];
  // Two variables of the container one key spells (DB_TIMEOUT and db-timeout): the later set applies, the other is noted.
  const spelt = new Map<string, { name: string; slot: Slot }>();
  for (const [name, slot] of run.env) {
    const other = spelt.get(slot.key);
    if (other) out.earlier(other.slot.key, spellingOf(run.ctx, other.name), other.slot.value, other.slot.location, other.slot.meta);
    spelt.set(slot.key, { name, slot });
    for (const hidden of slot.earlier ?? []) out.earlier(hidden.key, spellingOf(run.ctx, name), hidden.value, hidden.location, hidden.meta);
    out.set(slot.key, spellingOf(run.ctx, name), slot.value, slot.location, slot.meta);
    if (run.expanded.has(name)) out.expandedInto(slot.key);
    if (slot.fromObject) atStart.push(slot.key);
  }
  return atStart;
}
