import { treeConstantsIn } from '../file-constants';
import type { LanguageModule } from '../language';
import { readsIn, wrappersIn } from '../read-sites';
import { chainedIn } from '../wrapper-chains';
import { ecmascript, ecmascriptFor } from './ecmascript';
import { envExport } from './ecmascript-env';
import { classValidatorReads, classValidatorTypes } from './ecmascript-class-validator';
import { nestSchemaReads, nestSchemas, withSchemaDefaults } from './ecmascript-nest-schema';
import { defaultersOf, valueDefaulters } from './ecmascript-value-defaults';

/** TypeScript and TSX: read as JavaScript (the grammars name these constructs alike; casts and `!` are looked through). */
export const typescript: LanguageModule<'typescript'> = {
  id: 'typescript',
  extensions: ['.ts', '.mts', '.cts', '.tsx'],
  grammar: (extension: string) =>
    extension === '.tsx' ? 'tree-sitter-typescript/tree-sitter-tsx.wasm' : 'tree-sitter-typescript/tree-sitter-typescript.wasm',
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
