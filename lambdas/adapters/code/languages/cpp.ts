import type { LanguageModule } from '../language';

// SKELETON (being written): finds nothing yet.
export const cpp: LanguageModule<'cpp'> = {
  id: 'cpp',
  extensions: ['.cpp', '.cc', '.cxx', '.hpp', '.hh', '.h'],
  grammar: (_extension: string) => 'tree-sitter-cpp/tree-sitter-cpp.wasm',
  wrappers: () => [],
  reads: () => [],
};
