import type { LanguageModule } from '../language';

// SKELETON (being written): finds nothing yet.
export const kotlin: LanguageModule<'kotlin'> = {
  id: 'kotlin',
  extensions: ['.kt', '.kts'],
  grammar: (_extension: string) => '@tree-sitter-grammars/tree-sitter-kotlin/tree-sitter-kotlin.wasm',
  wrappers: () => [],
  reads: () => [],
};
