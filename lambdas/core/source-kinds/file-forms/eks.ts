import { eksRevert } from '../../revert/k8s-revert';
import type { K8sUnread } from '../../sources/k8s-unread';
import { defineFileForm } from './file-form';
import { isManifestInput, manifestObjects, manifestReader, manifestRecording } from './k8s';

/** What a live `eks` read hands its recording: the objects it fetched. */
export interface EksKept {
  objects: Array<{ file: string; object: unknown }>;
  /** An object the container only mounts could not be read (the Role would not show it): it is unknown, not absent. */
  mountedUnread?: true;
  /** What else the Role would not show: unknown when the recording is read back, as it was live. */
  unread?: K8sUnread;
}

/**
 * `eks`'s file form: recorded (`from:`), the manifests kubectl prints for the same objects, read as a `k8s`
 * source reads them in the source's namespace; recorded as a `k8s` manifest; its revert plan and where its objects live.
 */
export const eksFiles = defineFileForm<'eks', EksKept>({
  // What kubectl captured for the variables: an object only mounted may not be in it.
  recorded: { folderFile: isManifestInput, reader: (spec, ctx) => manifestReader(spec, ctx, true) },
  // As a `k8s` manifest of the objects the live reader fetched, or of the recorded files.
  recording: {
    readsFiles: true,
    prepare: (spec, ctx, { kept, files }) => {
      const unread: string[] = [];
      const objects = spec.from ? manifestObjects(files ?? [], unread) : kept?.objects;
      const inputs = { workload: spec.workload, container: spec.container, namespace: spec.namespace };
      // A capture, or a read the Role kept a mounted object from, stays partial when read back.
      const partial = {
        ...(spec.from !== undefined || kept?.mountedUnread ? { mountedMayBeAbsent: true as const } : {}),
        ...(kept?.unread ? { unread: kept.unread } : {}),
      };
      return (final) =>
        objects
          ? { type: 'k8s', recording: { ...manifestRecording({ objects, ...inputs }, final.observations, ctx, unread), ...partial } }
          : undefined;
    },
  },
  revert: eksRevert,
  objectsPlace: (spec, environment) => `eks ${spec.region ?? environment.region ?? ''} ${spec.cluster}`,
});
