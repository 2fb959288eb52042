import * as z from 'zod';
import { ecsRecording } from '../recordings/ecs-recording';
import { parseConfigText } from '../sources/config-file';
import { parseEcs, type EcsInputs } from '../sources/ecs';
import { emptyResult } from '../sources/result';
import { attempt, merge, quietly } from './attempt';
import { fromList, sourceFields } from './fields';
import { defineSourceKind, type TextFile } from './source-kind';
import { ecsRevert } from '../revert/ecs-revert';

const schema = sourceFields({
  cluster: z.string().optional(),
  service: z.string().optional(),
  container: z.string().optional(),
  from: fromList.optional(),
  region: z.string().optional(),
}).refine(
  (s) => s.from !== undefined || (s.cluster !== undefined && s.service !== undefined),
  'ecs needs `cluster` and `service` (live) or `from` (recorded)',
);

/** Environment files are read as dotenv; every other input is a JSON document (the CLI's output). */
export const isEnvFile = (file: string): boolean => /\.env$/i.test(file);

/** What recorded files hold for the parser; documents that do not parse are left out. */
function recordedInputs(files: TextFile[]): EcsInputs {
  const documents = files
    .filter((f) => !isEnvFile(f.file))
    .flatMap(({ file, text }) => {
      const json = quietly(() => parseConfigText(text, file));
      return json === undefined ? [] : [{ file, json }];
    });
  return { documents, envFiles: files.filter((f) => isEnvFile(f.file)) };
}

/** `ecs`: one container of a service's task definition, live or from the CLI's JSON. */
export const ecsKind = defineSourceKind<'ecs', typeof schema, EcsInputs>({
  type: 'ecs',
  schema,
  about:
    'An ECS container: live (`cluster`, `service`, `container`) or recorded (`from`: describe-task-definition and describe-services output).',
  label: (spec) => (spec.from ? `ecs (recorded ${spec.from.join(', ')})` : `ecs ${spec.cluster}/${spec.service}`),
  recorded: {
    reader: (spec, ctx) => {
      const out = emptyResult();
      const inputs: EcsInputs = { documents: [], envFiles: [] };
      return {
        input: 'text',
        add(file, text) {
          if (isEnvFile(file)) inputs.envFiles.push({ file, text });
          else {
            const json = attempt(file, out.errors, () => parseConfigText(text, file));
            if (json !== undefined) inputs.documents.push({ file, json });
          }
        },
        finish() {
          const opts = { container: spec.container, service: spec.service, cluster: spec.cluster };
          const part = attempt(spec.from?.join(', ') ?? 'ecs', out.errors, () => parseEcs(inputs, opts, ctx));
          if (part) merge(out, part);
          return out;
        },
      };
    },
  },
  // The documents its parser read, as the CLI prints them, and the environment files.
  recording: {
    readsFiles: true,
    prepare: (spec, ctx, { kept, files }) => {
      const inputs = spec.from ? recordedInputs(files ?? []) : kept;
      const names = {
        container: spec.container,
        ...(spec.cluster ? { cluster: spec.cluster } : {}),
        ...(spec.service ? { service: spec.service } : {}),
      };
      return () => (inputs ? { type: 'ecs', recording: ecsRecording(inputs, names, ctx) } : undefined);
    },
  },
  references: undefined,
  revert: ecsRevert,
  namePrefix: undefined,
  jsonSchema: { anyOf: [{ required: ['from'] }, { required: ['cluster', 'service'] }] },
});
