import { k8sRecording } from '../../recordings/k8s-recording';
import { eksRevert } from '../../revert/k8s-revert';
import { defineFileForm } from './file-form';
import { isManifestInput, manifestObjects, manifestReader } from './k8s';

/**
 * `eks`'s file form: recorded (`from:`), the manifests kubectl prints for the same objects, read as a `k8s`
 * source reads them in the source's namespace; recorded as a `k8s` manifest; its revert plan and where its objects live.
 */
export const eksFiles = defineFileForm<'eks', Array<{ file: string; object: unknown }>>({
  recorded: { folderFile: isManifestInput, reader: manifestReader },
  // As a `k8s` manifest of the objects the live reader fetched, or of the recorded files.
  recording: {
    readsFiles: true,
    prepare: (spec, ctx, { kept, files }) => {
      const objects = spec.from ? manifestObjects(files ?? []) : kept;
      const inputs = { workload: spec.workload, container: spec.container, namespace: spec.namespace };
      return (final) => (objects ? { type: 'k8s', recording: k8sRecording({ objects, ...inputs }, final.observations, ctx) } : undefined);
    },
  },
  revert: eksRevert,
  objectsPlace: (spec, environment) => `eks ${spec.region ?? environment.region ?? ''} ${spec.cluster}`,
});
