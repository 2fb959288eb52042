import { fromList, sourceFields, springProfiles } from './fields';
import { defineSourceKind } from './source-kind';
import { readsFile } from './read-files';

/** `file`: YAML or JSON configuration files, flattened to dotted keys. */
export const fileKind = defineSourceKind({
  type: 'file',
  schema: sourceFields({ from: fromList, profiles: springProfiles }),
  about:
    "A YAML or JSON file; nested keys are flattened; a YAML file's `---` documents are read as Spring reads application.yml's, with `profiles` active.",
  label: (spec) => `file ${spec.from.join(', ')}`,
  references: undefined,
  namePrefix: undefined,
  valueLine: 'key-path',
  servesFlags: false,
  // `config/prod.json#database.pool_size`: the file, then `#`, then the key (which may hold a `#` too).
  reads: (spec, location) => (location.includes('#') ? readsFile(spec.from, (file) => location.startsWith(`${file}#`)) : undefined),
});
