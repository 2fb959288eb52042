import * as z from '../zod';
import { fromList, sourceFields } from './fields';
import { defineSourceKind } from './source-kind';

/** `k8s`: a workload's container in Kubernetes manifests, with the ConfigMaps and Secrets it reads. */
export const k8sKind = defineSourceKind({
  type: 'k8s',
  schema: sourceFields({
    from: fromList,
    workload: z.string(),
    container: z.optional(z.string()),
    namespace: z.optional(z.string()),
  }),
  about: 'Kubernetes manifests (a file or a folder) and the workload in them.',
  label: (spec) => `k8s ${spec.from.join(', ')} ${spec.workload}`,
  references: undefined,
  namePrefix: undefined,
  valueLine: 'manifest',
  servesFlags: false,
  readsObjects: true,
});
