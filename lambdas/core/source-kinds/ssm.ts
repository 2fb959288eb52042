import * as z from 'zod';
import { ssmRecording } from '../recordings/ssm-recording';
import { emptyResult } from '../sources/result';
import { ssmFolder } from '../sources/ssm';
import { ssmFileObservations } from '../sources/ssm-file';
import { append, attempt } from './attempt';
import { fromList, sourceFields } from './fields';
import { defineSourceKind } from './source-kind';
import { parameterNames, ssmReferable, ssmResolver } from './ssm-references';
import { ssmRevert } from '../revert/ssm-revert';

const schema = sourceFields({
  path: z.string().startsWith('/', 'an SSM path starts with "/"'),
  from: fromList.optional(),
  region: z.string().optional(),
  decrypt: z.boolean().optional(),
});

/** `ssm`: Parameter Store under a path, live or from `get-parameters-by-path` exports. */
export const ssmKind = defineSourceKind({
  type: 'ssm',
  schema,
  about: 'SSM Parameter Store under `path`, recursive: live, or recorded with `from` (get-parameters-by-path output).',
  label: (spec) => (spec.from ? `ssm ${spec.path} (recorded ${spec.from.join(', ')})` : `ssm ${spec.path}`),
  recorded: {
    // Exports are parsed from their bytes as each is read: a big one is then read in place.
    reader: (spec, ctx) => {
      const out = emptyResult();
      // Errors keep the order of the other sources: unparsable inputs, then keys.
      const parseErrors: string[] = [];
      const keyErrors: string[] = [];
      let parameters = 0;
      return {
        input: 'bytes',
        add(file, bytes) {
          const part = attempt(file, parseErrors, () =>
            ssmFileObservations(bytes, file, spec.path, ctx, { decrypted: spec.decrypt ?? true }),
          );
          if (!part) return;
          if (out.observations.length === 0) out.observations = part.observations;
          else append(out.observations, part.observations);
          append(keyErrors, part.errors);
          parameters += part.parameters;
        },
        finish() {
          append(out.errors, parseErrors);
          append(out.errors, keyErrors);
          // A recording of another path would otherwise look like every parameter was deleted.
          if (parameters > 0 && out.observations.length === 0 && keyErrors.length === 0) {
            out.errors.push(`the recorded export holds ${parameters} parameter(s), none under ${spec.path}`);
          }
          return out;
        },
      };
    },
  },
  // A get-parameters-by-path export.
  recording: {
    readsFiles: false,
    prepare: (spec) => (final) => ({ type: 'ssm', recording: ssmRecording(final, spec.path, spec.decrypt ?? true) }),
  },
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
  revert: ssmRevert,
  namePrefix: (spec) => ssmFolder(spec.path),
  // A parameter's full name; anything else is a location this kind cannot tell about.
  reads: (spec, location) => (location.startsWith('/') ? location.startsWith(ssmFolder(spec.path)) : undefined),
});
