import { secretsManagerRecording } from '../../recordings/secretsmanager-recording';
import { secretsManagerRevert } from '../../revert/secretsmanager-revert';
import { parseConfigText } from '../../sources/config-file';
import { emptyResult } from '../../sources/result';
import { secretsManagerObservations, type SecretsManagerResult, type SecretsManagerSecret } from '../../sources/secretsmanager';
import { secretFromExport } from '../../sources/secretsmanager-export';
import { attempt } from '../attempt';
import { defineFileForm } from './file-form';

/** `secretsmanager`'s file form: get-secret-value output read and recorded, and its revert plan. */
export const secretsManagerFiles = defineFileForm<'secretsmanager'>({
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
          const read = secretsManagerObservations(secrets[0] as SecretsManagerSecret, spec.secretId, ctx, spec.key);
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
  revert: secretsManagerRevert,
});
