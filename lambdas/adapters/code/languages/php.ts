import type { LanguageModule } from '../language';

// SKELETON (being written): finds nothing yet.
export const php: LanguageModule<'php'> = {
  id: 'php',
  extensions: ['.php'],
  grammar: (_extension: string) => 'tree-sitter-php/tree-sitter-php.wasm',
  wrappers: () => [],
  reads: () => [],
};
