import { treeConstantsIn } from '../file-constants';
import type { LanguageModule } from '../language';
import { readsIn, wrappersIn } from '../read-sites';
import { chainedIn } from '../wrapper-chains';
import { ecmascript, ecmascriptFor } from './ecmascript';
import { envExport } from './ecmascript-env';
import { classValidatorReads, classValidatorTypes } from './ecmascript-class-validator';
import { nestSchemaReads, nestSchemas, withSchemaDefaults } from './ecmascript-nest-schema';
import { defaultersOf, valueDefaulters } from './ecmascript-value-defaults';

/**
 * How JavaScript and TypeScript are read, passes 1 and 2 alike (their grammars name these constructs alike): `process.env`
 * and its aliases, the schema libraries, NestJS, class-validator, wrappers and their wrappers, value defaulters.
 */
export const ecmascriptReading: Pick<LanguageModule, 'wrappers' | 'chained' | 'constants' | 'declared' | 'reads'> = {
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
