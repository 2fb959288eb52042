import { TreeSitterCodeReader } from '../../../lambdas/adapters/code/tree-sitter-code-reader';
import { scratch } from '../../helpers/cli';

const reader = new TreeSitterCodeReader();

/** Each read of the tree as `NAME: the default shown`, or `NAME: secret`. */
async function shownDefaults(files: Record<string, string>): Promise<string[]> {
  const { reads } = await reader.scan({ path: scratch(files), exclude: [] });
  return reads.map(
    (r) => `${r.name}: ${r.fallback.kind === 'default' && r.fallback.secret ? 'secret' : (r.fallback as { value?: string }).value}`,
  );
}

// Each language puts the value of the read of *_AUTH (a name that says nothing) under a secret-named holder, and
// the read of *_HOST under a plain one: only the first default is a secret.
describe('a read whose value the code puts under a secret-named key, variable or keyword', () => {
  test.each([
    ['JavaScript object key', 'a.js', "const c = { host: process.env.JS_HOST || 'h', password: process.env.JS_AUTH || 'p' };"],
    ['JavaScript declaration', 'a.js', "const host = process.env.JS_HOST || 'h';\nconst password = process.env.JS_AUTH || 'p';"],
    ['Python dictionary key', 'a.py', "import os\nDB = {'HOST': os.getenv('PY_HOST', 'h'), 'PASSWORD': os.getenv('PY_AUTH', 'p')}"],
    ['Python keyword argument', 'a.py', "import os\nconnect(host=os.getenv('PY_HOST', 'h'), password=os.getenv('PY_AUTH', 'p'))"],
    ['Python assignment', 'a.py', "import os\nEMAIL_HOST = os.getenv('PY_HOST', 'h')\nEMAIL_HOST_PASSWORD = os.getenv('PY_AUTH', 'p')"],
    [
      'Elixir keyword',
      'a.exs',
      'config :a, A.Repo,\n  hostname: System.get_env("EX_HOST", "h"),\n  password: System.get_env("EX_AUTH", "p")',
    ],
    [
      'Elixir match',
      'a.ex',
      'defmodule A do\n  def f do\n    host = System.get_env("EX_HOST", "h")\n    pass = System.get_env("EX_AUTH", "p")\n  end\nend',
    ],
    ['Ruby hash key', 'a.rb', 'C = { host: ENV.fetch("RB_HOST", "h"), password: ENV.fetch("RB_AUTH", "p") }'],
    ['PHP array key', 'a.php', "<?php\n$c = ['host' => getenv('PHP_HOST') ?: 'h', 'password' => getenv('PHP_AUTH') ?: 'p'];"],
    [
      'Java declaration',
      'A.java',
      'class A { String host = System.getenv().getOrDefault("JAVA_HOST", "h"); String password = System.getenv().getOrDefault("JAVA_AUTH", "p"); }',
    ],
    [
      'C# declaration',
      'A.cs',
      'class A { void M() { var host = Environment.GetEnvironmentVariable("CS_HOST") ?? "h"; var password = Environment.GetEnvironmentVariable("CS_AUTH") ?? "p"; } }',
    ],
    ['Java annotated field', 'A.java', 'class A { @Value("${JAVA_HOST:h}") String host; @Value("${JAVA_AUTH:p}") String dbPassword; }'],
    [
      'Java annotated parameter',
      'A.java',
      'class A { A(@ConfigProperty(name = "JAVA_HOST", defaultValue = "h") String host, @ConfigProperty(name = "JAVA_AUTH", defaultValue = "p") String password) {} }',
    ],
    [
      'Kotlin annotated property',
      'A.kt',
      'class A(@ConfigProperty(name = "KT_AUTH", defaultValue = "p") val password: String) {\n  @Value("\\${KT_HOST:h}") lateinit var host: String\n}',
    ],
    [
      'TypeScript class field',
      'a.ts',
      "class C {\n  host = process.env.TS_HOST ?? 'h';\n  private password = process.env.TS_AUTH ?? 'p';\n}",
    ],
    ['Kotlin property', 'A.kt', 'val host = System.getenv("KT_HOST") ?: "h"\nval password = System.getenv("KT_AUTH") ?: "p"'],
    [
      'Go var',
      'main.go',
      'package main\n\nimport "os"\n\nvar host = getEnv("GO_HOST", "h")\nvar password = getEnv("GO_AUTH", "p")\n\nfunc getEnv(k, d string) string {\n\tif v := os.Getenv(k); v != "" {\n\t\treturn v\n\t}\n\treturn d\n}\n',
    ],
    [
      'C# property initializer',
      'A.cs',
      'class A { string Host { get; } = Environment.GetEnvironmentVariable("CS_HOST") ?? "h"; string Password { get; } = Environment.GetEnvironmentVariable("CS_AUTH") ?? "p"; }',
    ],
    [
      'Rust let',
      'a.rs',
      'fn main() {\n    let host = std::env::var("RS_HOST").unwrap_or("h".to_string());\n    let password = std::env::var("RS_AUTH").unwrap_or("p".to_string());\n}',
    ],
    // A parameter whose default the read is, and a variable written with a sigil.
    [
      'Python parameter default',
      'a.py',
      "import os\ndef connect(host=os.getenv('PY_HOST', 'h'), *, db_pw: str = os.getenv('PY_AUTH', 'p')): pass",
    ],
    [
      'JavaScript parameter default',
      'a.js',
      "function connect(host = process.env.JS_HOST || 'h', { password = process.env.JS_AUTH || 'p' } = {}) {}",
    ],
    [
      'TypeScript parameter default',
      'a.ts',
      "export function connect(host: string = process.env.TS_HOST || 'h', pw: string = process.env.TS_AUTH || 'p') {}",
    ],
    ['Ruby parameter defaults', 'a.rb', "def connect(host = ENV.fetch('RB_HOST', 'h'), password: ENV.fetch('RB_AUTH', 'p')); end"],
    ['Ruby instance variable', 'a.rb', "@host = ENV.fetch('RB_HOST', 'h')\n@pw = ENV.fetch('RB_AUTH', 'p')"],
    [
      'PHP parameter default and variable',
      'a.php',
      "<?php\nfunction connect($pw = getenv('PHP_AUTH') ?: 'p') {}\n$host = getenv('PHP_HOST') ?: 'h';",
    ],
  ])('%s', async (_, file, code) => {
    const shown = await shownDefaults({ [file]: code });
    expect(shown).toHaveLength(2);
    expect(shown.find((s) => /_AUTH:/.test(s))).toMatch(/: secret$/);
    expect(shown.find((s) => /_HOST:/.test(s))).toMatch(/: ['"]?h['"]?$/);
  });

  test('Go: a composite literal key, and the variable a read is declared into', async () => {
    const go = `package main

import "os"

func getEnv(key, fallback string) string {
	if v := os.Getenv(key); v != "" {
		return v
	}
	return fallback
}

type Config struct{ Host, Password string }

func load() Config {
	return Config{Host: getEnv("GO_HOST", "h"), Password: getEnv("GO_AUTH", "p")}
}
`;
    expect(await shownDefaults({ 'main.go': go })).toEqual(['GO_AUTH: secret', 'GO_HOST: "h"']);
  });

  test('the nearest holder decides, and a read passed to a call that is not held keeps its default', async () => {
    const js = "const db = { password: { file: process.env.JS_HOST || 'h' } };\nlog(process.env.JS_PLAIN || 'x');";
    expect(await shownDefaults({ 'a.js': js })).toEqual(["JS_HOST: 'h'", "JS_PLAIN: 'x'"]);
    const java = 'class A { @Scheduled(cron = "${ROTATE_CRON:0 0 * * *}") void rotatePasswords() {} }';
    expect(await shownDefaults({ 'A.java': java })).toEqual(['ROTATE_CRON: 0 0 * * *']);
  });
});
