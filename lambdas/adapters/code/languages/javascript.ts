import { treeConstantsIn } from '../file-constants';
import type { LanguageModule } from '../language';
import { readsIn, wrappersIn } from '../read-sites';
import { chainedIn } from '../wrapper-chains';
import { ecmascript, ecmascriptFor } from './ecmascript';
import { envExport } from './ecmascript-env';
import { classValidatorReads, classValidatorTypes } from './ecmascript-class-validator';
import { nestSchemaReads, nestSchemas, withSchemaDefaults } from './ecmascript-nest-schema';
import { defaultersOf, valueDefaulters } from './ecmascript-value-defaults';
import { NODE_CONFIG_FILES } from './node-config-files';

/** JavaScript: `process.env` (`.X`, `['X']`, destructured), k6's `__ENV`, `|| 'd'` and `?? 'd'`, node-config, the zod, t3-env, envalid and env-var schemas, wrappers and their wrappers. */
export const javascript: LanguageModule<'javascript'> = {
  id: 'javascript',
  extensions: ['.js', '.mjs', '.cjs', '.jsx'],
  // For TypeScript's reads too: a property framework's files serve its reads in any language.
  propertyFiles: NODE_CONFIG_FILES,
  grammar: (_extension: string) => 'tree-sitter-javascript/tree-sitter-javascript.wasm',
  wrappers: (tree) => [
    ...wrappersIn(ecmascript, tree.rootNode),
    ...nestSchemas(tree.rootNode),
    ...valueDefaulters(ecmascript, tree.rootNode),
  ],
  chained: (tree, known) => chainedIn(ecmascript, tree.rootNode, known),
  constants: (tree) => new Map([...treeConstantsIn(ecmascript, tree.rootNode), ...envExport(tree.rootNode)]),
  // class-validator classes, which the file that validates them against the environment may import.
  declared: (tree) => classValidatorTypes(tree.rootNode),
  reads: (tree, wrappers, declared, constants) => [
    ...classValidatorReads(
      tree.rootNode,
      withSchemaDefaults(
        readsIn(ecmascriptFor(tree.rootNode, constants, defaultersOf(wrappers)), tree.rootNode, wrappers, undefined, constants),
        wrappers,
      ),
      declared,
    ),
    ...nestSchemaReads(tree.rootNode),
  ],
};
