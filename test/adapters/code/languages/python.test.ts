import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { python } from '../../../../lambdas/adapters/code/languages/python';
import { fallback as given, none, readsOf, type SnippetRead } from '../../../helpers/code-snippet';

const read = (name: string, via: string, fallback: SnippetRead['fallback'], line = 2): SnippetRead => ({ name, line, via, fallback });
const src = (...lines: string[]) => ['import os', ...lines].join('\n');

describe('Python reads', () => {
  test.each<[string, string, SnippetRead[]]>([
    ['os.getenv with a default', src("port = os.getenv('PORT', '8080')"), [read('PORT', 'os.getenv', given("'8080'"))]],
    ['os.getenv without one', src('url = os.getenv("LLM_BASE_URL")'), [read('LLM_BASE_URL', 'os.getenv', none)]],
    [
      "os.environ['X'] raises when unset",
      src("addr = os.environ['PRODUCT_CATALOG_ADDR']"),
      [read('PRODUCT_CATALOG_ADDR', 'os.environ', none)],
    ],
    [
      'os.environ.get with a number default',
      src("port = os.environ.get('FLAGD_PORT', 8013)"),
      [read('FLAGD_PORT', 'os.environ.get', given('8013'))],
    ],
    ['os.environ.get with default=', src("h = os.environ.get('H', default='x')"), [read('H', 'os.environ.get', given("'x'"))]],
    ['os.getenv with key= and default=', src("h = os.getenv(key='PY_KWARG', default='d')"), [read('PY_KWARG', 'os.getenv', given("'d'"))]],
    ['a None default is no default', src("h = os.environ.get('H', None)"), [read('H', 'os.environ.get', none)]],
    ["or 'd' after the read", src("h = os.environ.get('HOST') or 'localhost'"), [read('HOST', 'os.environ.get', given("'localhost'"))]],
    [
      "A or B or 'd': B falls back to 'd' (a chain of alternative names)",
      src("h = os.getenv('PRIMARY_HOST') or os.getenv('SECONDARY_HOST') or 'localhost'", "p = os.getenv('A') or os.getenv('B')"),
      [
        read('PRIMARY_HOST', 'os.getenv', given()),
        read('SECONDARY_HOST', 'os.getenv', given("'localhost'")),
        read('A', 'os.getenv', given(), 3),
        read('B', 'os.getenv', none, 3),
      ],
    ],
    [
      'a read that is the default of another falls back as that read does (saleor: CLOUDAMQP_URL)',
      src(
        'url = os.environ.get("CELERY_BROKER_URL", os.environ.get("CLOUDAMQP_URL")) or ""',
        'v = os.getenv("OUTER", os.getenv("INNER"))',
        'd = {}.get("NOT_OUTER", os.getenv("PLAIN"))',
      ),
      [
        read('CELERY_BROKER_URL', 'os.environ.get', given()),
        read('CLOUDAMQP_URL', 'os.environ.get', given('""')),
        read('OUTER', 'os.getenv', given(), 3),
        read('INNER', 'os.getenv', none, 3),
        read('PLAIN', 'os.getenv', none, 4),
      ],
    ],
    [
      // paperless-ngx's EMPTY_TRASH_DIR: the right of an `or` in a condition only picks the branch, as its left does.
      'a read on either side of an `or` that is a condition only picks the branch',
      src(
        'd = get_path(os.getenv("EMPTY_TRASH_DIR")) if os.getenv("TRASH_DIR") or os.getenv("EMPTY_TRASH_DIR") else None',
        'if os.getenv("FLAG_A") or (os.getenv("FLAG_B")):',
        '    start()',
      ),
      [
        read('EMPTY_TRASH_DIR', 'os.getenv', given('None')),
        read('TRASH_DIR', 'os.getenv', given()),
        read('EMPTY_TRASH_DIR', 'os.getenv', given()),
        read('FLAG_A', 'os.getenv', given(), 3),
        read('FLAG_B', 'os.getenv', given(), 3),
      ],
    ],
    ['os.environ.setdefault', src("os.environ.setdefault('MODE', 'dev')"), [read('MODE', 'os.environ.setdefault', given("'dev'"))]],
    ["'X' in os.environ", src("if 'DEBUG' in os.environ: pass"), [read('DEBUG', 'in os.environ', given())]],
    ["'X' not in os.environ", src("if 'DEBUG' not in os.environ: pass"), [read('DEBUG', 'in os.environ', given())]],
    [
      'names imported from os',
      "from os import environ, getenv\na = getenv('A', 'x')\nb = environ['B']",
      [read('A', 'getenv', given("'x'")), read('B', 'environ', none, 3)],
    ],
    [
      'names imported from os under an alias',
      "from os import environ as env, getenv as ge\na = ge('A', 'x')\nb = env['B']\nc = env.get('C')\nd = getenv('NOT_IMPORTED')",
      [read('A', 'getenv', given("'x'")), read('B', 'environ', none, 3), read('C', 'environ.get', none, 4)],
    ],
    [
      'os.environ held in a variable (env = os.environ) is read through it; a copy is not',
      src(
        'env = os.environ',
        "region = env.get('REGION', 'eu')",
        "token = env['TOKEN']",
        'snapshot = os.environ.copy()',
        "x = snapshot['NOT_READ_HERE']",
      ),
      [read('REGION', 'environ.get', given("'eu'"), 3), read('TOKEN', 'environ', none, 4)],
    ],
    [
      'os imported under an alias',
      "import os as o, sys\na = o.getenv('A')\nb = o.environ['B']\nc = sys.environ['NOT_OS']",
      [read('A', 'os.getenv', none), read('B', 'os.environ', none, 3)],
    ],
    [
      'an if that assigns a default after the read',
      src("port = os.getenv('PORT')", 'if not port:', "    port = '8080'"),
      [read('PORT', 'os.getenv', given("'8080'"))],
    ],
    [
      'an if that raises after the read is no default',
      src("url = os.environ.get('DB_URL')", 'if url is None:', "    raise KeyError('DB_URL')"),
      [read('DB_URL', 'os.environ.get', none)],
    ],
    [
      'an if on either empty test, an else that assigns, a conditional expression, a return (the shared flow analysis)',
      src(
        "a = os.getenv('A')",
        "if a is None or a == '':",
        "    a = 'x'",
        "b = os.environ.get('B')",
        'if b:',
        '    pass',
        'else:',
        "    b = 'y'",
        "c = os.getenv('C')",
        "port = c if c else '80'",
        'def f():',
        "    d = os.getenv('D')",
        '    if len(d) == 0:',
        "        return 'z'",
        '    return d',
        "e = os.getenv('E')",
        'if not e:',
        '    sys.exit(1)',
      ),
      [
        read('A', 'os.getenv', given("'x'")),
        read('B', 'os.environ.get', given("'y'"), 5),
        read('C', 'os.getenv', given("'80'"), 10),
        read('D', 'os.getenv', given("'z'"), 13),
        read('E', 'os.getenv', none, 17),
      ],
    ],
    [
      'a walrus in an if binds the value: used only when set, the code runs without it (unless the else fails)',
      src(
        "if v := os.getenv('ALLOWED_HOSTS'):",
        "    hosts = v.split(',')",
        'else:',
        "    hosts = 'localhost'",
        "if admins := os.getenv('ADMINS'):",
        "    ADMINS = admins.split(',')",
        "if (f := os.getenv('F')) is not None:",
        '    port = int(f)',
        "if g := os.getenv('G'):",
        '    token = g',
        'else:',
        "    raise RuntimeError('G is not set')",
      ),
      [
        read('ALLOWED_HOSTS', 'os.getenv', given("'localhost'")),
        read('ADMINS', 'os.getenv', given(), 6),
        read('F', 'os.getenv', given(), 8),
        read('G', 'os.getenv', none, 10),
      ],
    ],
    ['an f-string or a variable is no key', src("a = os.getenv(f'{p}_URL')\nb = os.environ[name]\nc = environ['C']"), []],
  ])('%s', async (_what, source, expected) => {
    expect(await readsOf(python, '.py', source)).toEqual(expected);
  });

  test.each<[string, string, SnippetRead[]]>([
    [
      'a wrapper passing its default parameter',
      src('def env(key, default=None):', '    return os.environ.get(key, default)', "port = env('PORT', '8080')", "host = env('HOST')"),
      [read('PORT', 'env (wrapper of os.environ.get)', given("'8080'"), 4), read('HOST', 'env (wrapper of os.environ.get)', none, 5)],
    ],
    [
      "a wrapper's own default when a call leaves the argument out",
      src(
        "def env(key, fallback='x'):",
        '    v = os.environ.get(key)',
        '    return v if v else fallback',
        "a = env('A')",
        "b = env('B', 'y')",
      ),
      [read('A', 'env (wrapper of os.environ.get)', given("'x'"), 5), read('B', 'env (wrapper of os.environ.get)', given("'y'"), 6)],
    ],
    [
      "a typed default and a method's self",
      src(
        'class C:',
        "    def env(self, key: str, fallback: str = 'x'):",
        '        return os.getenv(key, fallback)',
        '    def run(self):',
        "        return self.env('C')",
      ),
      [read('C', 'env (wrapper of os.getenv)', given("'x'"), 6)],
    ],
    [
      'a wrapper that raises when unset reads without default',
      src(
        'def must_map_env(key: str):',
        '    value = os.environ.get(key)',
        '    if value is None:',
        "        raise Exception(f'{key} must be set')",
        '    return value',
        "name = must_map_env('OTEL_SERVICE_NAME')",
      ),
      [read('OTEL_SERVICE_NAME', 'must_map_env (wrapper of os.environ.get)', none, 7)],
    ],
    [
      // paperless-ngx's get_choice_from_env("PAPERLESS_OCR_MODE", {…}, default="auto"): a default passed by name is the default.
      'a wrapper called with its key and default passed by name',
      src(
        'def get_choice_from_env(env_key, choices, default=None):',
        '    value = os.environ.get(env_key, default)',
        '    return value',
        'a = get_choice_from_env("OCR_MODE", {"auto", "off"}, default="auto")',
        'b = get_choice_from_env(env_key="DB_ENGINE", choices={"sqlite"}, default="sqlite")',
        'c = get_choice_from_env("SEARCH_LANGUAGE", {"en"})',
      ),
      [
        read('OCR_MODE', 'get_choice_from_env (wrapper of os.environ.get)', given('"auto"'), 5),
        read('DB_ENGINE', 'get_choice_from_env (wrapper of os.environ.get)', given('"sqlite"'), 6),
        read('SEARCH_LANGUAGE', 'get_choice_from_env (wrapper of os.environ.get)', none, 7),
      ],
    ],
    [
      'a wrapper of a wrapper passing its own parameters on by name',
      src(
        'def env(key, default=None):',
        '    return os.environ.get(key, default)',
        'def setting(name, fallback=None):',
        '    return env(default=fallback, key="APP_" + name)',
        'a = setting("PORT", fallback="8000")',
        'b = setting(name="HOST")',
      ),
      [
        read('APP_PORT', 'setting (wrapper of os.environ.get)', given('"8000"'), 6),
        read('APP_HOST', 'setting (wrapper of os.environ.get)', none, 7),
      ],
    ],
    [
      'a method wrapper called on self',
      src(
        'class C:',
        '    def env(self, key):',
        "        return os.getenv(key) or 'x'",
        '    def run(self):',
        "        return self.env('REGION')",
      ),
      [read('REGION', 'env (wrapper of os.getenv)', given("'x'"), 6)],
    ],
  ])('%s', async (_what, source, expected) => {
    expect(await readsOf(python, '.py', source)).toEqual(expected);
  });

  describe('a read guarded by a test that its key is set has a default (the guard is another spelling of the same key)', () => {
    // Each read of `os.environ`/`os.getenv` in the source, as `[via, fallback]`, the guard's own `in` read left out.
    const guarded = async (...lines: string[]) =>
      (await readsOf(python, '.py', src(...lines))).filter((r) => r.via !== 'in os.environ').map((r) => [r.name, r.fallback]);

    test.each<[string, string[], [string, SnippetRead['fallback']][]]>([
      ["`… if 'X' in os.environ else 5`", ["port = int(os.environ['PORT']) if 'PORT' in os.environ else 5"], [['PORT', given('5')]]],
      [
        "`5 if 'X' not in os.environ else …`",
        ["port = 5 if 'PORT' not in os.environ else int(os.environ['PORT'])"],
        [['PORT', given('5')]],
      ],
      ["`if 'X' in os.environ:` around the read", ["if 'HOST' in os.environ:", "    host = os.environ['HOST']"], [['HOST', given()]]],
      [
        '`if os.getenv(X) is not None:` around `os.environ[X]`',
        ["if os.getenv('TIMEOUT') is not None:", "    timeout = int(os.environ['TIMEOUT'])"],
        [
          ['TIMEOUT', given()],
          ['TIMEOUT', given()],
        ],
      ],
      [
        '`… if os.environ.get(X) else 3`',
        ["n = int(os.getenv('N')) if os.environ.get('N') else 3"],
        [
          ['N', given('3')],
          ['N', given()],
        ],
      ],
      ["`if 'X' in os.environ and …:`", ["if 'A' in os.environ and ready:", "    a = os.environ['A']"], [['A', given()]]],
      [
        "`if 'A' in os.environ or 'B' in os.environ:` around reads of either",
        ["if 'A' in os.environ or 'B' in os.environ:", "    a = os.environ['A']", "    b = os.environ.get('B')"],
        [
          ['A', given()],
          ['B', given()],
        ],
      ],
      ['a guard on another key guards nothing', ["if 'B' in os.environ:", "    a = os.environ['A']"], [['A', none]]],
      ['nor does an or of other keys', ["if 'B' in os.environ or 'C' in os.environ:", "    a = os.environ['A']"], [['A', none]]],
      ['the read in the branch taken unset is required', ["a = 1 if 'A' in os.environ else os.environ['A']"], [['A', none]]],
    ])('%s', async (_what, lines, expected) => {
      expect(await guarded(...lines)).toEqual(expected);
    });
  });

  describe('a variable holding the read, used only in a branch its test takes when set, is a guarded read', () => {
    const fallbacks = async (...lines: string[]) => (await readsOf(python, '.py', src(...lines))).map((r) => [r.name, r.fallback]);
    test.each<[string, string[], [string, SnippetRead['fallback']][]]>([
      [
        '`if x:` around its only use',
        ["dsn = os.environ.get('SENTRY_DSN')", 'if dsn:', '    sentry_sdk.init(dsn=dsn)'],
        [['SENTRY_DSN', given()]],
      ],
      [
        '`if not x: return` in a function that returns nothing',
        ['def setup():', "    url = os.getenv('WEBHOOK_URL')", '    if not url:', '        return', '    register(url)'],
        [['WEBHOOK_URL', given()]],
      ],
      ['a use after the branch is not guarded', ["x = os.environ.get('X')", 'if x:', '    log(x)', 'connect(x)'], [['X', none]]],
      [
        'a bare return in a function that returns a value elsewhere gives its caller nothing',
        ['def token():', "    v = os.environ.get('TOKEN')", '    if not v:', '        return', '    return v.strip()'],
        [['TOKEN', none]],
      ],
      [
        '`if not x: raise` keeps it required',
        ["x = os.getenv('DB')", 'if not x:', "    raise SystemExit('DB')", 'connect(x)'],
        [['DB', none]],
      ],
    ])('%s', async (_what, lines, expected) => {
      expect(await fallbacks(...lines)).toEqual(expected);
    });
  });

  describe("os.environ['X'] in a try whose except catches the missing key falls back to what the except does", () => {
    const tried = (body: string, clause: string, handler: string) => src('try:', `    ${body}`, `${clause}:`, `    ${handler}`);
    test.each<[string, string, SnippetRead['fallback']]>([
      ["except KeyError: x = 'd'", tried("x = os.environ['X']", 'except KeyError', "x = 'd'"), given("'d'")],
      [
        'except (KeyError, ValueError) as e: x = 5',
        tried("x = int(os.environ['X'])", 'except (KeyError, ValueError) as e', 'x = 5'),
        given('5'),
      ],
      ['a bare except: pass', tried("x = os.environ['X']", 'except', 'pass'), given()],
      ['except KeyError: raise', tried("x = os.environ['X']", 'except KeyError', "raise SystemExit('X is not set')"), none],
      ['except ValueError does not catch a missing key', tried("x = int(os.environ['X'])", 'except ValueError', 'x = 5'), none],
    ])('%s', async (_what, source, expected) => {
      expect((await readsOf(python, '.py', source)).map((r) => [r.name, r.fallback])).toEqual([['X', expected]]);
    });
  });

  test('pydantic BaseSettings fields read their names, with env_prefix, aliases and defaults', async () => {
    const source = [
      'from pydantic import Field',
      'from pydantic_settings import BaseSettings, SettingsConfigDict',
      'class Settings(BaseSettings):',
      "    model_config = SettingsConfigDict(env_prefix='APP_')",
      '    port: int = 8080',
      '    database_url: str',
      "    region: str = Field('eu-west-1', description='where')",
      '    token: str = Field(...)',
      "    api: str = Field(default='x', validation_alias='API_BASE')",
      '    _private: int = 1',
      'class Plain:',
      '    other: int = 1',
    ].join('\n');
    const via = 'pydantic BaseSettings';
    expect(await readsOf(python, '.py', source)).toEqual([
      read('APP_port', via, given('8080'), 5),
      read('APP_database_url', via, none, 6),
      read('APP_region', via, given("'eu-west-1'"), 7),
      read('APP_token', via, none, 8),
      read('API_BASE', via, given("'x'"), 9),
    ]);
  });

  test("pydantic: each of AliasChoices' names, an Annotated field's alias, and pydantic v1's env= (a name or a list) is read, without the prefix", async () => {
    const source = [
      'from typing import Annotated',
      'from pydantic import AliasChoices, BaseSettings, Field',
      'class Settings(BaseSettings):',
      "    model_config = SettingsConfigDict(env_prefix='APP_')",
      "    redis_dsn: str = Field('redis://r', validation_alias=AliasChoices('REDIS_URL', 'CACHE_URL'))",
      "    level: Annotated[str, Field(alias='LOG_LEVEL')] = 'info'",
      "    db: str = Field(..., env='DATABASE_URL')",
      "    key: str = Field(None, env=['API_KEY', 'LEGACY_KEY'])",
    ].join('\n');
    const via = 'pydantic BaseSettings';
    expect(await readsOf(python, '.py', source)).toEqual([
      read('REDIS_URL', via, given("'redis://r'"), 5),
      read('CACHE_URL', via, given("'redis://r'"), 5),
      read('LOG_LEVEL', via, given("'info'"), 6),
      read('DATABASE_URL', via, none, 7),
      read('API_KEY', via, given('None'), 8),
      read('LEGACY_KEY', via, given('None'), 8),
    ]);
  });

  test("pydantic: a nested model's fields, with env_nested_delimiter, read PREFIX_FIELD__SUBFIELD with their own defaults", async () => {
    const source = [
      'from pydantic import BaseModel',
      'from pydantic_settings import BaseSettings, SettingsConfigDict',
      'class Database(BaseModel):',
      '    host: str',
      '    port: int = 5432',
      'class Settings(BaseSettings):',
      "    model_config = SettingsConfigDict(env_prefix='APP_', env_nested_delimiter='__')",
      '    db: Database',
      "    replica: Database = Database(host='replica')",
      '    debug: bool = False',
      'class Flat(BaseSettings):',
      '    db: Database',
    ].join('\n');
    const via = 'pydantic BaseSettings';
    expect(await readsOf(python, '.py', source)).toEqual([
      read('APP_db', via, given(), 8),
      read('APP_db__host', via, none, 4),
      read('APP_db__port', via, given('5432'), 5),
      read('APP_replica', via, given(), 9),
      read('APP_replica__host', via, given(), 4),
      read('APP_replica__port', via, given('5432'), 5),
      read('APP_debug', via, given('False'), 10),
      // Without a delimiter the model is one variable, its JSON.
      read('db', via, none, 12),
    ]);
  });

  test('pydantic: env_prefix in a model_config dict, and a subclass of a settings class (its base’s prefix unless it sets one)', async () => {
    const source = [
      'from pydantic_settings import BaseSettings',
      'class A(BaseSettings):',
      "    model_config = {'env_prefix': 'BBB_'}",
      '    host: str',
      'class C(A):',
      '    port: int = 1',
      'class D(C):',
      "    model_config = {'env_prefix': 'DDD_'}",
      '    name: str',
    ].join('\n');
    const via = 'pydantic BaseSettings';
    expect(await readsOf(python, '.py', source)).toEqual([
      read('BBB_host', via, none, 4),
      read('BBB_port', via, given('1'), 6),
      read('DDD_name', via, none, 9),
    ]);
  });

  test('django-environ: calls of an Env instance and its casts, with default= or positional defaults and the scheme’s', async () => {
    const source = [
      'import environ',
      'env = environ.Env(DEBUG=(bool, False), HOSTS=(list,))',
      "SECRET_KEY = env('SECRET_KEY')",
      "DEBUG = env.bool('DEBUG')",
      "AGE = env.int('SESSION_COOKIE_AGE', default=1209600)",
      "NAME = env.str('COOKIE_NAME', 'sessionid')",
      "HOSTS = env.list('HOSTS')",
      "MODE = env('MODE', str, 'dev')",
      "DATABASES = {'default': env.db()}",
      "CACHE = env.cache_url('REDIS_URL', default=None)",
      "env.read_env('.env')",
    ].join('\n');
    const v = (how: string) => `${how} (django-environ)`;
    expect(await readsOf(python, '.py', source)).toEqual([
      read('SECRET_KEY', v('env'), none, 3),
      read('DEBUG', v('env.bool'), given('False'), 4),
      read('SESSION_COOKIE_AGE', v('env.int'), given('1209600'), 5),
      read('COOKIE_NAME', v('env.str'), given("'sessionid'"), 6),
      read('HOSTS', v('env.list'), none, 7),
      read('MODE', v('env'), given("'dev'"), 8),
      read('DATABASE_URL', v('env.db'), none, 9),
      read('REDIS_URL', v('env.cache_url'), given('None'), 10),
    ]);
  });

  test('django-environ: an Env made in one module reads where another imports it', async () => {
    const defined = ['import environ', 'env = environ.Env()'].join('\n');
    const source = ['from config.env import env', "JWT_COOKIE = env('JWT_AUTH_COOKIE', default='jwt')", "KEY = env('AWS_KEY')"].join('\n');
    expect(await readsOf(python, '.py', source, [defined])).toEqual([
      read('JWT_AUTH_COOKIE', 'env (django-environ)', given("'jwt'"), 2),
      read('AWS_KEY', 'env (django-environ)', none, 3),
    ]);
    // A module that does not import it has its own `env`.
    expect(await readsOf(python, '.py', "def env(k):\n    return k\nA = env('NOT_A_READ')", [defined])).toEqual([]);
  });

  test('environs and python-decouple: the default is the second argument', async () => {
    const source = [
      'from environs import Env',
      'from decouple import config, Csv',
      'env = Env()',
      "PORT = env.int('PORT', 8000)",
      "URL = env('API_URL')",
      "DEBUG = config('DEBUG', default=False, cast=bool)",
      "HOSTS = config('ALLOWED_HOSTS', cast=Csv())",
      "TZ = config('TIME_ZONE', 'UTC')",
    ].join('\n');
    expect(await readsOf(python, '.py', source)).toEqual([
      read('PORT', 'env.int (environs)', given('8000'), 4),
      read('API_URL', 'env (environs)', none, 5),
      read('DEBUG', 'config (python-decouple)', given('False'), 6),
      read('ALLOWED_HOSTS', 'config (python-decouple)', none, 7),
      read('TIME_ZONE', 'config (python-decouple)', given("'UTC'"), 8),
    ]);
  });

  test("the URL parsers' config() reads its one variable, named by env= or the module's DEFAULT_ENV: dj-database-url, django-cache-url (locmem:// without a default), dj-email-url", async () => {
    const source = [
      'import dj_database_url, django_cache_url as cache_url',
      'from dj_email_url import config as email_config',
      'DATABASES = {"default": dj_database_url.config(conn_max_age=600)}',
      'REPLICA = dj_database_url.config(env="REPLICA_URL", default="sqlite:///db.sqlite3")',
      'ANALYTICS = dj_database_url.config(env=dj_database_url.DEFAULT_ENV, default=None)',
      'CACHES = {"default": cache_url.config()}',
      'SESSIONS = cache_url.config("SESSION_CACHE_URL", "dummy://")',
      'EMAIL = email_config()',
      'PARSED = dj_database_url.parse("postgres://localhost/app")',
    ].join('\n');
    expect(await readsOf(python, '.py', source)).toEqual([
      read('DATABASE_URL', 'dj_database_url.config (dj-database-url)', none, 3),
      read('REPLICA_URL', 'dj_database_url.config (dj-database-url)', given('"sqlite:///db.sqlite3"'), 4),
      read('DATABASE_URL', 'dj_database_url.config (dj-database-url)', none, 5),
      read('CACHE_URL', 'cache_url.config (django-cache-url)', given("'locmem://'"), 6),
      read('SESSION_CACHE_URL', 'cache_url.config (django-cache-url)', given('"dummy://"'), 7),
      read('EMAIL_URL', 'email_config (dj-email-url)', none, 8),
    ]);
  });
});

describe("healthchecks' settings.py (test/fixtures/realworld/healthchecks)", () => {
  const settings = readFileSync(path.join(__dirname, '../../../fixtures/realworld/healthchecks/hc/settings.py'), 'utf8');
  const fallbackOf = async (name: string) => (await readsOf(python, '.py', settings)).filter((r) => r.name === name).map((r) => r.fallback);

  test('envsecret reads X_FILE (s + "_FILE") first and, when it is unset, X: the _FILE read falls back (its raise is for an unreadable file)', async () => {
    expect(await fallbackOf('SECRET_KEY_FILE')).toEqual([given()]);
    expect(await fallbackOf('SECRET_KEY')).toEqual([given('"---"')]);
    expect(await fallbackOf('DISCORD_CLIENT_SECRET_FILE')).toEqual([given()]);
  });

  test('`os.getenv("DB") in ["mysql", "mariadb"]` only picks a branch, as `== "postgres"` does', async () => {
    expect(await fallbackOf('DB')).toEqual([given(), given()]);
  });

  test('`if v := os.getenv(X): SETTING = tuple(v.split(…))` keeps the setting’s own default when unset', async () => {
    expect(await fallbackOf('SECURE_PROXY_SSL_HEADER')).toEqual([given()]);
  });
});

describe("Flask's app.config.from_prefixed_env(): the app's config keys are read from FLASK_-prefixed variables", () => {
  const factory = [
    'from flask import Flask',
    'def create_app():',
    '    app = Flask(__name__)',
    "    app.config.from_mapping(SQLALCHEMY_DATABASE_URI='sqlite:///db.sqlite')",
    '    app.config.from_prefixed_env()',
    '    return app',
  ].join('\n');
  const via = 'app.config (from_prefixed_env)';

  test('each key the code reads from the app config, in any file, with the default the code or another setting of it gives', async () => {
    const views = [
      'from flask import current_app',
      'class Config:',
      '    PAGE_SIZE_MAX = 100',
      'def view(settings):',
      "    a = current_app.config['SQLALCHEMY_DATABASE_URI']",
      "    b = current_app.config['STRIPE_KEY']",
      "    c = current_app.config.get('PAGE_SIZE', 20)",
      "    d = current_app.config['SECRET_KEY']",
      "    e = current_app.config['PAGE_SIZE_MAX']",
      "    current_app.config['CACHED'] = 1",
      "    f = settings.config['NOT_FLASK']",
    ].join('\n');
    expect(await readsOf(python, '.py', views, [factory])).toEqual([
      read('FLASK_SQLALCHEMY_DATABASE_URI', via, given(), 5),
      read('FLASK_STRIPE_KEY', via, none, 6),
      read('FLASK_PAGE_SIZE', via, given('20'), 7),
      // Flask's own default configuration has SECRET_KEY (None).
      read('FLASK_SECRET_KEY', via, given(), 8),
      read('FLASK_PAGE_SIZE_MAX', via, given(), 9),
    ]);
  });

  test("a prefix of the app's own (from_prefixed_env('COOKBOOKS')); without from_prefixed_env the config reads no variable", async () => {
    const app = ['app = Flask(__name__)', "app.config.from_prefixed_env('COOKBOOKS')", "uri = app.config['DB_NAME']"].join('\n');
    expect(await readsOf(python, '.py', app)).toEqual([read('COOKBOOKS_DB_NAME', via, none, 3)]);
    expect(await readsOf(python, '.py', ['app = Flask(__name__)', "uri = app.config['DB_NAME']"].join('\n'))).toEqual([]);
  });
});

describe("click's and typer's options read the variables their envvar= names", () => {
  test("with the default the option gives: default=, typer's first argument or the annotated parameter's; required and ... none", async () => {
    const source = [
      'import click, typer',
      "@click.option('--port', envvar='PORT', default=8080, type=int)",
      "@click.option('--db', envvar='DATABASE_URL', required=True)",
      "@click.option('--debug', envvar=['DEBUG', 'APP_DEBUG'], is_flag=True)",
      'def main(port, db, debug):',
      '    pass',
      "def serve(host: str = typer.Option('0.0.0.0', '--host', envvar='HOST'), key: str = typer.Option(..., envvar='API_KEY'),",
      "          workers: Annotated[int, typer.Option('--workers', envvar='WORKERS')] = 4):",
      '    pass',
      "@click.option('--name', default='x')",
      'def other(name):',
      '    pass',
    ].join('\n');
    expect(await readsOf(python, '.py', source)).toEqual([
      read('PORT', 'click option(envvar=…)', given('8080'), 2),
      read('DATABASE_URL', 'click option(envvar=…)', none, 3),
      read('DEBUG', 'click option(envvar=…)', given('False'), 4),
      read('APP_DEBUG', 'click option(envvar=…)', given('False'), 4),
      read('HOST', 'typer Option(envvar=…)', given("'0.0.0.0'"), 7),
      read('API_KEY', 'typer Option(envvar=…)', none, 7),
      read('WORKERS', 'typer Option(envvar=…)', given('4'), 8),
    ]);
  });
});

describe("mealie's AppSettings (test/fixtures/realworld/mealie)", () => {
  const file = path.join(__dirname, '../../../fixtures/realworld/mealie/mealie/core/settings/settings.py');

  test('a field every construction in the file passes as a keyword (`**secret_settings`, a dict literal) needs no variable set', async () => {
    const reads = await readsOf(python, '.py', readFileSync(file, 'utf8'));
    // settings.py:363: secret_settings = {"SECRET": determine_secrets(…), "SESSION_SECRET": …}; AppSettings(…, **secret_settings).
    expect(reads.filter((r) => /^(SECRET|SESSION_SECRET|BASE_URL)$/.test(r.name)).map((r) => [r.name, r.line, r.fallback])).toEqual([
      ['BASE_URL', 86, { kind: 'default', value: '"http://localhost:8080"' }],
      ['SECRET', 102, { kind: 'default' }],
      ['SESSION_SECRET', 103, { kind: 'default' }],
    ]);
  });

  test('a keyword one construction leaves out, or a class never constructed, keeps the field required', async () => {
    const source = [
      'from pydantic_settings import BaseSettings',
      'class Base(BaseSettings):',
      '    token: str',
      '    name: str',
      'class App(Base):',
      '    url: str',
      'class Other(BaseSettings):',
      '    key: str',
      'def make():',
      '    extra = {"name": "x"}',
      '    return App(token="t", url="u", **extra)',
      'def again():',
      '    return Base(token="t")',
    ].join('\n');
    expect((await readsOf(python, '.py', source)).map((r) => [r.name, r.fallback.kind])).toEqual([
      ['token', 'default'],
      ['name', 'none'],
      ['url', 'default'],
      ['key', 'none'],
    ]);
  });
});
