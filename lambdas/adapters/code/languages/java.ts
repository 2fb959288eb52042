import type { LanguageModule } from '../language';

// SKELETON (being written): finds nothing yet.
export const java: LanguageModule<'java'> = {
  id: 'java',
  extensions: ['.java'],
  grammar: (_extension: string) => 'tree-sitter-java/tree-sitter-java.wasm',
  wrappers: () => [],
  reads: () => [],
};
