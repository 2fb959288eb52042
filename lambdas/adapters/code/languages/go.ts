import type { LanguageModule } from '../language';

// SKELETON (being written): finds nothing yet.
export const go: LanguageModule<'go'> = {
  id: 'go',
  extensions: ['.go'],
  grammar: (_extension: string) => 'tree-sitter-go/tree-sitter-go.wasm',
  wrappers: () => [],
  reads: () => [],
};
