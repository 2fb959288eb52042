import fc from 'fast-check';
import type { Tree } from 'web-tree-sitter';
import { parserFor } from '../../../lambdas/adapters/code/grammars';
import type { Wrapper } from '../../../lambdas/adapters/code/language';
import { ecmascript } from '../../../lambdas/adapters/code/languages/ecmascript';
import { pythonGrammar } from '../../../lambdas/adapters/code/languages/python';
import { readsIn, wrappersIn, type ReadGrammar } from '../../../lambdas/adapters/code/read-sites';

// Statements real code is made of: reads in every form the language knows, wrappers, their calls, and
// code that reads nothing. A file is any sequence of them.
const JS = [
  "const a = process.env.PORT || '8080';",
  "const { CART_ADDR = '', HOST } = process.env;",
  "if ('DEBUG' in process.env) {}",
  "const k = __ENV.K6_TARGET_URL ?? 'x';",
  'const v = import.meta.env.VITE_API;',
  "const config = require('config');\nconfig.get('db.host');",
  'function getEnv(name, fallback) { return process.env[name] ?? fallback; }',
  "const u = getEnv('API_URL', 'http://x');",
  "let p = process.env.P;\nif (!p) { p = '1'; }",
  'function add(a, b) { return a + b; }',
  "const list = [1, 2, 3].map((x) => x * 2);\nconsole.log('environment ready');",
  'class Env { read(k) { return this.values[k]; } }',
];
const PY = [
  'import os',
  "port = os.getenv('PORT', '8080')",
  "addr = os.environ['PRODUCT_CATALOG_ADDR']",
  "h = os.environ.get('HOST') or 'localhost'",
  "if 'DEBUG' in os.environ:\n    pass",
  'from os import environ, getenv',
  "a = getenv('A')",
  'def must_env(key):\n    v = os.environ.get(key)\n    if v is None:\n        raise KeyError(key)\n    return v',
  "name = must_env('OTEL_SERVICE_NAME')",
  "p = os.getenv('P')\nif not p:\n    p = '1'",
  "import os as o\nz = o.getenv('Z')",
  "from os import environ as env\nw = env['W']",
  'def add(a, b):\n    return a + b',
  "values = {'environment': 'x'}\nprint(values)",
];

type Read = { name: string; row: number; via: string; fallback: unknown };
const readsOf = (grammar: ReadGrammar, trees: Tree[]): Read[] => {
  const wrappers = new Map<string, Wrapper>();
  for (const t of trees) for (const w of wrappersIn(grammar, t.rootNode)) wrappers.set(w.name, w);
  return trees.flatMap((t) =>
    readsIn(grammar, t.rootNode, wrappers).map((r) => ({ name: r.name, row: r.at.startPosition.row, via: r.via, fallback: r.fallback })),
  );
};

describe("a language's text prefilter (mayRead) never drops a read: the same reads as walking every file", () => {
  test.each<[string, string, ReadGrammar, string[]]>([
    ['JavaScript', 'tree-sitter-javascript/tree-sitter-javascript.wasm', ecmascript, JS],
    ['Python', 'tree-sitter-python/tree-sitter-python.wasm', pythonGrammar, PY],
  ])('%s', async (_language, wasm, grammar, statements) => {
    const parser = await parserFor(wasm);
    const everyFile: ReadGrammar = { ...grammar, mayRead: () => true };
    // The statements do read: the property compares reads, not two empty lists.
    expect(readsOf(grammar, [parser.parse(statements.join('\n')) as Tree]).length).toBeGreaterThanOrEqual(6);
    const file = fc.array(fc.constantFrom(...statements), { maxLength: 8 }).map((s) => s.join('\n'));
    fc.assert(
      fc.property(fc.array(file, { minLength: 1, maxLength: 3 }), (sources) => {
        const trees = sources.map((s) => parser.parse(s) as Tree);
        try {
          expect(readsOf(grammar, trees)).toEqual(readsOf(everyFile, trees));
        } finally {
          for (const t of trees) t.delete();
        }
      }),
      { numRuns: 150 },
    );
  });
});
