import * as z from 'zod';
import { fromList, sourceFields } from './fields';

/** `profiles: prod` or `[dev, api-docs]` (or `prod,api-docs`, as SPRING_PROFILES_ACTIVE writes them): the Spring profiles active. */
const profiles = z
  .union([z.string().min(1), z.array(z.string().min(1))])
  .transform((v) => (Array.isArray(v) ? v : v.split(',')).map((p) => p.trim()).filter((p) => p !== ''))
  .optional();
import { defineSourceKind } from './source-kind';
import { readsFile } from './read-files';

/** `file`: YAML or JSON configuration files, flattened to dotted keys. */
export const fileKind = defineSourceKind({
  type: 'file',
  schema: sourceFields({ from: fromList, profiles }),
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
