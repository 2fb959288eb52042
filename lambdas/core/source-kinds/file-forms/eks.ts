import { k8sRecording } from '../../recordings/k8s-recording';
import { eksRevert } from '../../revert/k8s-revert';
import { defineFileForm } from './file-form';

/** `eks`'s file form: read live only, recorded as a `k8s` manifest; its revert plan and where its objects live. */
export const eksFiles = defineFileForm<'eks', Array<{ file: string; object: unknown }>>({
  recorded: undefined,
  // As a `k8s` manifest of the objects the live reader fetched.
  recording: {
    readsFiles: false,
    prepare: (spec, ctx, { kept }) => {
      const inputs = { workload: spec.workload, container: spec.container, namespace: spec.namespace };
      return (final) =>
        kept ? { type: 'k8s', recording: k8sRecording({ objects: kept, ...inputs }, final.observations, ctx) } : undefined;
    },
  },
  revert: eksRevert,
  objectsPlace: (spec, environment) => `eks ${spec.region ?? environment.region ?? ''} ${spec.cluster}`,
});
