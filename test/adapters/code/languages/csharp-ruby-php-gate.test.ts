import type { Tree } from 'web-tree-sitter';
import { parserFor } from '../../../../lambdas/adapters/code/grammars';
import type { LanguageModule, Wrapper } from '../../../../lambdas/adapters/code/language';
import { csharp, csharpGrammar } from '../../../../lambdas/adapters/code/languages/csharp';
import { LARAVEL_ENV, php, phpGrammar } from '../../../../lambdas/adapters/code/languages/php';
import { ruby, rubyGrammar } from '../../../../lambdas/adapters/code/languages/ruby';
import { readsIn, wrappersIn, type ReadGrammar } from '../../../../lambdas/adapters/code/read-sites';

// Statements the random programs are made of: reads, wrappers and their calls, and code that reads nothing.
const FRAGMENTS: Record<'csharp' | 'ruby' | 'php', string[]> = {
  csharp: [
    'var a = Environment.GetEnvironmentVariable("A") ?? "x";',
    'var b = builder.Configuration["B:C"];',
    'var c = cfg.GetValue<int>("C", 3);',
    'var d = Helpers.Get("D", "d");',
    'static string Get(string name, string fallback) => Environment.GetEnvironmentVariable(name) ?? fallback;',
    'string Need(IConfiguration c, string k) { var v = c[k]; if (v == null) throw new Exception(k); return v; }',
    'var e = Need(conf, "E");',
    'var x = items["X"]; Console.WriteLine(x);',
    'int Add(int p, int q) => p + q;',
  ],
  ruby: [
    "a = ENV['A'] || 'x'",
    'b = ENV.fetch("B", 1)',
    "c = Settings.opt('C', 2)",
    'def opt(name, default = nil)\n  ENV[name] || default\nend',
    "d = must 'D'",
    'def must(name)\n  ENV.fetch(name)\nend',
    "h = { 'X' => 1 }\nputs h['X']",
    'def add(p, q)\n  p + q\nend',
  ],
  php: [
    "$a = getenv('A') ?: 'x';",
    "$b = $_ENV['B'] ?? 'b';",
    "$c = env('C', 3);",
    "$d = Settings::get('D', 'd');",
    'function get($k, $d = null) { $v = getenv($k); return $v === false ? $d : $v; }',
    "$x = $items['X']; echo $x;",
    'function add($p, $q) { return $p + $q; }',
  ],
};

function random(seed: number): () => number {
  let s = seed;
  return () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
}

/** A random program: a few fragments in random order, sometimes with a random cut (a file that does not parse cleanly). */
function program(next: () => number, fragments: string[], prefix: string): string {
  const picked = Array.from({ length: 1 + Math.floor(next() * 5) }, () => fragments[Math.floor(next() * fragments.length)] ?? '');
  const text = prefix + picked.join('\n');
  if (next() < 0.3) return text;
  const at = Math.floor(next() * text.length);
  return text.slice(0, at) + text.slice(at + Math.floor(next() * 8));
}

const comparable = (language: LanguageModule, reads: ReturnType<LanguageModule['reads']>) =>
  reads.map((r) => ({
    language: language.id,
    name: r.name,
    row: r.at.startPosition.row,
    column: r.at.startPosition.column,
    via: r.via,
    fallback: r.fallback,
  }));

describe('the mayRead gate skips only files without a read', () => {
  it.each<[LanguageModule, ReadGrammar, string, string, Wrapper[]]>([
    [csharp, csharpGrammar, '.cs', '', []],
    [ruby, rubyGrammar, '.rb', '', []],
    [php, phpGrammar, '.php', '<?php\n', [LARAVEL_ENV]],
  ])('%s: gated and full walks agree on random programs', async (language, grammar, extension, prefix, builtin) => {
    const parser = await parserFor(language.grammar(extension));
    const full: ReadGrammar = { ...grammar, mayRead: () => true };
    const next = random(17);
    let reads = 0;
    for (let run = 0; run < 60; run++) {
      const trees = Array.from({ length: 3 }, () =>
        parser.parse(program(next, FRAGMENTS[language.id as keyof typeof FRAGMENTS], prefix)),
      ).filter((t): t is Tree => t !== null);
      const wrappers = (g: ReadGrammar) => new Map(trees.flatMap((t) => wrappersIn(g, t.rootNode)).map((w) => [w.name, w]));
      expect([...wrappers(grammar).values()]).toEqual([...wrappers(full).values()]);
      for (const tree of trees) {
        const gated = comparable(language, readsIn(grammar, tree.rootNode, wrappers(grammar), builtin));
        expect(gated).toEqual(comparable(language, readsIn(full, tree.rootNode, wrappers(full), builtin)));
        reads += gated.length;
      }
    }
    // The programs do read: the comparison is not of empty lists.
    expect(reads).toBeGreaterThan(50);
  });
});
