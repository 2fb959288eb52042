import type { LanguageModule } from '../language';
import { readsIn, wrappersIn } from '../read-sites';
import { ecmascript } from './ecmascript';

/** JavaScript: `process.env` (`.X`, `['X']`, destructured), k6's `__ENV`, `|| 'd'` and `?? 'd'`, node-config and one level of wrapper. */
export const javascript: LanguageModule<'javascript'> = {
  id: 'javascript',
  extensions: ['.js', '.mjs', '.cjs', '.jsx'],
  grammar: (_extension: string) => 'tree-sitter-javascript/tree-sitter-javascript.wasm',
  wrappers: (tree) => wrappersIn(ecmascript, tree.rootNode),
  reads: (tree, wrappers) => readsIn(ecmascript, tree.rootNode, wrappers),
};
