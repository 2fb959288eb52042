import type { LanguageModule } from '../language';

// SKELETON (being written): finds nothing yet.
export const javascript: LanguageModule<'javascript'> = {
  id: 'javascript',
  extensions: ['.js', '.mjs', '.cjs', '.jsx'],
  grammar: (_extension: string) => 'tree-sitter-javascript/tree-sitter-javascript.wasm',
  wrappers: () => [],
  reads: () => [],
};
