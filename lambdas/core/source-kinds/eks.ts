import * as z from '../zod';
import { fromList, sourceFields } from './fields';
import { defineSourceKind } from './source-kind';

const schema = sourceFields({
  cluster: z.string(),
  namespace: z.string(),
  workload: z.string(),
  container: z.optional(z.string()),
  from: z.optional(fromList),
  region: z.optional(z.string()),
});

/** `eks`: a workload read live from an EKS cluster's API server, or recorded (`from:`, what kubectl prints for its objects). */
export const eksKind = defineSourceKind({
  type: 'eks',
  schema,
  about: 'An EKS workload and its ConfigMaps, Secrets and HPA: live, or recorded with `from` (the manifests kubectl prints for them).',
  label: (spec) => `eks ${spec.cluster} ${spec.namespace}/${spec.workload}${spec.from ? ` (recorded ${spec.from.join(', ')})` : ''}`,
  references: undefined,
  namePrefix: undefined,
  valueLine: undefined,
  servesFlags: false,
  readsObjects: true,
});
