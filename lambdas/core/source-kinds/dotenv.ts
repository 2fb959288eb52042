import { fromList, sourceFields } from './fields';
import { defineSourceKind } from './source-kind';
import { readsFile } from './read-files';

/** `dotenv`: KEY=value files, the later file winning. */
export const dotenvKind = defineSourceKind({
  type: 'dotenv',
  schema: sourceFields({ from: fromList }),
  about: 'A dotenv file (KEY=value lines).',
  label: (spec) => `dotenv ${spec.from.join(', ')}`,
  references: undefined,
  namePrefix: undefined,
  valueLine: 'line',
  servesFlags: false,
  // `env/staging.env:7`: the file is before the line number.
  reads: (spec, location) => (/:\d+$/.test(location) ? readsFile(spec.from, (file) => file === location.replace(/:\d+$/, '')) : undefined),
});
