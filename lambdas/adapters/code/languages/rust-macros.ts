import { Parser, type Language, type Tree } from 'web-tree-sitter';
import { walkableTree } from '../grammars';

const parsers = new WeakMap<Language, Parser>();
const MAX_DEPTH = 3;

function parserOf(language: Language): Parser {
  let parser = parsers.get(language);
  if (!parser) {
    parser = new Parser();
    parser.setLanguage(language);
    parsers.set(language, parser);
  }
  return parser;
}

/**
 * The arguments of macro calls (`format!(…)`, `info!(…)`) whose tokens `worth` accepts, parsed as expressions.
 * tree-sitter keeps a macro's arguments as bare tokens; each is parsed again in a copy of the file blanked
 * around it (newlines kept), so its nodes keep the file's lines and columns.
 */
export function macroArguments(tree: Tree, worth: (tokens: string) => boolean, depth = 0): Tree[] {
  if (depth >= MAX_DEPTH) return [];
  const root = tree.rootNode;
  // The root starts at the first token: put back the lines (and spaces) before it so offsets stay the file's.
  const source = '\n'.repeat(root.startPosition.row).padEnd(root.startIndex, ' ') + root.text;
  const found: Tree[] = [];
  for (const macro of root.descendantsOfType('macro_invocation')) {
    const tokens = macro?.namedChildren.find((c) => c?.type === 'token_tree');
    if (!tokens || !worth(tokens.text)) continue;
    const [start, end] = [tokens.startIndex, tokens.endIndex];
    const blank = (text: string) => text.replace(/[^\n]/g, ' ');
    const copy = walkableTree(
      parserOf(tree.language),
      `${blank(source.slice(0, start))}${source.slice(start, end)}${blank(source.slice(end))};`,
    );
    if (typeof copy !== 'string') found.push(copy, ...macroArguments(copy, worth, depth + 1));
  }
  return found;
}
