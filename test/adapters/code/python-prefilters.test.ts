import fc from 'fast-check';
import type { Tree } from 'web-tree-sitter';
import { parserFor } from '../../../lambdas/adapters/code/grammars';
import type { Wrapper } from '../../../lambdas/adapters/code/language';
import { python } from '../../../lambdas/adapters/code/languages/python';

// Statements of settings modules: pydantic settings, django-environ (its reader made in one file, imported by another),
// decouple, the URL parsers, os reads inside presence guards, and code that reads nothing.
const PY = [
  'import os',
  'from pydantic_settings import BaseSettings',
  'class Settings(BaseSettings):\n    port: int = 8080\n    host: str',
  'import environ\nenv = environ.Env(DEBUG=(bool, False))',
  "DEBUG = env('DEBUG')",
  "from app.env import env\nX = env.int('X', 5)",
  "from decouple import config\nT = config('T', default='x')",
  'import dj_database_url\nDB = dj_database_url.config(conn_max_age=600)',
  "if 'A' in os.environ:\n    a = os.environ['B']",
  "p = os.getenv('P')",
  'def add(a, b):\n    return a + b',
];
// A comment naming what each text prefilter looks for: every prefilter lets the file through, and nothing else changes.
const OPENED = '\n# BaseSettings environ environs decouple dj_database_url django_cache_url dj_email_url env\n';

type Read = { name: string; row: number; via: string; fallback: unknown; onlyWhereSet?: readonly string[] };
function readsOf(trees: Tree[]): Read[][] {
  const wrappers = new Map<string, Wrapper>();
  for (const t of trees) for (const w of python.wrappers(t)) wrappers.set(w.name, w);
  return trees.map((t) =>
    python
      .reads(t, wrappers)
      .map((r) => ({ name: r.name, row: r.at.startPosition.row, via: r.via, fallback: r.fallback, onlyWhereSet: r.onlyWhereSet })),
  );
}

describe("Python's text prefilters (a settings class's BaseSettings, a library's module) never drop a read", () => {
  test('the reads of random settings modules are those of the same modules with every prefilter let through', async () => {
    const parser = await parserFor('tree-sitter-python/tree-sitter-python.wasm');
    // The statements do read, through each library: the property compares reads, not two empty lists.
    const all = readsOf([parser.parse(PY.join('\n')) as Tree]).flat();
    expect(new Set(all.map((r) => r.via.replace(/^.*\(|\)$/g, '')))).toEqual(
      new Set([
        'pydantic BaseSettings',
        'django-environ',
        'python-decouple',
        'dj-database-url',
        'os.environ',
        'in os.environ',
        'os.getenv',
      ]),
    );
    const file = fc.array(fc.constantFrom(...PY), { maxLength: 6 }).map((s) => s.join('\n'));
    fc.assert(
      fc.property(fc.array(file, { minLength: 1, maxLength: 3 }), (sources) => {
        const gated = sources.map((s) => parser.parse(s) as Tree);
        const opened = sources.map((s) => parser.parse(s + OPENED) as Tree);
        try {
          expect(readsOf(gated)).toEqual(readsOf(opened));
        } finally {
          for (const t of [...gated, ...opened]) t.delete();
        }
      }),
      { numRuns: 100 },
    );
  });
});
