import type { LanguageModule } from '../../../lambdas/adapters/code/language';
import { csharp } from '../../../lambdas/adapters/code/languages/csharp';
import { java } from '../../../lambdas/adapters/code/languages/java';
import { javascript } from '../../../lambdas/adapters/code/languages/javascript';
import { kotlin } from '../../../lambdas/adapters/code/languages/kotlin';
import { php } from '../../../lambdas/adapters/code/languages/php';
import { python } from '../../../lambdas/adapters/code/languages/python';
import { ruby } from '../../../lambdas/adapters/code/languages/ruby';
import { typescript } from '../../../lambdas/adapters/code/languages/typescript';
import { readsOf } from '../../helpers/code-snippet';

type Fallback = { kind: 'none' } | { kind: 'default'; value?: string };
const none: Fallback = { kind: 'none' };
const given = (value: string): Fallback => ({ kind: 'default', value });

// Each wrapper reads through a default parameter; the call leaves it out (A), passes one (B), or the wrapper's default
// is null (C: nothing when unset, as `get('X', None)`).
describe("a call that leaves out a wrapper's default parameter falls back to the wrapper's own default", () => {
  test.each<[string, LanguageModule, string, string, Fallback[]]>([
    [
      'Python',
      python,
      '.py',
      "import os\ndef env(key, d='x'):\n    return os.getenv(key, d)\ndef opt(key, d=None):\n    return os.getenv(key, d)\nenv('A')\nenv('B', 'y')\nopt('C')",
      [given("'x'"), given("'y'"), none],
    ],
    [
      'JavaScript',
      javascript,
      '.js',
      "function env(key, d = 'x') { return process.env[key] ?? d; }\nfunction opt(key, d = undefined) { return process.env[key] ?? d; }\nenv('A');\nenv('B', 'y');\nopt('C');",
      [given("'x'"), given("'y'"), none],
    ],
    [
      'TypeScript',
      typescript,
      '.ts',
      "function env(key: string, d: string = 'x') { return process.env[key] ?? d; }\nfunction opt(key: string, d: string | null = null) { return process.env[key] ?? d; }\nenv('A');\nenv('B', 'y');\nopt('C');",
      [given("'x'"), given("'y'"), none],
    ],
    [
      'Ruby',
      ruby,
      '.rb',
      "def env(key, d = 'x')\n  ENV.fetch(key, d)\nend\ndef opt(key, d = nil)\n  ENV.fetch(key, d)\nend\nenv('A')\nenv('B', 'y')\nopt('C')",
      [given("'x'"), given("'y'"), none],
    ],
    [
      'PHP',
      php,
      '.php',
      "<?php\nfunction env($key, $d = 'x') { return getenv($key) ?: $d; }\nfunction opt($key, $d = null) { return getenv($key) ?: $d; }\nenv('A');\nenv('B', 'y');\nopt('C');",
      [given("'x'"), given("'y'"), none],
    ],
    [
      'C#',
      csharp,
      '.cs',
      'class C {\n  static string Env(string key, string d = "x") => Environment.GetEnvironmentVariable(key) ?? d;\n  static string Opt(string key, string d = null) => Environment.GetEnvironmentVariable(key) ?? d;\n  void M() { Env("A"); Env("B", "y"); Opt("C"); }\n}',
      [given('"x"'), given('"y"'), none],
    ],
    [
      'Kotlin',
      kotlin,
      '.kt',
      'fun env(key: String, d: String = "x") = System.getenv(key) ?: d\nfun opt(key: String, d: String? = null) = System.getenv(key) ?: d\nfun m() {\n  env("A")\n  env("B", "y")\n  opt("C")\n}',
      [given('"x"'), given('"y"'), none],
    ],
    [
      'Java has no default parameters: an overload is another wrapper',
      java,
      '.java',
      'class C {\n  static String env(String key, String d) { String v = System.getenv(key); return v != null ? v : d; }\n  void m() { env("A", "x"); env("B", "y"); env("C"); }\n}',
      [given('"x"'), given('"y"'), none],
    ],
  ])('%s', async (_language, language, extension, source, expected) => {
    const reads = await readsOf(language, extension, source);
    expect(reads.map((r) => [r.name, r.fallback])).toEqual(['A', 'B', 'C'].map((name, i) => [name, expected[i]]));
  });
});
