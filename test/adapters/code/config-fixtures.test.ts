import * as path from 'node:path';
import { TreeSitterCodeReader } from '../../../lambdas/adapters/code/tree-sitter-code-reader';
import type { CodeScan } from '../../../lambdas/core/code/code-read';

const FIXTURES = path.resolve(__dirname, '../../fixtures/code-configs');

const scanOf = (repo: string): Promise<CodeScan> => new TreeSitterCodeReader().scan({ path: path.join(FIXTURES, repo), exclude: [] });
/** Each read as `KEY@line default|none`, in the scan's order. */
const listed = (scan: CodeScan): string[] => scan.reads.map((r) => `${r.name}@${r.line} ${r.fallback.kind}`);

describe('configuration reads of services the scanner was not written against', () => {
  test('nestjs-boilerplate: a read in a branch taken only when its key is set is no read without a default', async () => {
    const reads = listed(await scanOf('nestjs-boilerplate'));
    // `process.env.MAIL_PORT ? parseInt(process.env.MAIL_PORT, 10) : 587`: both reads fall back to 587.
    for (const key of ['MAIL_PORT', 'APP_PORT', 'PORT'])
      expect(reads.filter((r) => r.startsWith(`${key}@`) && r.endsWith(' none'))).toEqual([]);
    expect(reads).toEqual(expect.arrayContaining(['MAIL_PORT@53 default', 'APP_PORT@74 default', 'PORT@76 default']));
  });

  test('nestjs-boilerplate: the reads without a default are those the code has no fallback for, and the class-validator properties it requires', async () => {
    const reads = listed(await scanOf('nestjs-boilerplate'));
    // Checked by hand. Each `EnvironmentVariablesValidator` is validated against process.env: a property without
    // `@IsOptional()` fails without its variable (MAIL_IGNORE_TLS@40, whatever `=== 'true'` makes of it at 59), and a
    // direct read of an `@IsOptional()` one (FRONTEND_DOMAIN@63, MAIL_USER@55, MAIL_PASSWORD@56) runs without it.
    expect(reads.filter((r) => r.endsWith(' none'))).toEqual([
      'MAIL_DEFAULT_EMAIL@34 none',
      'MAIL_DEFAULT_EMAIL@57 none',
      'MAIL_DEFAULT_NAME@37 none',
      'MAIL_DEFAULT_NAME@58 none',
      'MAIL_HOST@23 none',
      'MAIL_HOST@54 none',
      'MAIL_IGNORE_TLS@40 none',
      'MAIL_REQUIRE_TLS@46 none',
      'MAIL_SECURE@43 none',
    ]);
  });

  test('Unleash: a read given to a function of the tree that returns its other argument for an empty value (parseEnvVarNumber(process.env.X, 5432)) falls back to that argument', async () => {
    const scan = await scanOf('unleash');
    const shown = scan.reads.map((r) => `${r.name}@${r.line} ${r.fallback.kind === 'none' ? 'none' : (r.fallback.value ?? 'computed')}`);
    // Checked by hand against src/lib/util/parseEnvVar.ts: `if (!envVar) return defaultVal;`, `if (envVar) { … } return
    // defaultVal;`, `typeof envVar === 'string'`; formatBaseUri's `if (!input) return '';`; the last of an `||` given whole.
    expect(shown).toEqual(
      expect.arrayContaining([
        'DATABASE_PORT@15 5432',
        'DATABASE_POOL_MIN@22 0',
        'DATABASE_POOL_IDLE_TIMEOUT_MS@25 computed',
        'ALLOW_NON_STANDARD_DB_DATES@29 false',
        'PORT@47 4242',
        "BASE_URI_PATH@48 ''",
        'SERVER_KEEPALIVE_TIMEOUT@67 15',
        'GRACEFUL_SHUTDOWN_ENABLE@75 true',
        'UNLEASH_FRONTEND_API_ORIGINS@91 computed',
      ]),
    );
    // What has no fallback at all: plain reads.
    expect(shown.filter((r) => r.endsWith(' none'))).toEqual([
      'CDN_PREFIX@49 none',
      'DATABASE_HOST@14 none',
      'DATABASE_PASSWORD@13 none',
      'DATABASE_USERNAME@12 none',
      'DATABASE_VERSION@19 none',
      'EDGE_URL@50 none',
      'HTTP_HOST@46 none',
      'LOGROCKET_APP_ID@52 none',
    ]);
  });

  test('saleor: dj_database_url.config(env=dj_database_url.DEFAULT_ENV, default=…) reads DATABASE_URL, whose default holds a password; django_cache_url.config() reads CACHE_URL', async () => {
    const scan = await scanOf('saleor');
    const shown = scan.reads.map((r) => `${r.name}@${r.line} ${r.via} ${JSON.stringify(r.fallback)}`);
    expect(shown).toEqual(
      expect.arrayContaining([
        'DATABASE_URL@29 dj_database_url.config (dj-database-url) {"kind":"default","secret":true}',
        `CACHE_URL@51 django_cache_url.config (django-cache-url) {"kind":"default","value":"'locmem://'"}`,
      ]),
    );
    // The replica's variable is named as the code runs (DATABASE_URL_REPLICA, tested at line 20, or DATABASE_URL): no read of a third.
    expect(scan.reads.filter((r) => r.via.includes('dj-database-url'))).toHaveLength(1);
    expect(JSON.stringify(scan)).not.toContain('saleor:saleor');
  });

  test("CleanArchitecture: GetConnectionString(Services.Database) names its key by a const of a class in another project's folder, in PascalCase", async () => {
    const scan = await scanOf('clean-architecture');
    expect(scan.reads.map((r) => `${r.name}@${r.file}:${r.line} ${r.fallback.kind === 'none' ? 'none' : r.fallback.value}`)).toEqual([
      // The Web host's appsettings.json gives it its value: the library runs in that host.
      'ConnectionStrings:CleanArchitectureDb@src/Infrastructure/DependencyInjection.cs:17 DataSource=CleanArchitecture.db;Cache=Shared',
    ]);
    expect(scan.openReads ?? []).toEqual([]);
  });

  test('Django-Styleguide-Example: django-environ reads, through an Env made in config/env.py', async () => {
    const reads = listed(await scanOf('django-styleguide-example'));
    expect(reads).toEqual([
      'AWS_DEFAULT_ACL@28 default',
      'AWS_PRESIGNED_EXPIRY@30 default',
      'AWS_S3_ACCESS_KEY_ID@21 none',
      'AWS_S3_CUSTOM_DOMAIN@32 default',
      'AWS_S3_REGION_NAME@24 none',
      'AWS_S3_SECRET_ACCESS_KEY@22 none',
      'AWS_S3_SIGNATURE_VERSION@25 default',
      'AWS_STORAGE_BUCKET_NAME@23 none',
      'CSRF_USE_SESSIONS@15 default',
      'FILE_MAX_SIZE@9 default',
      'FILE_UPLOAD_STORAGE@7 default',
      'FILE_UPLOAD_STRATEGY@6 default',
      'SESSION_COOKIE_AGE@9 default',
      'SESSION_COOKIE_HTTPONLY@10 default',
      'SESSION_COOKIE_NAME@11 default',
      'SESSION_COOKIE_SAMESITE@12 default',
      'SESSION_COOKIE_SECURE@13 default',
    ]);
  });

  test('static-web-server: clap derive arguments filled from `env = "…"`, their defaults, and those that run empty', async () => {
    const scan = await scanOf('static-web-server');
    const shown = scan.reads.map((r) => `${r.name}@${r.line} ${r.fallback.kind === 'none' ? 'none' : (r.fallback.value ?? 'empty')}`);
    // Checked by hand against src/settings/cli.rs: every argument but the `Option` ones has a `default_value`;
    // a field under two `cfg_attr`s is read at both (the threads' defaults differ on wasm).
    expect(shown.sort()).toEqual(
      [
        'SERVER_HOST@25 "::"',
        'SERVER_PORT@29 "8080"',
        'SERVER_LISTEN_FD@38 empty',
        'SERVER_LISTEN_FD@47 empty',
        'SERVER_UNIX_SOCKET@68 empty',
        'SERVER_UNIX_SOCKET@76 empty',
        'SERVER_UNIX_SOCKET_MODE@90 empty',
        'SERVER_UNIX_SOCKET_FORCE@107 "false"',
        'SERVER_THREADS_MULTIPLIER@121 "1"',
        'SERVER_THREADS_MULTIPLIER@130 "2"',
        'SERVER_MAX_BLOCKING_THREADS@145 "512"',
        'SERVER_MAX_BLOCKING_THREADS@154 "20"',
        'SERVER_ROOT@160 "."',
        'SERVER_USE_RELATIVE_ROOT@171 "false"',
        'SERVER_ERROR_PAGE_50X@177 "./50x.html"',
        'SERVER_ERROR_PAGE_404@183 "./404.html"',
        'SERVER_FALLBACK_PAGE@191 ""',
        'SERVER_LOG_LEVEL@195 "error"',
        'SERVER_LOG_FORMAT@203 "json"',
        'SERVER_LOG_WITH_ANSI@215 "false"',
        'SERVER_LOG_FILE@222 empty',
        'SERVER_CORS_ALLOW_ORIGINS@240 ""',
        'SERVER_CORS_ALLOW_HEADERS@249 "origin, content-type, authorization"',
        'SERVER_CORS_EXPOSE_HEADERS@257 "origin, content-type"',
        'SERVER_TLS@270 "false"',
        'SERVER_TLS_CERT@277 empty',
        'SERVER_TLS_KEY@283 empty',
        'SERVER_HTTP2@296 "false"',
        'SERVER_HTTPS_REDIRECT@310 "false"',
        'SERVER_HTTPS_REDIRECT_HOST@317 "localhost"',
      ].sort(),
    );
    expect(new Set(scan.reads.map((r) => r.via))).toEqual(new Set(['clap #[arg(env)]']));
  });

  test("hoppscotch-backend: NestJS's ConfigService reads variables (injected, a factory's parameter, app.get(ConfigService))", async () => {
    const scan = await scanOf('hoppscotch-backend');
    const shown = scan.reads.map(
      (r) => `${r.name}@${r.file}:${r.line} ${r.fallback.kind === 'none' ? 'none' : (r.fallback.value ?? 'default')}`,
    );
    // Checked by hand; the `INFRA.*` keys are paths into what the `load` factory builds, not variables.
    expect(shown.sort()).toEqual(
      [
        'ENABLE_SUBPATH_BASED_ACCESS@src/mock-server/mock-server.service.ts:71 default',
        'GENERATE_GQL_SCHEMA@src/main.ts:104 default',
        'PORT@src/main.ts:49 none',
        'PORT@src/main.ts:93 3170',
        'PRODUCTION@src/app.module.ts:56 default',
        'PRODUCTION@src/main.ts:46 default',
        'TRUST_PROXY@src/main.ts:84 default',
        'VITE_BACKEND_API_URL@src/mock-server/mock-server.service.ts:55 none',
        'VITE_BASE_URL@src/auth/helper.ts:79 none',
        'WHITELISTED_ORIGINS@src/auth/helper.ts:76 default',
        'WHITELISTED_ORIGINS@src/main.ts:61 none',
      ].sort(),
    );
    expect(scan.reads.find((r) => r.name === 'PORT')?.via).toBe('ConfigService.get (NestJS)');
  });

  test("spring-boot-realworld: a key application.properties sets is a default of its @Value reads (not the test profile's)", async () => {
    const scan = await scanOf('spring-boot-realworld');
    expect(scan.reads.map((r) => [r.name, r.line, r.fallback])).toEqual([
      ['image.default', 27, { kind: 'default', value: 'https://static.productionready.io/images/smiley-cyrus.jpg' }],
      // Set in the file, but a secret by its name: no copy kept.
      ['jwt.secret', 25, { kind: 'default', secret: true }],
      ['jwt.sessionTime', 25, { kind: 'default', value: '86400' }],
    ]);
  });

  test("symfony/demo: config/*.yaml's %env()% placeholders, with the committed .env's values as defaults (not dev's or test's)", async () => {
    const scan = await scanOf('symfony-demo');
    expect(scan.reads.map((r) => [r.name, `${r.file}:${r.line}`, r.fallback])).toEqual([
      // Empty in .env, and a secret by its name: set, no copy kept.
      ['APP_SECRET', 'config/packages/framework.yaml:3', { kind: 'default', secret: true }],
      [
        'DATABASE_URL',
        'config/packages/doctrine.yaml:3',
        { kind: 'default', value: 'sqlite:///%kernel.project_dir%/data/database.sqlite' },
      ],
      ['DEFAULT_URI', 'config/packages/routing.yaml:5', { kind: 'default', value: 'http://localhost' }],
      ['MAILER_DSN', 'config/packages/mailer.yaml:3', { kind: 'default', value: 'null://null' }],
    ]);
    expect(new Set(scan.reads.map((r) => r.via))).toEqual(new Set(['%env() (Symfony)']));
  });

  test('crates.io: every read goes through a wrapper of a wrapper of dotenvy::var, and required_var is required', async () => {
    const scan = await scanOf('crates.io');
    const reads = scan.reads.filter((r) => r.file.startsWith('src/'));
    // 56 reads with a literal key (the rate limiters' `format!` keys are not literals), checked by hand.
    expect(reads).toHaveLength(56);
    expect(reads.filter((r) => r.fallback.kind === 'none').map((r) => r.name)).toEqual([
      'AWS_SECRET_KEY',
      'CDN_LOG_QUEUE_ACCESS_KEY',
      'CDN_LOG_QUEUE_REGION',
      'CDN_LOG_QUEUE_SECRET_KEY',
      'DATABASE_URL',
      'GH_CLIENT_ID',
      'GH_CLIENT_SECRET',
      'SENTRY_ENV_API',
      'SESSION_KEY',
      'WEB_ALLOWED_ORIGINS',
    ]);
    const port = reads.find((r) => r.name === 'PORT');
    expect([port?.via, port?.fallback]).toEqual(['var_parsed (wrapper of dotenvy::var)', { kind: 'default', value: '8888' }]);
    expect(reads.find((r) => r.name === 'EXCLUDED_CRATE_NAMES')?.fallback).toEqual({ kind: 'default' });
  });

  test('crates.io: the wrappers of wrappers are the same when no tree is kept from pass 1 (each file parsed again)', async () => {
    const root = path.join(FIXTURES, 'crates.io');
    const [kept, parsedAgain] = await Promise.all([
      new TreeSitterCodeReader().scan({ path: root, exclude: [] }),
      new TreeSitterCodeReader(undefined, 0).scan({ path: root, exclude: [] }),
    ]);
    expect(parsedAgain.reads).toEqual(kept.reads);
  });

  test('graphql-workshop-demo: the default of a NestJS ConfigModule Joi schema is the default of ConfigService.get in main.ts', async () => {
    const scan = await scanOf('graphql-workshop-demo');
    // The schema's keys are read where it names them (src/config/config.ts), as Nest validates them at start.
    expect(listed(scan)).toEqual(['NODE_ENV@6 default', 'PORT@9 default', 'PORT@19 default']);
    expect(scan.reads.find((r) => r.file === 'src/main.ts')?.fallback).toEqual({ kind: 'default', value: '3000' });
  });

  test('envy examples: the fields of structs envy fills from the environment, with and without a prefix', async () => {
    const scan = await scanOf('envy-examples');
    expect(scan.reads.map((r) => `${r.name}@${r.file}:${r.line} ${r.via} ${r.fallback.kind}`).sort()).toEqual([
      'FOO_BAR@examples/prefixed.rs:5 envy::prefixed("FOO_") default',
      'SIZE@examples/optional.rs:5 envy::from_env default',
    ]);
  });
});
