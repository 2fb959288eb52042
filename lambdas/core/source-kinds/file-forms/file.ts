import { fileRecording } from '../../recordings/flat-recording';
import { fileRevert } from '../../revert/file-revert';
import { configFileBytesObservations } from '../../sources/config-file';
import { emptyResult } from '../../sources/result';
import { attempt, merge } from '../attempt';
import { defineFileForm } from './file-form';

/** `file`'s file form: YAML or JSON files read and recorded, and its revert plan. */
export const fileFiles = defineFileForm<'file'>({
  recorded: {
    // Parsed from the bytes as each file is read: JSON is then read in place.
    reader: (spec, ctx) => {
      const out = emptyResult();
      return {
        input: 'bytes',
        add(file, bytes) {
          const part = attempt(file, out.errors, () => configFileBytesObservations(bytes, file, ctx, spec.profiles));
          if (part) merge(out, part);
        },
        finish: () => out,
      };
    },
  },
  // One flat JSON file of its keys, as read.
  recording: { readsFiles: false, prepare: () => (final) => ({ type: 'file', recording: fileRecording(final) }) },
  revert: fileRevert,
});
