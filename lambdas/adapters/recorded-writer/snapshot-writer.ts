import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import { leavesFolder } from '../leaves-folder';
import type { Document } from 'yaml';
import { yamlPackage, isMap, isSeq } from '../../core/on-demand/yaml-package';
import type { Estate } from '../../core/estate/model';
import type { K8sUnread } from '../../core/sources/k8s-unread';
import { makeFolders } from '../make-folders';
import { writeFileAtOnce } from '../replace-file';
import { RECORDING_MANIFEST, recordingManifest } from '../recording-manifest';
import type { RecordedSource } from './recording-collector';

/** What was recorded, per environment: each declared source's recording, or why there is none. */
export interface SnapshotContents {
  estate: Estate;
  environments: string[];
  recordingOf(environment: string, index: number): RecordedSource | undefined;
  /** `environment: label: error` lines of the sources that failed. */
  failures: string[];
  /** The id of the fingerprint key the markers were made with. */
  keyId: string;
}

/** What README.txt tells of one recording besides what every recording loses. */
export interface RecordingNotes {
  failures: string[];
  /** What this recording's sources could not keep, by environment. */
  losses: string[];
  /** Keys whose recording reads back differently, by source. */
  differences: string[];
}

const README = `This folder is a recording made by \`drift snapshot --record\`: what each source returned,
in the formats the AWS CLI and kubectl print, and a drift.yaml that reads them (\`from:\`).
Audit it offline with:  drift audit -c drift.yaml --no-store

Secrets are never written: each is a fingerprint marker (drift-fingerprint:v1:<key id>:<HMAC-SHA256>),
which drift reads back as the same secret. That holds for secrets by name and by content (credential
shapes such as cloud keys, tokens and webhook URLs); a URL's password is a marker in its place, so
the rest of the URL stays readable. Compare with the same fingerprint key (DRIFT_FINGERPRINT_KEY
or .drift/fingerprint.key of the installation that recorded it), or secrets will all look changed.
Markers are read as secrets only in a folder holding drift-recording.json (this one): anywhere else,
a value shaped like a marker is a secret of its own and never equals the secret it names.

What a recording does not keep:
- live SSM and ECS sources are recorded as files, live EKS sources as a \`k8s\` manifest;
- \`file\` and \`dotenv\` sources are re-expressed as one flat JSON file and one dotenv file of their
  keys: comments, layout and line numbers are not kept, so value locations differ;
- SSM parameters keep name, value, version, date and user, not their ARN, description or tier;
  StringList is written as String;
- values too large to keep (over 4096 characters) were reduced to a digest when read: the recording
  holds their first characters only, so they read back as a different value;
- ECS and Kubernetes objects keep only the fields drift reads (names, env, envFrom, secrets as
  references, resources, replicas, autoscaling, revision and authorship): command lines (but the Secret a
  kube-webhook-certgen Job's flags name, and the words by which a container creates a Secret), log
  settings, labels, health checks, init containers (but their volume mounts, and one that creates a Secret) and other annotations
  (but those naming a Secret or CA bundle OpenShift writes) are not written, nor are objects drift does
  not read (Pods' specs, Ingresses…);
- Kubernetes Secrets are written as \`stringData\` of markers;
- a source that failed is left out of drift.yaml, and so is \`code:\` (the source tree is not copied).
`;

const sourceDir = (environment: string, index: number, type: string): string =>
  `${environment}/${String(index + 1).padStart(2, '0')}-${type}`;

/** The original estate with each recorded source reading its files, other environments left out. */
function recordedEstate(doc: Document, contents: SnapshotContents, baselineFile: string | undefined): void {
  const envs = doc.get('environments');
  if (!isMap(envs)) return;
  for (const pair of [...envs.items]) {
    const name = String((pair.key as { value?: unknown })?.value ?? pair.key);
    if (!contents.environments.includes(name)) {
      envs.delete(pair.key);
      continue;
    }
    const env = contents.estate.environments.find((e) => e.name === name);
    const sources: unknown[] = [];
    for (const spec of env?.sources ?? []) {
      const r = contents.recordingOf(name, spec.index);
      if (!r) continue;
      const dir = sourceDir(name, spec.index, r.type);
      // A defaults layer stays one: the recording must judge shadowing as the estate does.
      const defaults = spec.defaults ? { defaults: true } : {};
      sources.push({ [r.type]: { ...r.recording.spec, from: r.recording.files.map((f) => `${dir}/${f.path}`), ...defaults } });
    }
    doc.setIn(['environments', name, 'sources'], doc.createNode(sources, { flow: false }));
  }
  const parity = doc.get('parity');
  if (isSeq(parity)) {
    for (const group of [...parity.items]) {
      const members = isMap(group) ? group.get('environments') : undefined;
      if (!isSeq(members)) continue;
      for (const m of [...members.items])
        if (!contents.environments.includes(String((m as { value?: unknown })?.value ?? m)))
          members.delete(members.items.indexOf(m) as never);
      if (members.items.length < 2) parity.delete(parity.items.indexOf(group) as never);
    }
    if (parity.items.length === 0) doc.delete('parity');
  }
  if (baselineFile) doc.set('baseline', baselineFile);
  // The default name is the folder's, which is not the original's.
  doc.set('name', contents.estate.name);
}

/** Writes the recording into `dir`: the sources' files and drift.yaml; returns them and what they could not keep. */
export async function writeSnapshotDir(dir: string, contents: SnapshotContents): Promise<{ written: string[]; losses: string[] }> {
  const written: string[] = [];
  const put = async (rel: string, text: string | Buffer): Promise<void> => {
    const abs = path.join(dir, rel);
    // Names come from what the sources hold (S3 keys): none may lead out of the folder, whatever a recording makes of them.
    const inside = path.relative(dir, abs);
    if (leavesFolder(inside)) throw new Error(`a recorded file would be written outside ${dir}: ${rel}`);
    await makeFolders(path.dirname(abs));
    writeFileAtOnce(abs, text);
    written.push(rel);
  };
  const losses: string[] = [];
  const partialMounts: string[] = [];
  const unread: Record<string, K8sUnread> = {};
  for (const name of contents.environments) {
    for (const spec of contents.estate.environments.find((e) => e.name === name)?.sources ?? []) {
      const r = contents.recordingOf(name, spec.index);
      if (!r) continue;
      const folder = sourceDir(name, spec.index, r.type);
      if (r.recording.mountedMayBeAbsent) partialMounts.push(folder);
      if (r.recording.unread) unread[folder] = r.recording.unread;
      for (const f of r.recording.files) await put(`${folder}/${f.path}`, f.text);
      for (const l of r.recording.losses) losses.push(`${name}: ${l}`);
    }
  }
  const { estate } = contents;
  let baselineFile: string | undefined;
  if (path.resolve(estate.baseline.file) !== path.resolve(estate.file)) {
    baselineFile = `baseline${path.extname(estate.baseline.file) || '.yaml'}`;
    await put(baselineFile, await readFile(estate.baseline.file));
  }
  const doc = yamlPackage().parseDocument(await readFile(estate.file, 'utf8'));
  recordedEstate(doc, contents, baselineFile);
  // The code tree is no source and is not copied: a `code:` path would name nothing in the recording.
  if (doc.has('code')) {
    doc.delete('code');
    losses.push('code: the source tree is not recorded, so the recording is audited without unset and unread findings');
  }
  await put('drift.yaml', doc.toString({ lineWidth: 0 }));
  // Says the markers below are drift's: only a folder holding it has its markers read as secrets.
  await put(RECORDING_MANIFEST, recordingManifest(contents.keyId, partialMounts, unread));
  return { written, losses };
}

/** Writes README.txt into a recording: how to audit it, what recordings do not keep, and what this one lost. */
export async function writeSnapshotReadme(dir: string, notes: RecordingNotes): Promise<string> {
  const lines = [
    ...notes.failures.map((f) => `- not recorded (failed): ${f}`),
    ...notes.losses.map((l) => `- ${l}`),
    ...notes.differences.map((d) => `- reads back differently: ${d}`),
  ];
  writeFileAtOnce(path.join(dir, 'README.txt'), `${README}${lines.length ? `\nIn this recording:\n${lines.join('\n')}\n` : ''}`);
  return 'README.txt';
}
