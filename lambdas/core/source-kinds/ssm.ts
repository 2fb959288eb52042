import * as z from '../zod';
import { ssmFolder } from '../sources/ssm';
import { fromList, sourceFields } from './fields';
import { defineSourceKind } from './source-kind';
import { parameterNames, ssmReferable, ssmResolver } from './ssm-references';

const schema = sourceFields({
  path: z.string().check(z.startsWith('/', 'an SSM path starts with "/"')),
  from: z.optional(fromList),
  region: z.optional(z.string()),
  decrypt: z.optional(z.boolean()),
});

/** `ssm`: Parameter Store under a path, live or from `get-parameters-by-path` exports. */
export const ssmKind = defineSourceKind({
  type: 'ssm',
  schema,
  about: 'SSM Parameter Store under `path`, recursive: live, or recorded with `from` (get-parameters-by-path output).',
  label: (spec) => (spec.from ? `ssm ${spec.path} (recorded ${spec.from.join(', ')})` : `ssm ${spec.path}`),
  references: {
    kind: 'ssm-parameter',
    referable: (spec, _result, where) => ssmReferable(spec.path, { ...where, ...(spec.region ? { region: spec.region } : {}) }),
    resolver: (sources) => {
      const resolve = ssmResolver(sources);
      return (ref) => resolve(ref.target);
    },
    secretNames: (ref) => parameterNames(ref.target),
    nameOf: (o) => o.origin.location,
  },
  namePrefix: (spec) => ssmFolder(spec.path),
  valueLine: undefined,
  servesFlags: false,
  // A parameter's full name; anything else is a location this kind cannot tell about.
  reads: (spec, location) => (location.startsWith('/') ? location.startsWith(ssmFolder(spec.path)) : undefined),
});
