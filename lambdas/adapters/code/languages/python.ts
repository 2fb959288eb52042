import type { LanguageModule } from '../language';

// SKELETON (being written): finds nothing yet.
export const python: LanguageModule<'python'> = {
  id: 'python',
  extensions: ['.py'],
  grammar: (_extension: string) => 'tree-sitter-python/tree-sitter-python.wasm',
  wrappers: () => [],
  reads: () => [],
};
