import { dotenvRecording } from '../recordings/flat-recording';
import { dotenvObservations } from '../sources/config-file';
import { emptyResult } from '../sources/result';
import { attempt, merge } from './attempt';
import { fromList, sourceFields } from './fields';
import { defineSourceKind } from './source-kind';
import { dotenvRevert } from '../revert/file-revert';
import { readsFile } from './read-files';

/** `dotenv`: KEY=value files, the later file winning. */
export const dotenvKind = defineSourceKind({
  type: 'dotenv',
  schema: sourceFields({ from: fromList }),
  about: 'A dotenv file (KEY=value lines).',
  label: (spec) => `dotenv ${spec.from.join(', ')}`,
  recorded: {
    reader: (_spec, ctx) => {
      const out = emptyResult();
      return {
        input: 'text',
        add(file, text) {
          const part = attempt(file, out.errors, () => dotenvObservations(text, file, ctx));
          if (part) merge(out, part);
        },
        finish: () => out,
      };
    },
  },
  recording: { readsFiles: false, prepare: () => (final) => ({ type: 'dotenv', recording: dotenvRecording(final) }) },
  references: undefined,
  revert: dotenvRevert,
  namePrefix: undefined,
  // `env/staging.env:7`: the file is before the line number.
  reads: (spec, location) => (/:\d+$/.test(location) ? readsFile(spec.from, (file) => file === location.replace(/:\d+$/, '')) : undefined),
});
