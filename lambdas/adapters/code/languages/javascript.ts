import type { LanguageModule } from '../language';
import { ecmascriptReading } from './ecmascript-reading';
import { NODE_CONFIG_FILES } from './node-config-files';

/** JavaScript: `process.env` (`.X`, `['X']`, destructured), k6's `__ENV`, `|| 'd'` and `?? 'd'`, node-config, the zod, t3-env, envalid and env-var schemas, wrappers and their wrappers. */
export const javascript: LanguageModule<'javascript'> = {
  id: 'javascript',
  extensions: ['.js', '.mjs', '.cjs', '.jsx'],
  // For TypeScript's reads too: a property framework's files serve its reads in any language.
  propertyFiles: NODE_CONFIG_FILES,
  grammar: (_extension: string) => 'tree-sitter-javascript/tree-sitter-javascript.wasm',
  ...ecmascriptReading,
};
