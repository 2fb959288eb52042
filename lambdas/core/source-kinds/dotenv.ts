import { fromList, sourceFields, springProfiles } from './fields';
import { defineSourceKind } from './source-kind';
import { readsFile } from './read-files';

/** `dotenv`: KEY=value files, the later file winning. */
export const dotenvKind = defineSourceKind({
  type: 'dotenv',
  schema: sourceFields({ from: fromList, profiles: springProfiles }),
  about:
    "A dotenv file (KEY=value lines); a Spring `.properties` file's `#---` documents are read as Spring reads them, with `profiles` active.",
  label: (spec) => `dotenv ${spec.from.join(', ')}`,
  references: undefined,
  namePrefix: undefined,
  valueLine: 'line',
  servesFlags: false,
  // `env/staging.env:7`: the file is before the line number.
  reads: (spec, location) => (/:\d+$/.test(location) ? readsFile(spec.from, (file) => file === location.replace(/:\d+$/, '')) : undefined),
});
