import type { LanguageModule } from '../language';

// SKELETON (being written): finds nothing yet.
export const ruby: LanguageModule<'ruby'> = {
  id: 'ruby',
  extensions: ['.rb'],
  grammar: (_extension: string) => 'tree-sitter-ruby/tree-sitter-ruby.wasm',
  wrappers: () => [],
  reads: () => [],
};
