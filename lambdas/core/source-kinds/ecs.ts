import * as z from '../zod';
import { fromList, sourceFields } from './fields';
import { defineSourceKind } from './source-kind';

const schema = sourceFields({
  cluster: z.optional(z.string()),
  service: z.optional(z.string()),
  container: z.optional(z.string()),
  from: z.optional(fromList),
  region: z.optional(z.string()),
}).check(
  z.refine(
    (s) => s.from !== undefined || (s.cluster !== undefined && s.service !== undefined),
    'ecs needs `cluster` and `service` (live) or `from` (recorded)',
  ),
);

/** `ecs`: one container of a service's task definition, live or from the CLI's JSON. */
export const ecsKind = defineSourceKind({
  type: 'ecs',
  schema,
  about:
    'An ECS container: live (`cluster`, `service`, `container`) or recorded (`from`: describe-task-definition and describe-services output).',
  label: (spec) => (spec.from ? `ecs (recorded ${spec.from.join(', ')})` : `ecs ${spec.cluster}/${spec.service}`),
  references: undefined,
  namePrefix: undefined,
  valueLine: undefined,
  servesFlags: false,
  jsonSchema: { anyOf: [{ required: ['from'] }, { required: ['cluster', 'service'] }] },
});
