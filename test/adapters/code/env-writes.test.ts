import type { LanguageModule } from '../../../lambdas/adapters/code/language';
import { csharp } from '../../../lambdas/adapters/code/languages/csharp';
import { javascript } from '../../../lambdas/adapters/code/languages/javascript';
import { php } from '../../../lambdas/adapters/code/languages/php';
import { python } from '../../../lambdas/adapters/code/languages/python';
import { ruby } from '../../../lambdas/adapters/code/languages/ruby';
import { fallback, none, readsOf } from '../../helpers/code-snippet';

/** Each read as `[key, line, fallback]`. */
const reads = async (language: LanguageModule, extension: string, source: string) =>
  (await readsOf(language, extension, source)).map((r) => [r.name, r.line, r.fallback]);

describe('a value the code sets in its environment is no read of it', () => {
  // lobsters' lib/tasks/fake_data.rake sets ENV["LAUNCHY_DRY_RUN"] = "true": a HIGH unset of a key the code writes.
  test.each<[string, LanguageModule, string, string, unknown[]]>([
    [
      'Ruby: ENV["X"] = v; ||= still reads',
      ruby,
      '.rb',
      'ENV["LAUNCHY_DRY_RUN"] = "true"\nENV["MODE"] ||= "fast"\nx = ENV["X"]',
      [
        ['MODE', 2, fallback('"fast"')],
        ['X', 3, none],
      ],
    ],
    ['Python: os.environ["X"] = v', python, '.py', 'import os\nos.environ["TZ"] = "UTC"\nx = os.environ["X"]', [['X', 3, none]]],
    [
      'JavaScript: process.env.X = v and process.env["X"] = v',
      javascript,
      '.js',
      'process.env.TZ = "UTC";\nprocess.env["NODE_ENV"] = "test";\nconst x = process.env.X;',
      [['X', 3, none]],
    ],
    ['PHP: $_ENV["X"] = v', php, '.php', '<?php\n$_ENV["APP_ENV"] = "prod";\n$x = $_ENV["X"];', [['X', 3, none]]],
    ['a key read in the value set is still read', ruby, '.rb', 'ENV["PATH"] = "/app/bin:#{ENV["PATH"]}"', [['PATH', 1, none]]],
  ])('%s', async (_what, language, extension, source, expected) => {
    expect(await reads(language, extension, source)).toEqual(expected);
  });

  test('C#: an IConfiguration value the code sets is no read', async () => {
    const source = 'class P { void M(IConfiguration config) { config["Seq:Url"] = "http://seq"; var a = config["A"]; } }';
    expect((await reads(csharp, '.cs', source)).map(([name]) => name)).toEqual(['A']);
  });
});
