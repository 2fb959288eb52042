import { fileRecording } from '../recordings/flat-recording';
import { configFileBytesObservations } from '../sources/config-file';
import { emptyResult } from '../sources/result';
import { attempt, merge } from './attempt';
import { fromList, sourceFields } from './fields';
import { defineSourceKind } from './source-kind';
import { fileRevert } from '../revert/file-revert';
import { readsFile } from './read-files';

/** `file`: YAML or JSON configuration files, flattened to dotted keys. */
export const fileKind = defineSourceKind({
  type: 'file',
  schema: sourceFields({ from: fromList }),
  about: 'A YAML or JSON file; nested keys are flattened.',
  label: (spec) => `file ${spec.from.join(', ')}`,
  recorded: {
    // Parsed from the bytes as each file is read: JSON is then read in place.
    reader: (_spec, ctx) => {
      const out = emptyResult();
      return {
        input: 'bytes',
        add(file, bytes) {
          const part = attempt(file, out.errors, () => configFileBytesObservations(bytes, file, ctx));
          if (part) merge(out, part);
        },
        finish: () => out,
      };
    },
  },
  // One flat JSON file of its keys, as read.
  recording: { readsFiles: false, prepare: () => (final) => ({ type: 'file', recording: fileRecording(final) }) },
  references: undefined,
  revert: fileRevert,
  namePrefix: undefined,
  // `config/prod.json#database.pool_size`: the file, then `#`, then the key (which may hold a `#` too).
  reads: (spec, location) => (location.includes('#') ? readsFile(spec.from, (file) => location.startsWith(`${file}#`)) : undefined),
});
