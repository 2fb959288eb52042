import type { LanguageModule } from '../../../lambdas/adapters/code/language';
import { csharp } from '../../../lambdas/adapters/code/languages/csharp';
import { go } from '../../../lambdas/adapters/code/languages/go';
import { java } from '../../../lambdas/adapters/code/languages/java';
import { javascript } from '../../../lambdas/adapters/code/languages/javascript';
import { php } from '../../../lambdas/adapters/code/languages/php';
import { python } from '../../../lambdas/adapters/code/languages/python';
import { ruby } from '../../../lambdas/adapters/code/languages/ruby';
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
});
