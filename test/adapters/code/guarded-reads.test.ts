import type { LanguageModule } from '../../../lambdas/adapters/code/language';
import { cpp } from '../../../lambdas/adapters/code/languages/cpp';
import { csharp } from '../../../lambdas/adapters/code/languages/csharp';
import { go } from '../../../lambdas/adapters/code/languages/go';
import { java } from '../../../lambdas/adapters/code/languages/java';
import { javascript } from '../../../lambdas/adapters/code/languages/javascript';
import { php } from '../../../lambdas/adapters/code/languages/php';
import { python } from '../../../lambdas/adapters/code/languages/python';
import { ruby } from '../../../lambdas/adapters/code/languages/ruby';
import { fallback, none, readsOf } from '../../helpers/code-snippet';

/** Each read as `[key, fallback]`, in the order found. */
const fallbacks = async (language: LanguageModule, extension: string, source: string) =>
  (await readsOf(language, extension, source)).map((r) => [r.name, r.fallback]);

describe('a read inside a branch its own test takes only when set falls back to the other branch, in every language', () => {
  // lobsters' config/puma.rb: ENV["SLOW_QUERY_THRESHOLD_MS"].present? ? ENV["SLOW_QUERY_THRESHOLD_MS"].to_f : 100.
  test.each<[string, LanguageModule, string, string, unknown[]]>([
    [
      'Ruby: a ternary on .present?, an if on the read, a guard on another key',
      ruby,
      '.rb',
      't = ENV["SLOW_MS"].present? ? ENV["SLOW_MS"].to_f : 100\nif ENV["HOST"]\n  use(ENV["HOST"])\nend\nif ENV["A"]\n  use(ENV["B"])\nend',
      [
        ['SLOW_MS', fallback()],
        ['SLOW_MS', fallback('100')],
        ['HOST', fallback()],
        ['HOST', fallback()],
        ['A', fallback()],
        ['B', none],
      ],
    ],
    [
      'PHP: a ternary on getenv, an if that it is not false',
      php,
      '.php',
      '<?php\n$t = getenv("SLOW_MS") ? intval(getenv("SLOW_MS")) : 100;\nif (getenv("HOST") !== false) { use(getenv("HOST")); }',
      [
        ['SLOW_MS', fallback()],
        ['SLOW_MS', fallback('100')],
        ['HOST', fallback()],
        ['HOST', fallback()],
      ],
    ],
    [
      'Go: an if that it is not empty',
      go,
      '.go',
      'package main\nfunc main() {\n\tif os.Getenv("HOST") != "" {\n\t\tuse(os.Getenv("HOST"))\n\t}\n}',
      [
        ['HOST', fallback()],
        ['HOST', fallback()],
      ],
    ],
    [
      'C#: a ternary on != null, an if on !string.IsNullOrEmpty',
      csharp,
      '.cs',
      'class P { void M(IConfiguration c) { var t = c["SLOW_MS"] != null ? int.Parse(c["SLOW_MS"]) : 100; if (!string.IsNullOrEmpty(c["HOST"])) { Use(c["HOST"]); } } }',
      [
        ['SLOW_MS', fallback()],
        ['SLOW_MS', fallback('100')],
        ['HOST', fallback()],
        ['HOST', fallback()],
      ],
    ],
  ])('%s', async (_what, language, extension, source, expected) => {
    expect(await fallbacks(language, extension, source)).toEqual(expected);
  });
});

describe('a read compared with what an unset key gives, its truth kept (`TLS = os.environ.get("TLS") is not None`), is a test: the code runs on without it', () => {
  test.each<[string, LanguageModule, string, string]>([
    [
      'Python: is not None, != None, is None',
      python,
      '.py',
      'import os\nA = os.environ.get("A") is not None\nB = os.getenv("B") != None\nC = os.getenv("C") is None',
    ],
    [
      'JavaScript: !== undefined, != null, === undefined',
      javascript,
      '.js',
      'const a = process.env.A !== undefined;\nconst b = process.env.B != null;\nconst c = process.env.C === undefined;',
    ],
    [
      'Go: != ""',
      go,
      '.go',
      'package main\nfunc main() {\n\ta := os.Getenv("A") != ""\n\tb := os.Getenv("B") == ""\n\tc := os.Getenv("C") != ""\n\t_, _, _ = a, b, c\n}',
    ],
    [
      'Java: != null',
      java,
      '.java',
      'class K { boolean a = System.getenv("A") != null; boolean b = System.getenv("B") == null; boolean c = System.getenv("C") != null; }',
    ],
    ['PHP: !== false', php, '.php', '<?php\n$a = getenv("A") !== false;\n$b = getenv("B") === false;\n$c = getenv("C") != false;'],
  ])('%s', async (_what, language, extension, source) => {
    expect(await fallbacks(language, extension, source)).toEqual([
      ['A', fallback()],
      ['B', fallback()],
      ['C', fallback()],
    ]);
  });

  test('a read compared with another value, or used beside the comparison, keeps its own fallback', async () => {
    expect(
      await fallbacks(python, '.py', 'import os\nA = [os.environ.get("A"), os.environ.get("Z") is None]\nB = os.environ["B"] is not None'),
    ).toEqual([
      ['A', none],
      ['Z', fallback()],
      ['B', none],
    ]);
  });
});

describe('a value bound to a variable that only picks a branch with no else, and is used nowhere after, is not needed', () => {
  // opentelemetry-demo's currency (C++) and quote (PHP) services: IPV6_ENABLED switches the address to [::], 0.0.0.0 without it.
  test.each<[string, LanguageModule, string, string]>([
    [
      'C++: != nullptr && equal to a text',
      cpp,
      '.cpp',
      'void f() {\n  const char* v = std::getenv("A");\n  if (v != nullptr && std::string(v) == "true") {\n    ip = "[::]";\n  }\n  const char* w = std::getenv("B");\n  if (w != nullptr) {\n    ip = "x";\n  }\n  use(w);\n}',
    ],
    [
      'PHP: equal to a text',
      php,
      '.php',
      '<?php\n$v = getenv("A");\nif ($v == "true") {\n    $ip = "[::]";\n}\n$w = getenv("B");\nif ($w == "true") {\n    $ip = "x";\n}\nuse($w);',
    ],
    [
      'Python: equal to a text',
      python,
      '.py',
      'import os\nv = os.environ.get("A")\nif v == "true":\n    ip = "[::]"\nw = os.environ.get("B")\nif w == "true":\n    ip = "x"\nuse(w)',
    ],
  ])('%s (a value used after the if still needs the key)', async (_what, language, extension, source) => {
    expect(await fallbacks(language, extension, source)).toEqual([
      ['A', fallback()],
      ['B', none],
    ]);
  });
});
