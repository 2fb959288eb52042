import * as z from 'zod';
import { k8sRecording } from '../recordings/k8s-recording';
import { sourceFields } from './fields';
import { defineSourceKind } from './source-kind';
import { eksRevert } from '../revert/k8s-revert';

const schema = sourceFields({
  cluster: z.string(),
  namespace: z.string(),
  workload: z.string(),
  container: z.string().optional(),
  region: z.string().optional(),
});

/** `eks`: a workload read live from an EKS cluster's API server (recorded, it is a `k8s` source). */
export const eksKind = defineSourceKind<'eks', typeof schema, Array<{ file: string; object: unknown }>>({
  type: 'eks',
  schema,
  about: 'A live EKS workload and its ConfigMaps, Secrets and HPA.',
  label: (spec) => `eks ${spec.cluster} ${spec.namespace}/${spec.workload}`,
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
  references: undefined,
  revert: eksRevert,
  objectsPlace: (spec, environment) => `eks ${spec.region ?? environment.region ?? ''} ${spec.cluster}`,
  namePrefix: undefined,
});
