import * as z from 'zod';
import { secretsManagerRecording } from '../recordings/secretsmanager-recording';
import { parseConfigText } from '../sources/config-file';
import { emptyResult } from '../sources/result';
import { secretsManagerObservations, type SecretsManagerResult, type SecretsManagerSecret } from '../sources/secretsmanager';
import { SECRET_ID } from '../sources/secretsmanager-arn';
import { secretFromExport } from '../sources/secretsmanager-export';
import { attempt } from './attempt';
import { fromList, sourceFields } from './fields';
import { secretReferable, secretResolver } from './secretsmanager-references';
import { defineSourceKind } from './source-kind';
import { secretsManagerRevert } from '../revert/secretsmanager-revert';

const schema = sourceFields({
  secretId: z.string().regex(SECRET_ID, 'secretId is a secret name or a Secrets Manager ARN'),
  from: fromList.optional(),
  region: z.string().optional(),
});

/** `secretsmanager`: one JSON secret whose keys are configuration, every value fingerprinted as it is read. */
export const secretsManagerKind = defineSourceKind({
  type: 'secretsmanager',
  schema,
  about:
    'A Secrets Manager secret holding a JSON object (`secretId`: a name or an ARN), every value fingerprinted: live, or recorded with `from` (get-secret-value output).',
  label: (spec) => (spec.from ? `secretsmanager ${spec.secretId} (recorded ${spec.from.join(', ')})` : `secretsmanager ${spec.secretId}`),
  recorded: {
    reader: (spec, ctx) => {
      const out = emptyResult();
      const secrets: SecretsManagerSecret[] = [];
      return {
        input: 'text',
        add(file, text) {
          const secret = attempt(file, out.errors, () => secretFromExport(parseConfigText(text, file)));
          if (secret) secrets.push(secret);
        },
        finish(): SecretsManagerResult {
          if (secrets.length > 1) out.errors.push(`expected one get-secret-value output of ${spec.secretId}, found ${secrets.length}`);
          if (secrets.length !== 1) return out;
          const read = secretsManagerObservations(secrets[0] as SecretsManagerSecret, spec.secretId, ctx);
          return { ...read, errors: [...out.errors, ...read.errors] };
        },
      };
    },
  },
  // get-secret-value output whose SecretString holds markers, made from the snapshot alone.
  recording: {
    readsFiles: false,
    prepare: (spec) => (final) => {
      const recording = secretsManagerRecording(final, spec);
      return recording ? { type: 'secretsmanager', recording } : undefined;
    },
  },
  references: {
    kind: 'secretsmanager',
    referable: (spec, result) => secretReferable(spec, result),
    resolver: (sources) => secretResolver(sources),
    // Every value of a secret is a fingerprint already: a reference has nothing left to hide.
    secretNames: () => [],
    nameOf: (o) => o.origin.location,
  },
  revert: secretsManagerRevert,
  namePrefix: undefined,
});
