import { ecsRecording } from '../../recordings/ecs-recording';
import { ecsRevert } from '../../revert/ecs-revert';
import { parseConfigText } from '../../sources/config-file';
import { parseEcs, type EcsInputs } from '../../sources/ecs';
import { emptyResult } from '../../sources/result';
import { attempt, merge, quietly } from '../attempt';
import type { TextFile } from '../source-kind';
import { defineFileForm } from './file-form';

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

/** `ecs`'s file form: the CLI's JSON (and environment files) read and recorded, and its revert plan. */
export const ecsFiles = defineFileForm<'ecs', EcsInputs>({
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
  revert: ecsRevert,
});
