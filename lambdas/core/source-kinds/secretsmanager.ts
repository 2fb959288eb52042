import * as z from '../zod';
import { SECRET_ID } from '../sources/secretsmanager-arn';
import { fromList, sourceFields } from './fields';
import { secretReferable, secretResolver } from './secretsmanager-references';
import { defineSourceKind } from './source-kind';

const schema = sourceFields({
  secretId: z.string().check(z.regex(SECRET_ID, 'secretId is a secret name or a Secrets Manager ARN')),
  from: z.optional(fromList),
  region: z.optional(z.string()),
  // The key the whole secret is read as, one value whatever it holds (by default only text that is not a JSON object is).
  key: z.optional(z.string().check(z.minLength(1))),
});

/** `secretsmanager`: one secret, a JSON object whose keys are configuration or one value, every value fingerprinted as it is read. */
export const secretsManagerKind = defineSourceKind({
  type: 'secretsmanager',
  schema,
  about:
    'A Secrets Manager secret (`secretId`: a name or an ARN), every value fingerprinted: a JSON object is its keys; other text, or any secret with `key`, is one value under `key` (default: the last segment of the name). Live, or recorded with `from` (get-secret-value output).',
  label: (spec) => (spec.from ? `secretsmanager ${spec.secretId} (recorded ${spec.from.join(', ')})` : `secretsmanager ${spec.secretId}`),
  references: {
    kind: 'secretsmanager',
    referable: (spec, result) => secretReferable(spec, result),
    resolver: (sources) => secretResolver(sources),
    // Every value of a secret is a fingerprint already: a reference has nothing left to hide.
    secretNames: () => [],
    nameOf: (o) => o.origin.location,
  },
  namePrefix: undefined,
  secretRead: (spec) => ({ secretId: spec.secretId, region: spec.region }),
  valueLine: undefined,
  servesFlags: false,
});
