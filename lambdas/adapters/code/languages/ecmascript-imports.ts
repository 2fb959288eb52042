import type { Node } from 'web-tree-sitter';
import { plainString } from '../syntax';

/** A name a file imports: `{ IsString as S }` imports IsString as the local S. */
export interface NamedImport {
  readonly name: string;
  readonly local: string;
}

/** What a file imports from one of `modules`: names (`import { a, b as c }`) and namespaces (`import * as m`). */
export function importsFrom(root: Node, modules: readonly string[]): { named: NamedImport[]; namespaces: string[] } {
  const [named, namespaces]: [NamedImport[], string[]] = [[], []];
  for (const statement of root.descendantsOfType('import_statement')) {
    const source = statement?.childForFieldName('source');
    const module = source ? plainString(source, ['string']) : undefined;
    if (!statement || module === undefined || !modules.includes(module)) continue;
    for (const spec of statement.descendantsOfType('import_specifier')) {
      const [name, alias] = [spec?.childForFieldName('name')?.text, spec?.childForFieldName('alias')?.text];
      if (name) named.push({ name, local: alias ?? name });
    }
    for (const space of statement.descendantsOfType('namespace_import'))
      if (space?.namedChildren[0]) namespaces.push(space.namedChildren[0].text);
  }
  return { named, namespaces };
}

/** The local names a file gives `name` imported from one of `modules` (`import { loadEnv as load } from 'vite'`). */
export const importedAs = (root: Node, modules: readonly string[], name: string): Set<string> =>
  new Set(
    importsFrom(root, modules)
      .named.filter((i) => i.name === name)
      .map((i) => i.local),
  );
