import type { LanguageModule } from '../language';
import { ecmascriptReading } from './ecmascript-reading';

/** TypeScript and TSX: read as JavaScript (the grammars name these constructs alike; casts and `!` are looked through). */
export const typescript: LanguageModule<'typescript'> = {
  id: 'typescript',
  extensions: ['.ts', '.mts', '.cts', '.tsx'],
  grammar: (extension: string) =>
    extension === '.tsx' ? 'tree-sitter-typescript/tree-sitter-tsx.wasm' : 'tree-sitter-typescript/tree-sitter-typescript.wasm',
  ...ecmascriptReading,
};
