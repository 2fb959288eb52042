import * as z from '../zod';
import { sourceFields } from './fields';
import { defineSourceKind } from './source-kind';

const schema = sourceFields({
  cluster: z.string(),
  namespace: z.string(),
  workload: z.string(),
  container: z.optional(z.string()),
  region: z.optional(z.string()),
});

/** `eks`: a workload read live from an EKS cluster's API server (recorded, it is a `k8s` source). */
export const eksKind = defineSourceKind({
  type: 'eks',
  schema,
  about: 'A live EKS workload and its ConfigMaps, Secrets and HPA.',
  label: (spec) => `eks ${spec.cluster} ${spec.namespace}/${spec.workload}`,
  references: undefined,
  namePrefix: undefined,
  valueLine: undefined,
  servesFlags: false,
  readsObjects: true,
});
