import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { javascript } from '../../../../lambdas/adapters/code/languages/javascript';
import { typescript } from '../../../../lambdas/adapters/code/languages/typescript';
import { TreeSitterCodeReader } from '../../../../lambdas/adapters/code/tree-sitter-code-reader';
import { scratch } from '../../../helpers/cli';
import { fallback as given, none, read, readsOf, type SnippetRead } from '../../../helpers/code-snippet';

const lines = (...l: string[]): string => l.join('\n');
const js = (source: string) => readsOf(javascript, '.js', source);
const ts = (source: string) => readsOf(typescript, '.ts', source);

describe('zod schemas parsed against the environment', () => {
  test('each key is a read: .default(x) gives x, .optional()/.nullish()/.catch(x) a default, anything else none', async () => {
    const source = lines(
      "import { z } from 'zod';",
      'export const env = z',
      '  .object({',
      '    DATABASE_URL: z.string().url(),',
      '    PORT: z.coerce.number().default(3000),',
      '    DEBUG: z.string().optional(),',
      "    'LOG_LEVEL': z.enum(['debug', 'info']).catch('info'),",
      '    REGION: z.string().nullish(),',
      '    SAMPLE: z.coerce.number().default(1).transform((n) => n / 100),',
      "    NODE_ENV: z.string().default('dev').optional(),",
      '    VERBOSE: z.coerce.boolean(),',
      '  })',
      '  .parse(process.env);',
    );
    const expected: SnippetRead[] = [
      read('DATABASE_URL', 4, 'zod schema'),
      read('PORT', 5, 'zod schema', given('3000')),
      read('DEBUG', 6, 'zod schema', given()),
      read('LOG_LEVEL', 7, 'zod schema', given("'info'")),
      read('REGION', 8, 'zod schema', given()),
      read('SAMPLE', 9, 'zod schema', given('1')),
      // zod: the outermost modifier decides ("optional clobbers" what is inside it).
      read('NODE_ENV', 10, 'zod schema', given()),
      // z.coerce.boolean() turns an absent value into false.
      read('VERBOSE', 11, 'zod schema', given('false')),
    ];
    expect(await js(source)).toEqual(expected);
    expect(await ts(source)).toEqual(expected);
  });

  test('a schema held in a variable, extended, and parsed elsewhere in the file with safeParse', async () => {
    const source = lines(
      "import * as z from 'zod/v4';",
      'const base = z.object({ API_URL: z.url() });',
      'const schema = base.extend({ TIMEOUT_MS: z.coerce.number().default(5000) }).strict();',
      'const other = z.object({ name: z.string() });',
      'other.parse(body);',
      'const parsed = schema.safeParse(process.env);',
      'if (!parsed.success) process.exit(1);',
      'schema.parse(process.env as Record<string, string>);',
      "z.object({ SPREAD_KEY: z.string() }).parse({ ...process.env, OTHER: '1' });",
    );
    expect(await ts(source)).toEqual([
      read('API_URL', 2, 'zod schema'),
      read('TIMEOUT_MS', 3, 'zod schema', given('5000')),
      read('SPREAD_KEY', 9, 'zod schema'),
    ]);
  });

  test('.partial(), .pick() and a ternary that is required in one branch', async () => {
    const source = lines(
      'const schema = z.object({',
      '  A: z.string(),',
      '  B: z.string(),',
      "  SECRET: process.env.NODE_ENV === 'production' ? z.string() : z.string().optional(),",
      "  MODE: flag ? z.string().default('x') : z.string().default('x'),",
      '});',
      'schema.partial({ A: true }).pick({ A: true, SECRET: true, MODE: true }).parse(process.env);',
    );
    expect(await js(source)).toEqual([
      // A read that only decides a branch runs unset.
      read('NODE_ENV', 4, 'process.env', given()),
      read('A', 2, 'zod schema', given()),
      read('SECRET', 4, 'zod schema'),
      read('MODE', 5, 'zod schema', given("'x'")),
    ]);
  });

  test('an object schema not parsed against the environment reads nothing', async () => {
    expect(await ts('const body = z.object({ PORT: z.number() }).parse(req.body);\nz.object({ X: z.string() }).parse(env);')).toEqual([]);
  });
});

describe('Joi and yup object schemas validated against the environment', () => {
  test("hagopj13/node-express-boilerplate's config.js (test/fixtures/realworld/node-express-boilerplate): each key of envVarsSchema", async () => {
    const file = path.join(__dirname, '../../../fixtures/realworld/node-express-boilerplate/src/config/config.js');
    // envVarsSchema.prefs({ errors: { label: 'key' } }).validate(process.env), the schema `Joi.object().keys({…}).unknown()`.
    const reads = await js(readFileSync(file, 'utf8'));
    expect(reads.map((r) => [r.name, r.line, r.via, r.fallback])).toEqual([
      ['NODE_ENV', 9, 'Joi schema', { kind: 'none' }],
      ['PORT', 10, 'Joi schema', { kind: 'default', value: '3000' }],
      ['MONGODB_URL', 11, 'Joi schema', { kind: 'none' }],
      ['JWT_SECRET', 12, 'Joi schema', { kind: 'none' }],
      ['JWT_ACCESS_EXPIRATION_MINUTES', 13, 'Joi schema', { kind: 'default', value: '30' }],
      ['JWT_REFRESH_EXPIRATION_DAYS', 14, 'Joi schema', { kind: 'default', value: '30' }],
      ['JWT_RESET_PASSWORD_EXPIRATION_MINUTES', 15, 'Joi schema', { kind: 'default', value: '10' }],
      ['JWT_VERIFY_EMAIL_EXPIRATION_MINUTES', 18, 'Joi schema', { kind: 'default', value: '10' }],
      // Joi's keys are optional unless required: unset, the value is undefined.
      ['SMTP_HOST', 21, 'Joi schema', { kind: 'default' }],
      ['SMTP_PORT', 22, 'Joi schema', { kind: 'default' }],
      ['SMTP_USERNAME', 23, 'Joi schema', { kind: 'default' }],
      ['SMTP_PASSWORD', 24, 'Joi schema', { kind: 'default' }],
      ['EMAIL_FROM', 25, 'Joi schema', { kind: 'default' }],
    ]);
  });

  test("Joi.attempt, a later .keys() over an earlier one, presence: 'required', yup's validateSync; another object validated is none", async () => {
    const source = lines(
      "const Joi = require('joi');",
      'const base = Joi.object({ A: Joi.string(), B: Joi.string().default("b") });',
      "const schema = base.keys({ B: Joi.string().required() }).options({ presence: 'required' });",
      'const env = Joi.attempt(process.env, schema.keys({ C: Joi.string().optional() }));',
      "yup.object({ D: yup.string().default('d'), E: yup.string().defined() }).validateSync(process.env);",
      'Joi.object({ name: Joi.string() }).validate(req.body);',
    );
    expect(await js(source)).toEqual([
      read('C', 4, 'Joi schema', given()),
      read('B', 3, 'Joi schema'),
      read('A', 2, 'Joi schema'),
      read('D', 5, 'yup schema', given("'d'")),
      read('E', 5, 'yup schema'),
    ]);
  });
});

describe('t3-env createEnv', () => {
  const t3 = lines(
    "import { createEnv } from '@t3-oss/env-nextjs';",
    "import { z } from 'zod';",
    'export const env = createEnv({',
    '  server: {',
    '    DATABASE_URL: z.string().url(),',
    "    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),",
    '    NEXTAUTH_URL: z.string().url().optional(),',
    '    REDIS_URL: z.string(),',
    '  },',
    '  client: {',
    '    NEXT_PUBLIC_APP_URL: z.string().min(1),',
    '  },',
    '  runtimeEnv: {',
    '    DATABASE_URL: process.env.DATABASE_URL,',
    '    NODE_ENV: process.env.NODE_ENV,',
    '    NEXTAUTH_URL: process.env.NEXTAUTH_URL,',
    '    REDIS_URL: process.env.UPSTASH_REDIS_URL,',
    '    NEXT_PUBLIC_APP_URL: process.env.NEXT_PUBLIC_APP_URL,',
    '  },',
    '  skipValidation: !!process.env.SKIP_ENV_VALIDATION,',
    '});',
  );
  const expected: SnippetRead[] = [
    // A runtimeEnv value read under another name is that name's read, judged by the key's schema.
    read('UPSTASH_REDIS_URL', 17, 't3-env createEnv'),
    read('SKIP_ENV_VALIDATION', 20, 'process.env', given()),
    read('DATABASE_URL', 5, 't3-env createEnv'),
    read('NODE_ENV', 6, 't3-env createEnv', given("'development'")),
    read('NEXTAUTH_URL', 7, 't3-env createEnv', given()),
    read('NEXT_PUBLIC_APP_URL', 11, 't3-env createEnv'),
  ];

  test.each([
    ['JavaScript', javascript, '.mjs'],
    ['TypeScript', typescript, '.ts'],
  ] as const)('%s: server, client and shared keys are read once, at the schema, by its rules', async (_name, language, extension) => {
    expect(await readsOf(language, extension, t3)).toEqual(expected);
  });

  test('env-core with runtimeEnv: process.env, shared keys, a schema object held in a variable', async () => {
    const source = lines(
      "import { createEnv } from '@t3-oss/env-core';",
      'const server = { API_KEY: z.string().min(1), PORT: z.coerce.number().default(8080) } as const;',
      'export const env = createEnv({',
      '  server,',
      "  shared: { NODE_ENV: z.enum(['development', 'production']).optional() },",
      "  clientPrefix: 'PUBLIC_',",
      '  client: {},',
      '  runtimeEnv: process.env,',
      '});',
    );
    expect(await ts(source)).toEqual([
      read('API_KEY', 2, 't3-env createEnv'),
      read('PORT', 2, 't3-env createEnv', given('8080')),
      read('NODE_ENV', 5, 't3-env createEnv', given()),
    ]);
  });

  test('a runtimeEnv value with its own fallback keeps it; a constant reads nothing', async () => {
    const source = lines(
      'createEnv({',
      '  server: { PORT: z.string(), VERSION: z.string(), HOST: z.string() },',
      "  runtimeEnv: { PORT: process.env.PORT ?? '3000', VERSION: '1.0', HOST: process.env.HOST },",
      '});',
    );
    expect(await js(source)).toEqual([read('PORT', 3, 'process.env', given("'3000'")), read('HOST', 2, 't3-env createEnv')]);
  });
});

describe('envalid cleanEnv', () => {
  test.each([
    ['JavaScript', javascript, '.js', "const { cleanEnv, str, port, bool } = require('envalid');"],
    ['TypeScript', typescript, '.ts', "import { cleanEnv, str, port, bool } from 'envalid';"],
  ] as const)(
    '%s: default gives the default; devDefault and testDefault leave production without one',
    async (_name, language, extension, head) => {
      const source = lines(
        head,
        'export const env = cleanEnv(process.env, {',
        '  PORT: port({ default: 3000 }),',
        '  API_KEY: str(),',
        "  NODE_ENV: str({ choices: ['development', 'production'], devDefault: 'development' }),",
        "  HOST: str({ default: '0.0.0.0', devDefault: 'localhost' }),",
        '  OIDC_CLIENT_ID: str({ default: undefined, requiredWhen: (e) => e.OIDC }),',
        '  FEATURE: bool({ default: false, desc: "a flag" }),',
        '  TEST_ONLY: str({ testDefault: "x" }),',
        '});',
      );
      expect(await readsOf(language, extension, source)).toEqual([
        read('PORT', 3, 'envalid cleanEnv', given('3000')),
        read('API_KEY', 4, 'envalid cleanEnv'),
        read('NODE_ENV', 5, 'envalid cleanEnv'),
        read('HOST', 6, 'envalid cleanEnv', given("'0.0.0.0'")),
        read('OIDC_CLIENT_ID', 7, 'envalid cleanEnv', given()),
        read('FEATURE', 8, 'envalid cleanEnv', given('false')),
        read('TEST_ONLY', 9, 'envalid cleanEnv'),
      ]);
    },
  );

  test('validators held in a variable, called through the module', async () => {
    const source = lines(
      "import * as envalid from 'envalid';",
      'const specs = { DB_URL: envalid.url(), MAX: envalid.num({ default: 5 }) };',
      'export default envalid.cleanEnv(process.env, specs);',
    );
    expect(await ts(source)).toEqual([read('DB_URL', 2, 'envalid cleanEnv'), read('MAX', 2, 'envalid cleanEnv', given('5'))]);
  });
});

describe('node-convict', () => {
  test.each([
    ['JavaScript', javascript, '.js', "const convict = require('convict');"],
    ['TypeScript', typescript, '.ts', "import convict from 'convict';"],
  ] as const)(
    '%s: each setting with an env is a read with its default (none when null), nested groups too',
    async (_name, language, extension, head) => {
      const source = lines(
        head,
        'const config = convict({',
        "  env: { doc: 'The environment', format: ['production', 'development'], default: 'development', env: 'NODE_ENV' },",
        "  port: { format: 'port', default: 8080, env: 'PORT', arg: 'port' },",
        '  db: {',
        "    host: { format: '*', default: 'localhost', env: 'DB_HOST' },",
        "    password: { format: String, default: null, env: 'DB_PASSWORD', sensitive: true },",
        '  },',
        '  admins: { format: Array, default: [] },',
        '});',
      );
      expect(await readsOf(language, extension, source)).toEqual([
        read('NODE_ENV', 3, 'convict', given("'development'")),
        read('PORT', 4, 'convict', given('8080')),
        read('DB_HOST', 6, 'convict', given("'localhost'")),
        read('DB_PASSWORD', 7, 'convict'),
      ]);
    },
  );

  test("require('convict')(schema) called at once, and a null default that nullable: true allows (it runs null)", async () => {
    const source = lines(
      "const config = require('convict')({",
      "  port: { format: 'port', default: 8080, env: 'PORT' },",
      "  proxy: { format: String, default: null, nullable: true, env: 'HTTPS_PROXY' },",
      "  token: { format: String, default: null, nullable: false, env: 'API_TOKEN' },",
      '});',
    );
    expect(await readsOf(javascript, '.js', source)).toEqual([
      read('PORT', 2, 'convict', given('8080')),
      read('HTTPS_PROXY', 3, 'convict', given()),
      read('API_TOKEN', 4, 'convict'),
    ]);
  });

  test('a schema held in a variable', async () => {
    const source = lines(
      "import convict from 'convict';",
      "const schema = { level: { default: 'info', env: 'LOG_LEVEL' } };",
      'export default convict(schema);',
    );
    expect(await ts(source)).toEqual([read('LOG_LEVEL', 2, 'convict', given("'info'"))]);
  });
});

describe('env-var', () => {
  test.each([
    ['JavaScript', javascript, '.js', "const env = require('env-var');"],
    ['TypeScript', typescript, '.ts', "import * as env from 'env-var';"],
  ] as const)(
    '%s: .default(x) gives x (before .required() or after), .required() none, neither none',
    async (_name, language, extension, head) => {
      const source = lines(
        head,
        "const port = env.get('PORT').default('3000').asPortNumber();",
        "const key = env.get('API_KEY').required().asString();",
        "const region = env.get('REGION').asString();",
        "const both = env.get('NEED_AUTH').default('true').required().asBool();",
        "const off = env.get('LEVEL').required(false).asString() || 'info';",
        'const all = env.get();',
        "const legacy = env.get('LOG_FORMAT', 'json').asString();",
      );
      expect(await readsOf(language, extension, source)).toEqual([
        read('PORT', 2, 'env-var', given("'3000'")),
        read('API_KEY', 3, 'env-var'),
        read('REGION', 4, 'env-var'),
        read('NEED_AUTH', 5, 'env-var', given("'true'")),
        read('LEVEL', 6, 'env-var', given("'info'")),
        // Before env-var 6, get's second argument was the default.
        read('LOG_FORMAT', 8, 'env-var', given("'json'")),
      ]);
    },
  );

  test('get imported by name, and from(…) instances destructured (railway-url-shortener)', async () => {
    const source = lines(
      "import { get } from 'env-var';",
      "const { from } = require('env-var');",
      "export const PORT = get('PORT').required().default(3000).asPortNumber();",
      'module.exports = function getConfig (e) {',
      '  const { get: read } = from(e);',
      "  return { API_URL: read('API_URL').required().asString() };",
      '};',
      'const vite = from(import.meta.env);',
      "vite.get('VITE_HOST').asUrlString();",
    );
    expect(await ts(source)).toEqual([
      read('PORT', 3, 'env-var', given('3000')),
      read('API_URL', 6, 'env-var'),
      read('VITE_HOST', 9, 'env-var'),
    ]);
  });

  test('get of another module, or of a Map, is not env-var', async () => {
    expect(await js("const m = new Map();\nm.get('PORT');\nconst c = require('config');\nget('X');")).toEqual([]);
  });

  test("a wrapper around env-var's get is a wrapper", async () => {
    const source = lines(
      "import env from 'env-var';",
      'const must = (name: string) => env.get(name).required().asString();',
      "must('DB_PASSWORD');",
    );
    expect(await ts(source)).toEqual([read('DB_PASSWORD', 3, 'must (wrapper of env-var)')]);
  });
});

test('a schema default that looks secret, by its key or its content, is not kept', async () => {
  const dir = scratch({
    'zod.ts': "z.object({ SESSION_SECRET: z.string().default('s3cr3t-zod') }).parse(process.env);",
    't3.mjs': "createEnv({ server: { DATABASE_URL: z.string().default('postgres://app:hunter2@db/app') }, runtimeEnv: process.env });",
    'envalid.js': "cleanEnv(process.env, { GOOGLE_SECRET: str({ default: 'dummySecret' }) });",
    'env-var.js': "const env = require('env-var');\nenv.get('API_TOKEN').default('tok-envvar').asString();",
  });
  const reads = (await new TreeSitterCodeReader().scan({ path: dir, exclude: [] })).reads.map((r) => [r.name, r.via, r.fallback]);
  expect(reads).toEqual([
    ['API_TOKEN', 'env-var', { kind: 'default', secret: true }],
    ['DATABASE_URL', 't3-env createEnv', { kind: 'default', secret: true }],
    ['GOOGLE_SECRET', 'envalid cleanEnv', { kind: 'default', secret: true }],
    ['SESSION_SECRET', 'zod schema', { kind: 'default', secret: true }],
  ]);
  expect(JSON.stringify(reads)).not.toMatch(/s3cr3t|hunter2|dummySecret|tok-envvar/);
});

describe("NestJS's ConfigService", () => {
  const via = 'ConfigService.get (NestJS)';
  test('get and getOrThrow on an injected service: a second argument is the default, `{ infer: true }` is none', async () => {
    const source = lines(
      "import { ConfigService as NestConfig } from '@nestjs/config';",
      'export class Mailer {',
      '  constructor(private readonly config: NestConfig<Env, true>, private other: Other) {}',
      '  send() {',
      "    const host = this.config.get<string>('SMTP_HOST');",
      "    const port = this.config.get<number>('SMTP_PORT', 587);",
      "    const user = this.config.get('SMTP_USER', { infer: true }) ?? 'mailer';",
      "    const key = this.config.getOrThrow<string>('SMTP_KEY');",
      "    const from = this.config.getOrThrow('SMTP_FROM', 'noreply@example.com');",
      "    return this.other.get('NOT_A_READ');",
      '  }',
      '}',
    );
    expect(await ts(source)).toEqual([
      read('SMTP_HOST', 5, via),
      read('SMTP_PORT', 6, via, given('587')),
      read('SMTP_USER', 7, via, given("'mailer'")),
      read('SMTP_KEY', 8, 'ConfigService.getOrThrow (NestJS)'),
      read('SMTP_FROM', 9, 'ConfigService.getOrThrow (NestJS)', given("'noreply@example.com'")),
    ]);
  });

  test("a factory's parameter and app.get(ConfigService); dotted and lower-case keys are the load factories' paths", async () => {
    const source = lines(
      "import { ConfigService } from '@nestjs/config';",
      'const app = await NestFactory.create(AppModule);',
      'const config = app.get(ConfigService);',
      "await app.listen(config.get('PORT') || 3000);",
      "const useFactory = (cs: ConfigService) => ({ uri: cs.get('MONGO_URI'), host: cs.get('database.host'), port: cs.get('port') });",
      "const direct = app.get(ConfigService).getOrThrow('JWT_SECRET');",
    );
    expect(await ts(source)).toEqual([
      read('PORT', 4, via, given('3000')),
      read('MONGO_URI', 5, via),
      read('JWT_SECRET', 6, 'ConfigService.getOrThrow (NestJS)'),
    ]);
  });

  test("a ConfigModule schema's .default(v) is the default of get and getOrThrow in any file; .required() or none gives none", async () => {
    const mod = lines(
      "import { ConfigModule as NestConfigModule } from '@nestjs/config';",
      "import * as Joi from 'joi';",
      'const schema = Joi.object({',
      '  PORT: Joi.number().port().default(3000),',
      "  NODE_ENV: Joi.string().valid('development', 'production').default('development'),",
      '  SALT_ROUNDS: Joi.number().default(10).min(2).required(),',
      '  LOG_FOLDER: Joi.string(),',
      '  TIMEOUT: Joi.number().default(DEFAULT_TIMEOUT),',
      '});',
      '@Module({ imports: [NestConfigModule.forRoot({ isGlobal: true, validationSchema: schema })] })',
      'export class AppModule {}',
    );
    const service = lines(
      "import { ConfigService } from '@nestjs/config';",
      'const config = app.get(ConfigService);',
      "const port = config.get('PORT');",
      "const env = config.getOrThrow('NODE_ENV');",
      "const rounds = config.get('SALT_ROUNDS');",
      "const folder = config.get('LOG_FOLDER');",
      "const timeout = config.get('TIMEOUT');",
      "const db = config.get('DB_URL');",
    );
    expect(await readsOf(typescript, '.ts', service, [mod])).toEqual([
      read('PORT', 3, via, given('3000')),
      read('NODE_ENV', 4, 'ConfigService.getOrThrow (NestJS)', given("'development'")),
      read('SALT_ROUNDS', 5, via),
      read('LOG_FOLDER', 6, via),
      read('TIMEOUT', 7, via, given()),
      read('DB_URL', 8, via),
    ]);
  });

  test('each key of a ConfigModule schema is read where the schema names it: Nest validates the environment with it as the app starts', async () => {
    const mod = lines(
      "import { ConfigModule } from '@nestjs/config';",
      "import * as Joi from 'joi';",
      '@Module({',
      '  imports: [ConfigModule.forRoot({ validationSchema: Joi.object({',
      '    PORT: Joi.number().port().default(3000),',
      '    DATABASE_URL: Joi.string().required(),',
      '    REDIS_HOST: Joi.string(),',
      '  }) })],',
      '})',
      'export class AppModule {}',
    );
    const schema = 'validationSchema (NestJS ConfigModule)';
    expect(await ts(mod)).toEqual([
      read('PORT', 5, schema, given('3000')),
      read('DATABASE_URL', 6, schema),
      read('REDIS_HOST', 7, schema, given()),
    ]);
  });

  test('a schema given to a ConfigModule not imported from @nestjs/config gives no default', async () => {
    const mod = lines(
      "import { ConfigModule } from './config.module';",
      'ConfigModule.forRoot({ validationSchema: Joi.object().keys({ PORT: Joi.number().default(3000) }) });',
    );
    const service = lines("import { ConfigService } from '@nestjs/config';", "const port = app.get(ConfigService).get('PORT');");
    expect(await readsOf(typescript, '.ts', service, [mod])).toEqual([read('PORT', 2, via)]);
  });

  test('a ConfigService not imported from @nestjs/config is not read', async () => {
    const source = lines(
      "import { ConfigService } from './config.service';",
      'class A { constructor(private configService: ConfigService) {} f() { return this.configService.get("PORT"); } }',
    );
    expect(await ts(source)).toEqual([]);
  });
});

describe("nconf: get('X') of a store that reads the environment", () => {
  test("a key is a read once the store takes .env(); 'a:b' is A__B under separator '__'; .defaults() gives the default, .file() one not shown", async () => {
    const source = lines(
      "const nconf = require('nconf');",
      "nconf.argv().env({ separator: '__' }).file({ file: 'config.json' }).defaults({ PORT: 3000, db: { host: 'localhost' } });",
      "const port = nconf.get('PORT');",
      "const host = nconf.get('db:host');",
      "const secret = nconf.get('SESSION_SECRET');",
    );
    expect(await js(source)).toEqual([
      read('PORT', 3, 'nconf', given('3000')),
      read('db__host', 4, 'nconf', given("'localhost'")),
      read('SESSION_SECRET', 5, 'nconf', given()),
    ]);
  });

  test('without a file or a default a key is required unless the code falls back; a nested key without a separator, a store without .env(), or a key its whitelist leaves out, is no read', async () => {
    const plain = lines(
      "import nconf from 'nconf';",
      'nconf.env();',
      "const url = nconf.get('DATABASE_URL');",
      "const level = nconf.get('LOG_LEVEL') || 'info';",
      "const nested = nconf.get('db:host');",
    );
    expect(await js(plain)).toEqual([read('DATABASE_URL', 3, 'nconf'), read('LOG_LEVEL', 4, 'nconf', given("'info'"))]);
    expect(await js(lines("const nconf = require('nconf');", "nconf.file('config.json');", "const a = nconf.get('PORT');"))).toEqual([]);
    const listed = lines(
      "const nconf = require('nconf');",
      "nconf.env({ whitelist: ['PORT'] });",
      "const a = nconf.get('port');",
      "const b = nconf.get('HOST');",
    );
    expect(await js(listed)).toEqual([read('port', 3, 'nconf')]);
  });
});

describe('class-validator classes validated against the environment', () => {
  const via = 'class-validator class';
  test("brocoders/nestjs-boilerplate's database.config.ts (test/fixtures/realworld/nestjs-boilerplate): validateConfig(process.env, EnvironmentVariablesValidator)", async () => {
    const file = path.join(__dirname, '../../../fixtures/realworld/nestjs-boilerplate/src/database/config/database.config.ts');
    const reads = await ts(readFileSync(file, 'utf8'));
    const of = (name: string) => reads.filter((r) => r.name === name).map((r) => [r.line, r.via, r.fallback]);
    // `@ValidateIf((envValues) => !envValues.DATABASE_URL)`: validated only where DATABASE_URL is unset, so it may be absent.
    expect(of('DATABASE_HOST')).toEqual([
      [82, 'process.env', given()],
      [26, via, given()],
    ]);
    // `@IsOptional()`: the class lets it be absent, and `ca: process.env.DATABASE_CA` is written to run without it.
    expect(of('DATABASE_CA')).toEqual([
      [95, 'process.env', given()],
      [64, via, given()],
    ]);
    // The code's own default stays the read's.
    expect(of('DATABASE_PORT')).toEqual([
      [83, 'process.env', given('5432')],
      [84, 'process.env', given('5432')],
      [32, via, given()],
    ]);
    // Each of the 14 properties is a read where the class declares it.
    expect(reads.filter((r) => r.via === via)).toHaveLength(14);
  });

  test("brocoders/nestjs-boilerplate's auth.config.ts: a property with no @IsOptional() fails validation without its variable, the direct read too", async () => {
    const file = path.join(__dirname, '../../../fixtures/realworld/nestjs-boilerplate/src/auth/config/auth.config.ts');
    const reads = await ts(readFileSync(file, 'utf8'));
    const of = (name: string) => reads.filter((r) => r.name === name).map((r) => [r.line, r.via, r.fallback]);
    expect(of('AUTH_JWT_SECRET')).toEqual([
      [69, 'process.env', none],
      [36, via, none],
    ]);
    expect(of('AUTH_UNIFORM_ERRORS')).toEqual([
      [78, 'process.env', given()],
      [61, via, given()],
    ]);
    expect(reads.filter((r) => r.via === via).map((r) => r.name)).toEqual([
      'AUTH_JWT_SECRET',
      'AUTH_JWT_TOKEN_EXPIRES_IN',
      'AUTH_REFRESH_SECRET',
      'AUTH_REFRESH_TOKEN_EXPIRES_IN',
      'AUTH_FORGOT_SECRET',
      'AUTH_FORGOT_TOKEN_EXPIRES_IN',
      'AUTH_CONFIRM_EMAIL_SECRET',
      'AUTH_CONFIRM_EMAIL_TOKEN_EXPIRES_IN',
      'AUTH_UNIFORM_ERRORS',
    ]);
  });

  test("NestJS's documented validate(config) for ConfigModule.forRoot: @IsOptional() runs empty, an initializer is the default, any other is required", async () => {
    const source = lines(
      "import { plainToInstance } from 'class-transformer';",
      "import { IsEnum, IsNumber, IsOptional, IsString, Max, Min, validateSync } from 'class-validator';",
      'enum Environment { Development = "development", Production = "production" }',
      'class EnvironmentVariables {',
      '  @IsEnum(Environment)',
      '  NODE_ENV: Environment;',
      '  @IsNumber() @Min(0) @Max(65535)',
      '  PORT: number = 3000;',
      '  @IsString() @IsOptional()',
      '  SENTRY_DSN?: string;',
      '  static readonly NOT_READ = 1;',
      '}',
      'export function validate(config: Record<string, unknown>) {',
      '  const validatedConfig = plainToInstance(EnvironmentVariables, config, { enableImplicitConversion: true });',
      '  const errors = validateSync(validatedConfig, { skipMissingProperties: false });',
      '  if (errors.length > 0) throw new Error(errors.toString());',
      '  return validatedConfig;',
      '}',
      'class CreateUserDto { @IsString() email: string; }',
      'export const toDto = (body: unknown) => plainToInstance(CreateUserDto, body);',
    );
    expect(await ts(source)).toEqual([read('NODE_ENV', 6, via), read('PORT', 8, via, given('3000')), read('SENTRY_DSN', 10, via, given())]);
  });

  test('a class another file declares, validated inline in ConfigModule.forRoot; plainToInstance of process.env; skipMissingProperties', async () => {
    const module = lines(
      "import { ConfigModule } from '@nestjs/config';",
      "import { plainToClass } from 'class-transformer';",
      "import { validateSync } from 'class-validator';",
      "import { EnvironmentVariables } from './config.validation';",
      'ConfigModule.forRoot({',
      '  validate: (config) => {',
      '    const validated = plainToClass(EnvironmentVariables, config);',
      '    if (validateSync(validated).length) throw new Error("invalid");',
      '    return validated;',
      '  },',
      '});',
    );
    const declaring = lines(
      "import { IsOptional, IsString, IsUrl } from 'class-validator';",
      'export class EnvironmentVariables {',
      '  @IsUrl() API_URL: string;',
      "  @IsString() @IsOptional() REGION: string = 'eu';",
      '}',
    );
    expect(await readsOf(typescript, '.ts', module, [declaring])).toEqual([
      { ...read('API_URL', 3, via), file: 'other0' },
      { ...read('REGION', 4, via, given("'eu'")), file: 'other0' },
    ]);
    const skipping = lines(
      "import * as cv from 'class-validator';",
      'class Env { @cv.IsString() TOKEN: string; }',
      'const env = plainToInstance(Env, { ...process.env });',
      'cv.validateSync(env, { skipMissingProperties: true });',
      'export const token = process.env.TOKEN;',
    );
    expect(await ts(skipping)).toEqual([read('TOKEN', 5, 'process.env', given()), read('TOKEN', 2, via, given())]);
  });

  test('a class with no class-validator decorator, or not validated against the environment, is no read', async () => {
    const source = lines(
      "import { IsString } from 'class-validator';",
      'class Plain { NAME: string; }',
      'class Body { @IsString() TITLE: string; }',
      'plainToInstance(Plain, process.env);',
      'validateSync(plainToInstance(Body, req.body));',
      'export function validate(config: Record<string, unknown>) { return plainToInstance(Plain, config); }',
    );
    expect(await ts(source)).toEqual([]);
  });
});
