import type { LanguageModule } from '../language';

// SKELETON (being written): finds nothing yet.
export const csharp: LanguageModule<'csharp'> = {
  id: 'csharp',
  extensions: ['.cs'],
  grammar: (_extension: string) => 'tree-sitter-c-sharp/tree-sitter-c_sharp.wasm',
  wrappers: () => [],
  reads: () => [],
};
