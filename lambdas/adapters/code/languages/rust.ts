import type { LanguageModule } from '../language';

// SKELETON (being written): finds nothing yet.
export const rust: LanguageModule<'rust'> = {
  id: 'rust',
  extensions: ['.rs'],
  grammar: (_extension: string) => 'tree-sitter-rust/tree-sitter-rust.wasm',
  wrappers: () => [],
  reads: () => [],
};
