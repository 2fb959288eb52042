import { k8sRecording, type K8sInputs } from '../../recordings/k8s-recording';
import type { SourceRecording } from '../../recordings/recorded-text';
import type { Observation } from '../../model';
import { k8sRevert } from '../../revert/k8s-revert';
import { parseK8s, parseManifestText } from '../../sources/k8s';
import { isKustomizationFile, isManifestFile, kustomizationObjects } from '../../sources/k8s-manifest';
import { unknownWhereUnread, unreadErrors, type K8sUnread } from '../../sources/k8s-unread';
import { emptyResult } from '../../sources/result';
import { attempt, merge, quietly } from '../attempt';
import type { ParseContext } from '../../sources/context';
import type { DriftRecording, RecordedReader, TextFile } from '../source-kind';
import { defineFileForm } from './file-form';

/**
 * A file's Kubernetes objects; a kustomization's documents stand for what they generate. With
 * `errors`, a manifest's document that cannot be read is said there and its other documents read.
 */
const objectsOf = (text: string, file: string, errors?: string[]): unknown[] =>
  isKustomizationFile(file.slice(file.lastIndexOf('/') + 1)) ? kustomizationObjects(text, file) : parseManifestText(text, file, errors);

/** What reading manifests needs of a source: a `k8s` source, or an `eks` one recorded. */
interface ManifestSpec {
  from?: string[];
  workload: string;
  container?: string;
  namespace?: string;
}

/** The files of a `from:` folder that hold manifests; kustomization files too: what they generate is named when a workload reads it (not rendered). */
export const isManifestInput = (name: string): boolean => isManifestFile(name) || isKustomizationFile(name);

/** Whether a recording drift wrote may lack the objects the source's container only mounts (see K8sOptions.mountedMayBeAbsent). */
const mountsUnrecorded = (recording: DriftRecording | undefined): boolean => recording !== undefined && !recording.mountedObjects;

/**
 * Reads a source's manifests, then its workload's container in them; `mountedMayBeAbsent`: see K8sOptions; `unread`:
 * what the read a recording holds could not see, unknown here as it was there.
 */
export function manifestReader(spec: ManifestSpec, ctx: ParseContext, mountedMayBeAbsent: boolean, unread?: K8sUnread): RecordedReader {
  const out = emptyResult();
  const objects: Array<{ file: string; object: unknown }> = [];
  let unreadable = 0;
  return {
    input: 'text',
    add(file, text) {
      const before = out.errors.length;
      const read = attempt(file, out.errors, () => objectsOf(text, file, out.errors));
      // A file with a document that could not be read may hold what is not found in the others.
      if (read === undefined || out.errors.length > before) unreadable++;
      for (const object of read ?? []) objects.push({ file, object });
    },
    skipped() {
      unreadable++;
    },
    finish() {
      const opts = {
        workload: spec.workload,
        container: spec.container,
        namespace: spec.namespace,
        unreadable,
        ...(mountedMayBeAbsent ? { mountedMayBeAbsent } : {}),
      };
      const part = attempt((spec.from ?? []).join(', '), out.errors, () => parseK8s(objects, opts, ctx));
      if (part && unread) {
        unknownWhereUnread(part, unread.objects, unread.autoscaling !== undefined);
        part.errors.unshift(...unreadErrors(unread, spec.namespace ? `${spec.namespace}/${spec.workload}` : spec.workload));
      }
      if (part) merge(out, part);
      return out;
    },
  };
}

/**
 * The objects of recorded manifest files, for a recording: those the reader read. A file that does not parse is left
 * out, and a document that cannot be read (its error is the source's), not the rest of its file; `unread` is told the
 * files either befell.
 */
export function manifestObjects(files: readonly TextFile[], unread: string[] = []): Array<{ file: string; object: unknown }> {
  return files.flatMap(({ file, text }) => {
    const errors: string[] = [];
    const objects = quietly(() => objectsOf(text, file, errors));
    if (objects === undefined || errors.length > 0) unread.push(file);
    return (objects ?? []).map((object) => ({ file, object }));
  });
}

/**
 * The recording of `inputs` (k8sRecording), saying what it loses where a file of `unread`, or a document of one, could
 * not be read: read back, it holds no error there, so what the objects left out would hold is absent, not unknown.
 * Named by file alone: an error may quote the manifest.
 */
export function manifestRecording(
  inputs: K8sInputs,
  observations: readonly Observation[],
  ctx: ParseContext,
  unread: readonly string[],
): SourceRecording {
  const written = k8sRecording(inputs, observations, ctx);
  if (unread.length === 0) return written;
  const lost = unread.map((file) => `${file}: what could not be read of it is not recorded; read back, the objects it may hold are absent`);
  return { ...written, losses: [...lost, ...written.losses] };
}

/** `k8s`'s file form: manifests read and recorded; its revert plan and where its objects live. */
export const k8sFiles = defineFileForm<'k8s'>({
  recorded: {
    folderFile: isManifestInput,
    reader: (spec, ctx, recording) => manifestReader(spec, ctx, mountsUnrecorded(recording), recording?.unread),
  },
  // One manifest of the objects its parser read; what they lacked, they still lack.
  recording: {
    readsFiles: true,
    prepare: (spec, ctx, { files = [], recording }) => {
      const unread: string[] = [];
      const objects = manifestObjects(files, unread);
      const inputs = { objects, workload: spec.workload, container: spec.container, namespace: spec.namespace };
      const partial = {
        ...(mountsUnrecorded(recording) ? { mountedMayBeAbsent: true as const } : {}),
        ...(recording?.unread ? { unread: recording.unread } : {}),
      };
      return (final) => ({ type: 'k8s', recording: { ...manifestRecording(inputs, final.observations, ctx, unread), ...partial } });
    },
  },
  revert: k8sRevert,
  // The manifests of one environment: its k8s sources read the same objects.
  objectsPlace: () => 'manifests',
});
