import { readFile } from 'node:fs/promises';
import { setFlagsFromString } from 'node:v8';
import { Language, Parser, type Tree, type TreeCursor } from 'web-tree-sitter';

let ready: Promise<void> | undefined;
const languages = new Map<string, Promise<Language>>();

// `require` is CommonJS's under ts-jest and the CLI bundle's banner's (scripts/build.mjs) in the ESM build.
/** A parser for a grammar's WebAssembly (a module path, `tree-sitter-go/tree-sitter-go.wasm`); the runtime and each grammar load once per process. */
export async function parserFor(grammar: string): Promise<Parser> {
  // The grammars are megabytes of WebAssembly that a scan runs for a moment: V8's optimising compiler
  // costs more than it saves (the opentelemetry-demo's scan: 0.45 s of CPU with the baseline compiler
  // only, 1.4 s without; a 2.7 MB TypeScript tree 15% slower). Only the scanner runs WebAssembly here.
  if (ready === undefined) setFlagsFromString('--liftoff-only');
  ready ??= Parser.init();
  await ready;
  let language = languages.get(grammar);
  if (language === undefined) {
    // Bytes, not a path: given a path, web-tree-sitter imports `fs` dynamically, which jest's CommonJS cannot.
    language = readFile(require.resolve(grammar)).then((bytes) => Language.load(bytes));
    languages.set(grammar, language);
  }
  const parser = new Parser();
  parser.setLanguage(await language);
  return parser;
}

/**
 * The deepest a zero-width node may lie in a tree the readers walk (levels a cursor sees). tree-sitter finds such a
 * node's parent (and so its siblings) recursively, a WebAssembly stack frame per level, hidden levels included: past
 * 162 visible levels in PHP, 219 in JavaScript, its stack overflows, which traps, and every later call into the module
 * fails; a file of 220 parentheses around `a.` ended the whole scan. The nodes the parser inserts to repair a syntax
 * error (a missing name or bracket) are zero-width; in a tree without errors, one is rare and shallow (an empty
 * heredoc), so only a tree with errors is walked to check.
 */
export const MAX_EMPTY_NODE_DEPTH = 100;

/** True when a zero-width node of `tree` lies deeper than MAX_EMPTY_NODE_DEPTH; a tree without errors is not walked. */
export function holdsDeepRepair(tree: Tree): boolean {
  return tree.rootNode.hasError && someNode(tree, (cursor, depth) => depth > MAX_EMPTY_NODE_DEPTH && cursor.startIndex === cursor.endIndex);
}

/**
 * Whether `found` holds at a node of `tree`, walked depth first with a cursor (no recursion, however deep), entering only
 * the nodes `enter` allows.
 */
function someNode(
  tree: Tree,
  found: (cursor: TreeCursor, depth: number) => boolean,
  enter: (cursor: TreeCursor, depth: number) => boolean = () => true,
): boolean {
  const cursor = tree.walk();
  try {
    for (let depth = 0; ;) {
      if (found(cursor, depth)) return true;
      if (enter(cursor, depth) && cursor.gotoFirstChild()) depth++;
      else
        while (!cursor.gotoNextSibling()) {
          if (!cursor.gotoParent()) return false;
          depth--;
        }
    }
  } finally {
    cursor.delete();
  }
}

/**
 * The deepest a tree the readers walk may be. tree-sitter finds a node's parent from the root down, so each step up
 * from a read costs its depth, and a read looks a few levels up: a condition of 5,000 `and`s (one level each, no
 * bracket that the code reader's bracket limit counts) and a read at each took minutes. The example estate's and the
 * fixtures' trees are under 50 deep; a thousand levels read in about 15 s.
 */
export const MAX_TREE_DEPTH = 1_000;

/** Whether a tree is deeper than `limit`; only subtrees of more nodes than the levels left are walked (a node knows how many it holds). */
export const deeperThan = (tree: Tree, limit: number): boolean =>
  someNode(
    tree,
    (_, depth) => depth > limit,
    (cursor, depth) => cursor.currentNode.descendantCount > limit - depth,
  );

type Unwalkable = 'does not parse' | `a syntax error nested more than ${number} deep` | `a syntax tree more than ${number} deep`;

/** The tree of `text`, else why it is not read: it does not parse, or the readers cannot walk it (holdsDeepRepair, MAX_TREE_DEPTH). */
export function walkableTree(parser: Parser, text: string): Tree | Unwalkable {
  const tree = parser.parse(text);
  if (!tree) return 'does not parse';
  const unwalkable = holdsDeepRepair(tree)
    ? (`a syntax error nested more than ${MAX_EMPTY_NODE_DEPTH} deep` as const)
    : deeperThan(tree, MAX_TREE_DEPTH)
      ? (`a syntax tree more than ${MAX_TREE_DEPTH} deep` as const)
      : undefined;
  if (unwalkable === undefined) return tree;
  tree.delete();
  return unwalkable;
}
