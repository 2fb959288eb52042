import type { LanguageModule } from '../../../lambdas/adapters/code/language';
import { cpp } from '../../../lambdas/adapters/code/languages/cpp';
import { csharp } from '../../../lambdas/adapters/code/languages/csharp';
import { go } from '../../../lambdas/adapters/code/languages/go';
import { java } from '../../../lambdas/adapters/code/languages/java';
import { php } from '../../../lambdas/adapters/code/languages/php';
import { javascript } from '../../../lambdas/adapters/code/languages/javascript';
import { python } from '../../../lambdas/adapters/code/languages/python';
import { rust } from '../../../lambdas/adapters/code/languages/rust';
import { fallback, none, readsOf } from '../../helpers/code-snippet';

type Fallback = ReturnType<typeof fallback> | typeof none;
/** Each read as `[key, fallback]`, the via left out (its text says which wrapper, tested elsewhere). */
const fallbacks = async (language: LanguageModule, extension: string, source: string, others: string[] = []) =>
  (await readsOf(language, extension, source, others)).map((r) => [r.name, r.fallback]);

describe('a wrapper of a wrapper is followed, its default or its failing kept at each level', () => {
  test.each<[string, LanguageModule, string, string, [string, Fallback][]]>([
    [
      'JavaScript: envInt passes its default on; port supplies its own; must throws when unset',
      javascript,
      '.js',
      [
        'function env(key, def) { return process.env[key] ?? def; }',
        'function envInt(key, def) { return parseInt(env(key, def), 10); }',
        'function port(key) { return envInt(key, 8080); }',
        "function must(key) { const v = env(key); if (!v) throw new Error(key + ' is not set'); return v; }",
        "envInt('TIMEOUT', 30);",
        "port('PORT');",
        "must('DB_URL');",
        "envInt('RETRIES');",
      ].join('\n'),
      [
        ['TIMEOUT', fallback('30')],
        ['PORT', fallback('8080')],
        ['DB_URL', none],
        ['RETRIES', none],
      ],
    ],
    [
      'Python: get passes its default on, get_int again, require raises',
      python,
      '.py',
      [
        'import os',
        'def get(key, default=None):',
        '    return os.environ.get(key, default)',
        'def get_int(key, default=None):',
        '    return int(get(key, default))',
        'def require(key):',
        '    value = get(key)',
        '    if value is None:',
        "        raise RuntimeError(f'{key} is not set')",
        '    return value',
        "get_int('WORKERS', 4)",
        "get_int('LIMIT')",
        "require('SECRET_NAME')",
      ].join('\n'),
      [
        ['WORKERS', fallback('4')],
        ['LIMIT', none],
        ['SECRET_NAME', none],
      ],
    ],
    [
      'Go: getEnvOrDefault, then mustGetInt which exits when empty and getInt which passes its default',
      go,
      '.go',
      [
        'package main',
        'func getEnvOrDefault(key, def string) string {',
        '\tif v, ok := os.LookupEnv(key); ok {',
        '\t\treturn v',
        '\t}',
        '\treturn def',
        '}',
        'func mustGetInt(key string) int {',
        '\tv := getEnvOrDefault(key, "")',
        '\tif v == "" {',
        '\t\tlog.Fatalf("%s is not set", key)',
        '\t}',
        '\tn, _ := strconv.Atoi(v)',
        '\treturn n',
        '}',
        'func getInt(key string, def int) int {',
        '\tn, err := strconv.Atoi(getEnvOrDefault(key, ""))',
        '\tif err != nil {',
        '\t\treturn def',
        '\t}',
        '\treturn n',
        '}',
        'func main() {',
        '\tmustGetInt("WORKERS")',
        '\tgetInt("PORT", 8080)',
        '}',
      ].join('\n'),
      [
        ['WORKERS', none],
        ['PORT', fallback('8080')],
      ],
    ],
  ])('%s', async (_name, language, extension, source, expected) => {
    expect(await fallbacks(language, extension, source)).toEqual(expected);
  });

  test.each<[string, LanguageModule, string, string]>([
    [
      'Java: a null passed as the default is none, and a body that throws then makes the key required',
      java,
      '.java',
      'class C {\n static String env(String k, String d) { String v = System.getenv(k); return v != null ? v : d; }\n static String must(String k) { String v = env(k, null); if (v == null) throw new IllegalStateException(k); return v; }\n static String opt(String k) { return env(k, "x"); }\n void m() { must("B"); opt("C"); }\n}',
    ],
    [
      'C#: `?? throw` after the inner call',
      csharp,
      '.cs',
      'class C {\n static string Env(string k, string d = null) => Environment.GetEnvironmentVariable(k) ?? d;\n static string Must(string k) => Env(k) ?? throw new Exception(k);\n static string Opt(string k) => Env(k, "x");\n void M() { Must("B"); Opt("C"); }\n}',
    ],
    [
      'C++: an empty default, then a throw',
      cpp,
      '.cpp',
      'std::string env(const char* k, std::string d) { const char* v = std::getenv(k); return v ? v : d; }\nstd::string must(const char* k) { auto v = env(k, ""); if (v.empty()) throw std::runtime_error(k); return v; }\nstd::string opt(const char* k) { return env(k, "x"); }\nvoid m() { must("B"); opt("C"); }',
    ],
    [
      'PHP: `?: throw` after the inner call',
      php,
      '.php',
      "<?php\nfunction cfg($k, $d = null) { return getenv($k) ?: $d; }\nfunction must($k) { return cfg($k) ?: throw new Exception($k); }\nfunction opt($k) { return cfg($k, 'x'); }\nmust('B');\nopt('C');",
    ],
  ])('%s', async (_name, language, extension, source) => {
    const quote = extension === '.php' ? "'" : '"';
    expect(await fallbacks(language, extension, source)).toEqual([
      ['B', none],
      ['C', fallback(`${quote}x${quote}`)],
    ]);
  });

  test.each<[string, LanguageModule, string, string]>([
    [
      'C#',
      csharp,
      '.cs',
      'class C {\n static string Env(string k) => Environment.GetEnvironmentVariable(k) ?? Defaults.Of(k);\n void M() { Env("A"); }\n}',
    ],
    ['PHP', php, '.php', "<?php\nfunction cfg($k) { return getenv($k) ?: defaults($k); }\ncfg('A');"],
  ])(
    '%s: a wrapper with a default it computes, called with nothing around the call, keeps that default',
    async (_name, language, extension, source) => {
      expect(await fallbacks(language, extension, source)).toEqual([['A', fallback()]]);
    },
  );

  test('Rust: crates.io-style var (None when unset), var_parsed and list on it, required_var failing through required', async () => {
    const lib = [
      'pub fn var(key: &str) -> anyhow::Result<Option<String>> {',
      '    match dotenvy::var(key) {',
      '        Ok(content) => Ok(Some(content)),',
      '        Err(dotenvy::Error::EnvVar(std::env::VarError::NotPresent)) => Ok(None),',
      '        Err(error) => Err(error.into()),',
      '    }',
      '}',
      'pub fn required_var(key: &str) -> anyhow::Result<String> {',
      '    required(var(key), key)',
      '}',
      'pub fn var_parsed<R: FromStr>(key: &str) -> anyhow::Result<Option<R>> {',
      '    match var(key) {',
      '        Ok(Some(content)) => Ok(Some(content.parse()?)),',
      '        Ok(None) => Ok(None),',
      '        Err(error) => Err(error),',
      '    }',
      '}',
      'fn required<T>(res: anyhow::Result<Option<T>>, key: &str) -> anyhow::Result<T> {',
      '    match res {',
      '        Ok(opt) => opt.ok_or_else(|| anyhow!("Failed to find required {key} environment variable")),',
      '        Err(error) => Err(error),',
      '    }',
      '}',
      'pub fn list(key: &str) -> anyhow::Result<Vec<String>> {',
      '    let values = match var(key)? {',
      '        None => vec![],',
      "        Some(s) => s.split(',').map(String::from).collect(),",
      '    };',
      '    Ok(values)',
      '}',
    ].join('\n');
    const config = [
      'use crates_io_env_vars::{list, required_var, var, var_parsed};',
      'fn from_env() -> anyhow::Result<Config> {',
      '    let port = var_parsed("PORT")?.unwrap_or(8888);',
      '    let url = required_var("DATABASE_URL")?;',
      '    let min_idle = var_parsed("DB_MIN_IDLE")?;',
      '    let heroku = var("HEROKU")?.is_some();',
      '    let names = list("EXCLUDED_CRATE_NAMES")?;',
      '    let key = var("SESSION_KEY")?.expect("SESSION_KEY");',
      '}',
    ].join('\n');
    expect(await fallbacks(rust, '.rs', config, [lib])).toEqual([
      ['PORT', fallback('8888')],
      ['DATABASE_URL', none],
      ['DB_MIN_IDLE', fallback()],
      ['HEROKU', fallback()],
      ['EXCLUDED_CRATE_NAMES', fallback()],
      ['SESSION_KEY', none],
    ]);
  });

  test('Rust: a function of the file that panics makes the key required only when the read is passed to it', async () => {
    const lib = [
      'pub fn var(key: &str) -> Option<String> {',
      '    match dotenvy::var(key) {',
      '        Ok(v) => Some(v),',
      '        Err(_) => None,',
      '    }',
      '}',
      'fn check_setup() {',
      '    if !ready() { panic!("not set up") }',
      '}',
      'pub fn optional(key: &str) -> Option<String> {',
      '    check_setup();',
      '    var(key)',
      '}',
    ].join('\n');
    expect(await fallbacks(rust, '.rs', 'fn f() {\n    let a = optional("OPTIONAL");\n}', [lib])).toEqual([['OPTIONAL', fallback()]]);
  });

  test("PHP: a function around Laravel's env() is a wrapper, its default passed on, and so is one around that", async () => {
    const helpers = [
      '<?php',
      'function envInt($key, $default = null) { return (int) env($key, $default); }',
      'function retries($key) { return envInt($key, 5); }',
    ].join('\n');
    const config =
      "<?php\nreturn ['tries' => envInt('QUEUE_RETRIES', 3), 'timeout' => envInt('QUEUE_TIMEOUT'), 'r' => retries('JOB_RETRIES')];";
    expect(await fallbacks(php, '.php', config, [helpers])).toEqual([
      ['QUEUE_RETRIES', fallback('3')],
      ['QUEUE_TIMEOUT', none],
      ['JOB_RETRIES', fallback('5')],
    ]);
  });

  test.each<[string, LanguageModule, string, string, string]>([
    [
      'Python: through the module that defines it, by name or alias; a common name on a value is not it',
      python,
      '.py',
      'import os\ndef get_int(key, default=None):\n    return int(os.environ.get(key, default))\ndef get(key):\n    return os.environ[key]',
      "from app import config, settings_helpers as h\nconfig.get_int('X', 5)\nh.get_int('Y')\ncache.get('NOT_A_KEY')",
    ],
    [
      'JavaScript: through the module object that holds it; a common name on a value is not it',
      javascript,
      '.js',
      'function envInt(key, def) { return parseInt(process.env[key] ?? def, 10); }\nfunction get(key) { return process.env[key]; }\nmodule.exports = { envInt, get };',
      "const helpers = require('./helpers');\nhelpers.envInt('X', 5);\nhelpers?.envInt('Y');\ncache.get('NOT_A_KEY');",
    ],
  ])('%s', async (_name, language, extension, lib, source) => {
    expect(await fallbacks(language, extension, source, [lib])).toEqual([
      ['X', fallback('5')],
      ['Y', none],
    ]);
  });

  test('a chain that calls itself in a cycle ends', async () => {
    const source = [
      'function env(key, def) { return process.env[key] ?? def; }',
      'function a(key, def) { return key ? b(key, def) : env(key, def); }',
      'function b(key, def) { return a(key, def); }',
      "b('CYCLE', 'x');",
    ].join('\n');
    expect(await fallbacks(javascript, '.js', source)).toEqual([['CYCLE', fallback("'x'")]]);
  });
});

describe('a wrapper that adds text to its key reads the key so written, at each level', () => {
  test.each<[string, LanguageModule, string, string, [string, Fallback][]]>([
    [
      'Python: secret reads NAME_FILE (an f-string) before NAME; setting adds APP_ in front of both',
      python,
      '.py',
      [
        'import os',
        'def secret(name, default=None):',
        '    path = os.environ.get(f"{name}_FILE")',
        '    if path:',
        '        return open(path).read()',
        '    return os.environ.get(name, default)',
        'def setting(name):',
        '    return secret("APP_" + name, "x")',
        "level = setting('LEVEL')",
        "user = secret('DB_USER', 'app')",
      ].join('\n'),
      [
        ['APP_LEVEL', fallback('"x"')],
        ['APP_LEVEL_FILE', fallback('"x"')],
        ['DB_USER', fallback("'app'")],
        ['DB_USER_FILE', fallback("'app'")],
      ],
    ],
    [
      'JavaScript: a template literal, then the key as it is',
      javascript,
      '.js',
      [
        'function fromSecret(key, fallback) {',
        '  const file = process.env[`${key}_FILE`];',
        "  if (file) return fs.readFileSync(file, 'utf8');",
        '  return process.env[key] ?? fallback;',
        '}',
        "const region = fromSecret('REGION', 'eu');",
      ].join('\n'),
      [
        ['REGION', fallback("'eu'")],
        ['REGION_FILE', fallback()],
      ],
    ],
    [
      'Go: a key joined with +, the only read of the function',
      go,
      '.go',
      [
        'package config',
        'func prefixed(name string) string { return os.Getenv("SHOP_" + name) }',
        'func load() { host := prefixed("HOST") }',
      ].join('\n'),
      [['SHOP_HOST', none]],
    ],
  ])('%s', async (_what, language, extension, source, expected) => {
    expect(await fallbacks(language, extension, source)).toEqual(expected);
  });
});
