import { dotenvRecording } from '../../recordings/flat-recording';
import { dotenvRevert } from '../../revert/file-revert';
import { dotenvObservations } from '../../sources/config-file';
import { emptyResult } from '../../sources/result';
import { attempt, merge } from '../attempt';
import { defineFileForm } from './file-form';

/** `dotenv`'s file form: KEY=value files read and recorded, and its revert plan. */
export const dotenvFiles = defineFileForm<'dotenv'>({
  recorded: {
    reader: (spec, ctx) => {
      const out = emptyResult();
      return {
        input: 'text',
        add(file, text) {
          const part = attempt(file, out.errors, () => dotenvObservations(text, file, ctx, spec.profiles));
          if (part) merge(out, part);
        },
        finish: () => out,
      };
    },
  },
  recording: { readsFiles: false, prepare: () => (final) => ({ type: 'dotenv', recording: dotenvRecording(final) }) },
  revert: dotenvRevert,
});
