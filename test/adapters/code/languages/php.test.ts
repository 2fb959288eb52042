import * as path from 'node:path';
import { php } from '../../../../lambdas/adapters/code/languages/php';
import { TreeSitterCodeReader } from '../../../../lambdas/adapters/code/tree-sitter-code-reader';
import { scratch } from '../../../helpers/cli';
import { fallback, none, read, readsOf, type SnippetRead } from '../../../helpers/code-snippet';
import { composeVariables, serviceReads } from '../../../helpers/service-reads';

const code = (body: string) => `<?php\n${body}\n`;

describe('the PHP reader', () => {
  it.each<[string, string, SnippetRead[]]>([
    ['getenv', code("$port = getenv('QUOTE_PORT');"), [read('QUOTE_PORT', 2, 'getenv')]],
    ['\\getenv with a double-quoted key', code('$a = \\getenv("IPV6_ENABLED");'), [read('IPV6_ENABLED', 2, 'getenv')]],
    ['GETENV (function names are case-insensitive)', code("$a = GETENV('REGION');"), [read('REGION', 2, 'getenv')]],
    ["getenv ?: 'd'", code("$h = getenv('HOST') ?: 'localhost';"), [read('HOST', 2, 'getenv', fallback("'localhost'"))]],
    [
      "getenv(A) ?: getenv(B) ?: 'd': B falls back to 'd'",
      code("$h = getenv('PRIMARY_HOST') ?: getenv('SECONDARY_HOST') ?: 'localhost';"),
      [read('PRIMARY_HOST', 2, 'getenv', fallback()), read('SECONDARY_HOST', 2, 'getenv', fallback("'localhost'"))],
    ],
    ['getenv ?? never falls back (getenv gives false)', code("$h = getenv('HOST') ?? 'localhost';"), [read('HOST', 2, 'getenv')]],
    ["$_ENV['X']", code("$a = $_ENV['APP_KEY'];"), [read('APP_KEY', 2, '$_ENV[]')]],
    ["$_ENV['X'] ?? 'd'", code("$a = $_ENV['LOG_LEVEL'] ?? 'info';"), [read('LOG_LEVEL', 2, '$_ENV[]', fallback("'info'"))]],
    ['$_ENV[…] ?? throw', code("$a = $_ENV['DB_DSN'] ?? throw new RuntimeException('DB_DSN');"), [read('DB_DSN', 2, '$_ENV[]')]],
    [
      "$_SERVER['X'] ?? an expression",
      code("$a = $_SERVER['CACHE_DIR'] ?? sys_get_temp_dir();"),
      [read('CACHE_DIR', 2, '$_SERVER[]', fallback())],
    ],
    ['the request keys of $_SERVER are no configuration', code("$m = $_SERVER['REQUEST_METHOD'];\n$h = $_SERVER['HTTP_HOST'];"), []],
    ['isset($_ENV[…])', code("if (isset($_ENV['DEBUG'])) { debug(); }"), [read('DEBUG', 2, '$_ENV[]', fallback())]],
    [
      'array_key_exists on $_ENV',
      code("$t = array_key_exists('TRACE', $_ENV);"),
      [read('TRACE', 2, 'array_key_exists(…, $_ENV)', fallback())],
    ],
    [
      'a later if that assigns',
      code("$v = getenv('MODE');\nif ($v === false) {\n  $v = 'fast';\n}"),
      [read('MODE', 2, 'getenv', fallback("'fast'"))],
    ],
    ['a later ?:', code("$v = getenv('MODE');\n$mode = $v ?: 'fast';"), [read('MODE', 2, 'getenv', fallback("'fast'"))]],
    ['a later choice', code("$v = getenv('MODE');\nreturn $v === false ? 'fast' : $v;"), [read('MODE', 2, 'getenv', fallback("'fast'"))]],
    [
      'the else of a test that it is set',
      code("$v = getenv('MODE');\nif ($v !== false) {\n  use($v);\n} else {\n  $v = 'fast';\n}"),
      [read('MODE', 2, 'getenv', fallback("'fast'"))],
    ],
    [
      'a test that it is set, whose branch the code goes past without it, is a default of no shown value',
      code("$v = getenv('MODE');\nif ($v) {\n  return 'custom';\n}"),
      [read('MODE', 2, 'getenv', fallback())],
    ],
    [
      'a value used after its test still needs the key',
      code("$v = getenv('MODE');\nif ($v) {\n  log('custom');\n}\nuse($v);"),
      [read('MODE', 2, 'getenv')],
    ],
    ['a later if that throws', code("$v = $_ENV['DB'];\nif (!$v) throw new RuntimeException('DB');"), [read('DB', 2, '$_ENV[]')]],
    ['a later if that exits', code("$v = getenv('DB');\nif (empty($v)) exit(1);"), [read('DB', 2, 'getenv')]],
    ['Laravel env() with a default', code("$d = env('APP_DEBUG', false);"), [read('APP_DEBUG', 2, 'env() (Laravel)', fallback('false'))]],
    ['Laravel env() without one', code("$k = env('APP_KEY');"), [read('APP_KEY', 2, 'env() (Laravel)')]],
    [
      'variable and interpolated keys are not reported',
      code('$a = getenv($name);\n$b = $_ENV["{$prefix}_URL"];\n$c = $config[\'X\'];\n$d = env($k, 1);'),
      [],
    ],
  ])('%s', async (_name, source, expected) => {
    expect(await readsOf(php, '.php', source)).toEqual(expected);
  });

  describe('wrappers, one level, across the files', () => {
    const helpers = [
      code(
        'final class Settings {\n  public static function get(string $key, $default = null) {\n    $v = getenv($key);\n    return $v === false ? $default : $v;\n  }\n' +
          '  public static function must(string $key): string {\n    return $_ENV[$key] ?? throw new RuntimeException($key);\n  }\n}\n' +
          "function env(string $key, $default = 'unset') { return $_ENV[$key] ?? $default; }\n",
      ),
    ];
    it.each<[string, string, SnippetRead[]]>([
      [
        'a default argument',
        code("$a = Settings::get('CURRENCY_ADDR', 'localhost:7001');"),
        [read('CURRENCY_ADDR', 2, 'get (wrapper of getenv)', fallback("'localhost:7001'"))],
      ],
      ['no default argument', code("$a = Settings::get('CURRENCY_ADDR');"), [read('CURRENCY_ADDR', 2, 'get (wrapper of getenv)')]],
      ['one that throws has no default', code("$k = Settings::must('KAFKA_ADDR');"), [read('KAFKA_ADDR', 2, 'must (wrapper of $_ENV[])')]],
      [
        'an env() the tree defines is that wrapper',
        code("$d = env('APP_DEBUG', 'no');"),
        [read('APP_DEBUG', 2, 'env (wrapper of $_ENV[])', fallback("'no'"))],
      ],
      [
        'a method call',
        code('$d = $this->settings->get(\'REGION\', "eu");'),
        [read('REGION', 2, 'get (wrapper of getenv)', fallback('"eu"'))],
      ],
      ['a variable argument is not reported', code("$a = Settings::get($name, 'x');"), []],
    ])('%s', async (_name, source, expected) => {
      expect(await readsOf(php, '.php', source, helpers)).toEqual(expected);
    });
  });

  describe('a wrapper that also reads its key with text added (a Docker secret’s `X_FILE`)', () => {
    // The shape of docker-library/wordpress's wp-config-docker.php getenv_docker (GPL-2.0: written here, not copied).
    const helper = code(
      'function getenv_docker($env, $default) {\n' +
        '  if ($fileEnv = getenv($env . \'_FILE\')) {\n    return rtrim(file_get_contents($fileEnv), "\\r\\n");\n  }\n' +
        '  else if (($val = getenv($env)) !== false) {\n    return $val;\n  }\n' +
        '  else {\n    return $default;\n  }\n}\n',
    );
    it.each<[string, string, SnippetRead[]]>([
      [
        "getenv_docker('X', 'd') reads X with its default and X_FILE, which falls back to X",
        code("define('DB_HOST', getenv_docker('WORDPRESS_DB_HOST', 'mysql'));"),
        [
          read('WORDPRESS_DB_HOST', 2, 'getenv_docker (wrapper of getenv)', fallback("'mysql'")),
          read('WORDPRESS_DB_HOST_FILE', 2, 'getenv_docker (wrapper of getenv)', fallback()),
        ],
      ],
      [
        'the text added before or after, in an interpolated string',
        code(
          'function secret($name) {\n  $f = getenv("APP_{$name}_FILE");\n  if ($f !== false) { return file_get_contents($f); }\n' +
            "  return getenv('APP_' . $name) ?: 'none';\n}\n$t = secret('TOKEN');",
        ),
        [
          read('APP_TOKEN_FILE', 7, 'secret (wrapper of getenv)', fallback()),
          read('APP_TOKEN', 7, 'secret (wrapper of getenv)', fallback("'none'")),
        ],
      ],
    ])('%s', async (_name, source, expected) => {
      expect(await readsOf(php, '.php', source, [helper])).toEqual(expected);
    });

    it('an assignment in an if’s condition is tested there: unset goes on to what follows', async () => {
      const source = code(
        "function cert() {\n  if ($f = getenv('CERT_FILE')) {\n    return file_get_contents($f);\n  }\n  return 'none';\n}\n" +
          "function mode() {\n  if (($m = getenv('MODE')) !== false) {\n    return $m;\n  } else {\n    return 'fast';\n  }\n}",
      );
      expect(await readsOf(php, '.php', source)).toEqual([
        read('CERT_FILE', 3, 'getenv', fallback("'none'")),
        read('MODE', 9, 'getenv', fallback("'fast'")),
      ]);
    });
  });

  it('quote (opentelemetry-demo): every variable compose.yaml sets is read, except those the OpenTelemetry SDK reads', async () => {
    // Not read by quote's code: OTEL_* (OTEL_PHP_AUTOLOAD_ENABLED among them) are the OpenTelemetry PHP SDK's; the
    // OTEL_BSP_SCHEDULE_DELAY-like reads in index.php go through the SDK's Configuration class with constants, no literal.
    const reads = await serviceReads(php, 'quote');
    const read = new Set(reads.map((r) => r.name));
    const expected = composeVariables('quote').filter((name) => !name.startsWith('OTEL_'));
    expect(expected).toEqual(['IPV6_ENABLED', 'QUOTE_PORT']);
    for (const name of expected) expect(read).toContain(name);
    expect(reads).toEqual([
      // `if ($ipv6_enabled == "true") { $ip = "[::]"; … }`: 0.0.0.0 without it.
      { name: 'IPV6_ENABLED', file: 'public/index.php', line: 93, via: 'getenv', fallback: fallback() },
      { name: 'QUOTE_PORT', file: 'public/index.php', line: 100, via: 'getenv', fallback: none },
    ]);
  });
});

describe("Symfony's %env()% placeholders", () => {
  test('in config/*.yaml (not dev or test configuration, nor comments) and in PHP strings; .env and env(X) parameters give defaults', async () => {
    const dir = scratch({
      '.env': 'DATABASE_URL="postgresql://localhost/app"\nREDIS_HOST=${CACHE_HOST}\n',
      'config/services.yaml': "parameters:\n    env(SENTRY_DSN): ''\n    app.locale: en\n",
      'config/packages/app.yaml': [
        'framework:',
        "    url: '%env(resolve:DATABASE_URL)%'",
        "    port: '%env(int:REDIS_PORT)%' # '%env(COMMENTED)%'",
        "    host: '%env(REDIS_HOST)%'",
        "    suffix: '%env(default::TEST_TOKEN)%'",
        "    dsn: '%env(SENTRY_DSN)%'",
        '# dsn: %env(LOCO_DSN)%',
        'when@dev:',
        "    dump: '%env(VAR_DUMPER_SERVER)%'",
        'when@prod:',
        "    queue: '%env(QUEUE_DSN)%'",
      ].join('\n'),
      'config/packages/test/app.yaml': "x: '%env(ONLY_IN_TESTS)%'\n",
      'deploy/values.yaml': "url: '%env(NOT_SYMFONY)%'\n",
      'src/Mailer.php': "<?php\nclass Mailer { public function __construct(#[Autowire('%env(MAILER_DSN)%')] string $dsn) {} }\n",
    });
    const scan = await new TreeSitterCodeReader().scan({ path: dir, exclude: [] });
    expect(scan.reads.map((r) => [r.name, r.file, r.line, r.fallback])).toEqual([
      ['DATABASE_URL', 'config/packages/app.yaml', 2, { kind: 'default', value: 'postgresql://localhost/app' }],
      ['MAILER_DSN', 'src/Mailer.php', 2, { kind: 'none' }],
      ['QUEUE_DSN', 'config/packages/app.yaml', 11, { kind: 'none' }],
      // `.env`'s value names another variable: only as set as that one.
      ['REDIS_HOST', 'config/packages/app.yaml', 4, { kind: 'none' }],
      ['REDIS_PORT', 'config/packages/app.yaml', 3, { kind: 'none' }],
      ['SENTRY_DSN', 'config/packages/app.yaml', 6, { kind: 'default', value: '' }],
      ['TEST_TOKEN', 'config/packages/app.yaml', 5, { kind: 'default' }],
    ]);
    expect(scan.reads.every((r) => r.via === '%env() (Symfony)')).toBe(true);
  });
});

describe("Symfony Runtime's front controller (test/fixtures/realworld/symfony-demo)", () => {
  test('`return function (array $context)` reads the environment: APP_ENV and APP_DEBUG, which the runtime sets, have defaults', async () => {
    const dir = path.join(__dirname, '../../../fixtures/realworld/symfony-demo');
    const scan = await new TreeSitterCodeReader().scan({ path: dir, exclude: [] });
    // public/index.php:8: return new Kernel($context['APP_ENV'], (bool) $context['APP_DEBUG']); .env sets APP_ENV=dev.
    expect(scan.reads.filter((r) => r.file === 'public/index.php').map((r) => [r.name, r.line, r.fallback])).toEqual([
      ['APP_DEBUG', 8, { kind: 'default' }],
      ['APP_ENV', 8, { kind: 'default', value: 'dev' }],
    ]);
  });

  test('another $context, or a closure no front controller returns to the runtime, is no read', async () => {
    const runtime = "require_once dirname(__DIR__).'/vendor/autoload_runtime.php';\n";
    expect(
      await readsOf(php, '.php', code(`${runtime}return function (array $context) { return new App($context['MAILER_DSN']); };`)),
    ).toEqual([read('MAILER_DSN', 3, '$context[] (Symfony Runtime)')]);
    expect(await readsOf(php, '.php', code(`return function (array $context) { return $context['X']; };`))).toEqual([]);
    expect(await readsOf(php, '.php', code(`${runtime}$f = function (array $context) { return $context['X']; };`))).toEqual([]);
    expect(await readsOf(php, '.php', code(`${runtime}return function (array $request) { return $context['X']; };`))).toEqual([]);
  });
});
