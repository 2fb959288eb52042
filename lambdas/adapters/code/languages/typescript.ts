import type { LanguageModule } from '../language';

// SKELETON (being written): finds nothing yet.
export const typescript: LanguageModule<'typescript'> = {
  id: 'typescript',
  extensions: ['.ts', '.mts', '.cts', '.tsx'],
  grammar: (extension: string) =>
    extension === '.tsx' ? 'tree-sitter-typescript/tree-sitter-tsx.wasm' : 'tree-sitter-typescript/tree-sitter-typescript.wasm',
  wrappers: () => [],
  reads: () => [],
};
