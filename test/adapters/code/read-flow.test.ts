import type { LanguageModule } from '../../../lambdas/adapters/code/language';
import { csharp } from '../../../lambdas/adapters/code/languages/csharp';
import { go } from '../../../lambdas/adapters/code/languages/go';
import { java } from '../../../lambdas/adapters/code/languages/java';
import { javascript } from '../../../lambdas/adapters/code/languages/javascript';
import { php } from '../../../lambdas/adapters/code/languages/php';
import { python } from '../../../lambdas/adapters/code/languages/python';
import { ruby } from '../../../lambdas/adapters/code/languages/ruby';
import fc from 'fast-check';
import { parserFor } from '../../../lambdas/adapters/code/grammars';
import { PREDICATE_REST, subjectMatch, testOf, TYPE_REST } from '../../../lambdas/adapters/code/empty-test';
import { readsOf } from '../../helpers/code-snippet';

// One flow analysis serves every language: the same shapes give the same fallbacks whatever the syntax.
describe('the shared flow analysis after a stored read', () => {
  test.each<[string, LanguageModule, string, string]>([
    ['C#', csharp, '.cs', 'string F() {\n  var v = Environment.GetEnvironmentVariable("X");\n  if (v != null) return v;\n  return "d";\n}'],
    ['PHP', php, '.php', "<?php\nfunction f() {\n  $v = getenv('X');\n  if ($v !== false) { return $v; }\n  return 'd';\n}"],
    ['Ruby', ruby, '.rb', "def f\n  v = ENV['X']\n  return v unless v.nil?\n  return 'd'\nend"],
    ['Python', python, '.py', "import os\ndef f():\n    v = os.getenv('X')\n    if v:\n        return v\n    return 'd'"],
    ['JavaScript', javascript, '.js', "function f() {\n  const v = process.env.X;\n  if (v) return v;\n  return 'd';\n}"],
    ['Go', go, '.go', 'package main\n\nfunc f() string {\n\tif v := os.Getenv("X"); v != "" {\n\t\treturn v\n\t}\n\treturn "d"\n}'],
    [
      'Java',
      java,
      '.java',
      'class C {\n  String f() {\n    String v = System.getenv("X");\n    if (v != null) return v;\n    return "d";\n  }\n}',
    ],
  ])('%s: a test that it is set returns it, then the default', async (_language, language, extension, source) => {
    const [read] = await readsOf(language, extension, source);
    expect(read?.fallback).toMatchObject({ kind: 'default', value: expect.stringMatching(/^["']d["']$/) });
  });

  test.each<[string, LanguageModule, string, string]>([
    ['C#', csharp, '.cs', 'var v = Environment.GetEnvironmentVariable("X");\nif (string.IsNullOrWhiteSpace(v)) v = v + "!";'],
    ['PHP', php, '.php', "<?php\n$v = getenv('X');\nif ($v === false) { $v = strtoupper($v); }"],
    ['Ruby', ruby, '.rb', "v = ENV['X']\nv = v.to_s unless v"],
    ['Python', python, '.py', "import os\nv = os.getenv('X')\nif v is None:\n    v = str(v)"],
  ])('%s: an assignment that transforms the value gives no default', async (_language, language, extension, source) => {
    const [read] = await readsOf(language, extension, source);
    expect(read?.fallback).toEqual({ kind: 'none' });
  });

  // Unset takes the other branch: an optional switch, not a key the code needs (a high `unset` finding and a failed gate).
  test.each<[string, LanguageModule, string, string]>([
    ['JavaScript, a truthy test', javascript, '.js', 'if (process.env.DISABLE_TELEMETRY) { off(); }'],
    ['JavaScript, a comparison with a literal', javascript, '.js', "const on = process.env.FEATURE_X === 'true';"],
    ['Ruby, present? in a ternary', ruby, '.rb', "mode = ENV['X'].present? ? 'a' : 'b'"],
    ['C#, a null test', csharp, '.cs', 'if (configuration["X"] != null) { Go(); }'],
    ['Python, a comparison in an if', python, '.py', "import os\nif os.getenv('X') == 'true':\n    go()"],
    ['Java, a null test', java, '.java', 'class C { void f() { if (System.getenv("X") != null) { go(); } } }'],
    ['PHP, a truthy test', php, '.php', "<?php\nif (getenv('X')) { go(); }"],
    ['JavaScript, !! makes a boolean', javascript, '.js', 'const cloud = { on: !!process.env.CLOUD_MODE };'],
    ['JavaScript, Boolean() of an && of reads', javascript, '.js', 'const enabled = Boolean(process.env.KAFKA_URL && other);'],
    [
      'JavaScript, a negated read in a compound condition',
      javascript,
      '.js',
      'if (!process.env.DISABLE_BOT_CHECK && isbot(ua)) { deny(); }',
    ],
    ['Python, bool()', python, '.py', "import os\non = bool(os.getenv('X'))"],
    ['Python, not', python, '.py', "import os\noff = not os.getenv('X')"],
    ['C#, ! of IsNullOrWhiteSpace', csharp, '.cs', 'var useOtlp = !string.IsNullOrWhiteSpace(builder.Configuration["X"]);'],
    ['C#, IsNullOrEmpty that returns early', csharp, '.cs', 'void F() { if (string.IsNullOrEmpty(configuration["X"])) { return; } Go(); }'],
    ['C#, a type pattern', csharp, '.cs', 'if (builder.Configuration["X"] is string on && bool.Parse(on)) { Go(); }'],
    ['C#, TryParse', csharp, '.cs', 'bool.TryParse(configuration["X"], out var validate);'],
  ])('%s: a read that only decides a branch runs without the key', async (_name, language, extension, source) => {
    const [read] = await readsOf(language, extension, source);
    expect(read?.fallback).toEqual({ kind: 'default' });
  });

  test.each<[string, LanguageModule, string, string]>([
    ['JavaScript, throw when unset', javascript, '.js', "if (!process.env.DB_URL) { throw new Error('DB_URL is required'); }"],
    ['JavaScript, exit in the else', javascript, '.js', 'if (process.env.DB_URL) { connect(); } else { process.exit(1); }'],
    ['JavaScript, a literal test that holds when unset', javascript, '.js', "if (process.env.MODE !== 'prod') { throw new Error('x'); }"],
    ['Python, raise when unset', python, '.py', "import os\nif not os.environ.get('X'):\n    raise SystemExit('X is required')"],
    ['JavaScript, a read used in the body', javascript, '.js', 'if (ready) { connect(process.env.DB_URL); }'],
    [
      'C#, IsNullOrEmpty that throws',
      csharp,
      '.cs',
      'if (string.IsNullOrEmpty(configuration["X"])) { throw new InvalidOperationException("X"); }',
    ],
    ['JavaScript, ! of a method of the value (it throws when unset)', javascript, '.js', "const e = !process.env.X.includes('a');"],
  ])('%s: the key stays required', async (_name, language, extension, source) => {
    const [read] = await readsOf(language, extension, source);
    expect(read?.fallback).toEqual({ kind: 'none' });
  });
});

// A condition of thousands of `and`s is a tree as deep: each of its levels was searched again (minutes), and the
// recursion over it overflowed the stack (the scan's tree-depth limit now skips such a file; the readers hold anyway).
describe('a condition of thousands of operators', () => {
  const chain = (n: number, first: string) => [first, ...Array.from({ length: n }, (_, i) => `x${i}`)].join(' and ');

  test('its test of the value is found through 5,000 `and`s, and `not` of them', async () => {
    const parser = await parserFor(python.grammar('.py'));
    const tree = parser.parse(`if ${chain(5_000, "os.environ.get('X')")}:\n    pass\nif not (${chain(5_000, 'v is None')}):\n    pass\n`);
    const [first, second] = tree?.rootNode.namedChildren.map((n) => n?.childForFieldName('condition')) ?? [];
    expect(first && testOf(first, new Set(["os.environ.get('X')"]), new Set(['None']))).toBe('set');
    expect(second && testOf(second, new Set(['v']), new Set(['None']))).toBeUndefined();
    expect(first && testOf(first, new Set(['other']), new Set(['None']))).toBeUndefined();
    tree?.delete();
  });

  test('a read guarded by the first of 5,000 `and`s is read with its default; the read 5,000 levels below the `if` too', async () => {
    const source = `import os\nif ${chain(5_000, "os.environ.get('X')")}:\n    port = os.environ['X']\nelse:\n    port = 80\n`;
    const reads = await readsOf(python, '.py', source);
    // The one in the condition is too far below its `if` for the test of it to be looked for there (PRESENCE_DEPTH).
    expect(reads.map((r) => [r.name, r.line, r.fallback.kind])).toEqual([
      ['X', 2, 'none'],
      ['X', 3, 'default'],
    ]);
  });
});

// The reference: the pattern each rest follows a lazy subject in (`^(.+?)…$`), searched over the whole text.
const PREDICATE = /^(.+?)(?:\.(nil\?|empty\?|blank\?|present\?|any\?)|(?<=^.|\S)\s+is\s+(not\s+)?null)$/;
const TYPE_PATTERN = /^(.+?)(?<=^.|\S)\s+is\s+(?:string|object|\{\s*\})(?:\s+\w+)?$/;

describe('subjectMatch, which tries only the bound names as the subject', () => {
  const pieces = ['v', 'a', ' ', '  ', '\n', '.', '.nil?', '.any?', '.present?', 'is', 'not', 'null', 'string', '{', '}', ' { }', 's'];
  const texts = fc.array(fc.constantFrom(...pieces), { maxLength: 10 }).map((parts) => parts.join(''));

  test.each([
    ['PREDICATE', PREDICATE, PREDICATE_REST],
    ['TYPE_PATTERN', TYPE_PATTERN, TYPE_REST],
  ])('matches as %s does where its subject is bound, and nowhere else', (_name, pattern, rest) => {
    fc.assert(
      fc.property(texts, fc.array(fc.nat(12)), (text, cuts) => {
        // Bound names that are starts of the text, as a subject must be, and one that is none.
        const bound = new Set([...cuts.map((cut) => text.slice(0, cut)), 'w']);
        const reference = pattern.exec(text);
        const expected = reference && bound.has(reference[1] ?? '') ? [...reference] : undefined;
        expect(subjectMatch(text, bound, rest)).toEqual(expected);
      }),
      { numRuns: 5_000 },
    );
  });
});
