import { yamlPackage } from '../on-demand/yaml-package';
import { canonicalKey } from '../keys';
import type { Observation } from '../model';
import type { ParseContext } from '../sources/context';
import { indexObjects, podTemplate, WORKLOAD_KINDS, type K8sObject, type WorkloadKind } from '../sources/k8s-objects';
import { templateReferences } from '../sources/k8s-references';
import { k8sObjectAsRead } from '../sources/k8s-read-fields';
import { findWorkload, pickContainer } from '../sources/k8s-workload';
import { rec, records, scalarText, str, type Rec } from '../sources/shape';
import { recordedMasked } from '../values/masked';
import { secretValue } from '../values/value';
import { fromSecretMarker, secretMarker } from '../values/secret-marker';
import type { NameVerdicts } from '../sources/interner';
import { namesHidden } from './recorded-names';
import { recordedLiteral, type SourceRecording } from './recorded-text';

/** What the Kubernetes parser read, and which workload and container it was asked for. */
export interface K8sInputs {
  objects: Array<{ file: string; object: unknown }>;
  workload: string;
  container?: string;
  namespace?: string;
}

const isWorkload = (o: K8sObject): boolean => (WORKLOAD_KINDS as readonly string[]).includes(o.kind);
// Where each kind keeps it: a CronJob's under its job template.
const templateOf = (o: K8sObject): Rec => podTemplate(o.kind as WorkloadKind, o.body);

const markerOf = (text: string, ctx: ParseContext): string => secretMarker(secretValue(text, ctx.fp));

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** A Secret's keys as the API server merges them (`data` decoded, then `stringData`), each as a marker in `stringData`. */
function redactSecret(body: Rec, ctx: ParseContext, losses: string[], where: string): void {
  const merged = new Map<string, string>();
  for (const [k, raw] of Object.entries(rec(body.data))) {
    const text = scalarText(raw)?.replace(/[\r\n]/g, '');
    if (text === undefined || !BASE64.test(text)) losses.push(`${where} data.${k}: not valid base64, left out`);
    else merged.set(k, Buffer.from(text, 'base64').toString('utf8'));
  }
  for (const [k, raw] of Object.entries(rec(body.stringData))) {
    const text = scalarText(raw);
    if (text !== undefined) merged.set(k, text);
  }
  delete body.data;
  if (Object.keys(rec(body.stringData)).length || merged.size)
    body.stringData = Object.fromEntries([...merged].map(([k, t]) => [k, markerOf(t, ctx)]));
}

/** The names ConfigMap keys reach containers under: by key ref (`name\0key` → env names), by `envFrom` (name → prefixes). */
interface ConfigMapReaders {
  byKey: Map<string, string[]>;
  prefixes: Map<string, string[]>;
}

const push = (m: Map<string, string[]>, k: string, v: string): void => {
  m.set(k, [...(m.get(k) ?? []), v]);
};

function configMapReaders(workloads: K8sObject[]): ConfigMapReaders {
  const out: ConfigMapReaders = { byKey: new Map(), prefixes: new Map() };
  for (const w of workloads)
    for (const r of templateReferences(templateOf(w))) {
      if (r.kind !== 'ConfigMap') continue;
      if (r.via === 'keyRef') push(out.byKey, `${r.name}\u0000${r.key}`, r.env);
      else push(out.prefixes, r.name, r.prefix);
    }
  return out;
}

/**
 * ConfigMap values as the parser reads them under every name they reach a container by (the data
 * key itself too): a marker if secret under any (by name or content), a masked URL's markers, else as they are.
 */
function redactConfigMap(o: K8sObject, readers: ConfigMapReaders, ctx: ParseContext): void {
  const data = rec(o.body.data);
  const prefixes = readers.prefixes.get(o.name) ?? [];
  for (const [k, raw] of Object.entries(data)) {
    const text = scalarText(raw);
    if (text === undefined) continue;
    const names = [k, ...(readers.byKey.get(`${o.name}\u0000${k}`) ?? []), ...prefixes.map((p) => p + k)];
    const written = names.map((n) => recordedLiteral(n, text, ctx));
    const chosen = written.find((w) => fromSecretMarker(w) !== undefined) ?? written.find((w) => w !== text);
    if (chosen !== undefined) data[k] = chosen;
  }
}

/**
 * Literal env values: the chosen container's take the marker of what the parser made of them (so a
 * `$(VAR)` expansion of a secret reads back as that secret); any other secret one (by name or
 * content) is fingerprinted, a URL's password in place.
 */
function redactEnv(o: K8sObject, chosen: Rec | undefined, observed: Map<string, Observation>, ctx: ParseContext): void {
  for (const c of records(rec(templateOf(o).spec).containers)) {
    for (const e of records(c.env)) {
      const name = str(e.name);
      const literal = scalarText(e.value);
      if (!name || literal === undefined) continue;
      const obs = c === chosen ? observed.get(canonicalKey(name)) : undefined;
      const v = obs && obs.rawKey === name ? obs.value : undefined;
      if (v?.kind === 'secret') e.value = secretMarker(v);
      else if (v?.kind === 'masked') e.value = recordedMasked(v.text, v.keyId);
      else {
        const written = recordedLiteral(name, literal, ctx);
        if (written !== literal) e.value = written;
      }
    }
  }
}

/**
 * A `k8s` source as one multi-document manifest of the objects the parser read, with the fields it
 * reads (see k8sObjectAsRead): Secrets hold only
 * `stringData` of markers (never `data`), secret values in ConfigMaps and env are markers too
 * (masked URLs hold markers in place of their passwords).
 */
export function k8sRecording(inputs: K8sInputs, observations: readonly Observation[], ctx: ParseContext): SourceRecording {
  const losses: string[] = [];
  const verdicts: NameVerdicts = new Map();
  // Only the kinds and fields the parser reads (k8s-read-fields): no Pod spec, init container's env, command line
  // (but the words and flags naming a Secret a container makes) or workload label.
  const copies = inputs.objects.flatMap(({ file, object }) => {
    const read = k8sObjectAsRead(object);
    // Names first: a value under a hidden name is then a secret by that name, as the audit read it.
    return read ? [{ file, object: namesHidden(structuredClone(read), ctx.fp, verdicts) }] : [];
  });
  const index = indexObjects(copies, []);
  const w = findWorkload(index, inputs.workload, inputs.namespace);
  const picked = 'error' in w ? undefined : pickContainer(w, inputs.container);
  const chosen = picked && !('error' in picked) ? picked.container : undefined;
  const observed = new Map(observations.map((o) => [o.key, o]));
  const workloads = index.filter(isWorkload);
  const cmReaders = configMapReaders(workloads);
  for (const o of index) {
    if (o.kind === 'Secret') redactSecret(o.body, ctx, losses, `${o.file} Secret ${o.name}`);
    else if (o.kind === 'ConfigMap') redactConfigMap(o, cmReaders, ctx);
    else if (workloads.includes(o)) redactEnv(o, chosen, observed, ctx);
  }
  // Only Kubernetes objects are written: anything else in a manifests folder has no part in the audit.
  const text = index.map((o) => yamlPackage().stringify(o.body, { lineWidth: 0 })).join('---\n');
  const spec: Record<string, unknown> = { workload: inputs.workload };
  if (inputs.container !== undefined) spec.container = inputs.container;
  if (inputs.namespace !== undefined) spec.namespace = inputs.namespace;
  return { files: [{ path: 'manifest.yaml', text }], spec, losses };
}
