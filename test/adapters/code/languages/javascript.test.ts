import { javascript } from '../../../../lambdas/adapters/code/languages/javascript';
import { typescript } from '../../../../lambdas/adapters/code/languages/typescript';
import { fallback as given, none, readsOf, type SnippetRead } from '../../../helpers/code-snippet';

const read = (name: string, via: string, fallback: SnippetRead['fallback'], line = 1): SnippetRead => ({ name, line, via, fallback });

describe('JavaScript and TypeScript reads', () => {
  test.each<[string, string, SnippetRead[]]>([
    ['a property of process.env', 'const url = process.env.INVENTORY_URL;', [read('INVENTORY_URL', 'process.env', none)]],
    [
      'process.env under a name of the file’s (const env = process.env; const { env } = process)',
      "const env = process.env;\nconst a = env.NODE_ALIAS || 'x';\nconst { env: e } = process;\nconst b = e['PAIR_ALIAS'];\nconst other = {}.env;",
      [read('NODE_ALIAS', 'process.env', given("'x'"), 2), read('PAIR_ALIAS', 'process.env', none, 4)],
    ],
    ['const { env } = process', 'const { env } = process;\nconst { PORT = 80 } = env;', [read('PORT', 'process.env', given('80'), 2)]],
    [
      "env imported from node's process module (import { env } from 'node:process', as a name of the file's, or required)",
      "import { env } from 'node:process';\nimport { env as penv } from 'process';\nconst { env: renv } = require('node:process');\nconst a = env.IMPORTED ?? 'x';\nconst b = penv['RENAMED'];\nconst c = renv.REQUIRED;\nimport { env as other } from './settings';\nconst d = other.NOT_PROCESS;",
      [read('IMPORTED', 'process.env', given("'x'"), 4), read('RENAMED', 'process.env', none, 5), read('REQUIRED', 'process.env', none, 6)],
    ],
    [
      "the object Vite's loadEnv returns (imported from 'vite', under a name of the file's too) is the environment",
      "import { defineConfig, loadEnv as load } from 'vite';\nimport { loadEnv as mine } from './mine';\nexport default defineConfig(({ mode }) => {\n  const env = load(mode, process.cwd(), '');\n  return { port: Number(env.VITE_PORT || 3000), base: env['BASE_PATH'], other: mine().NOT_VITE };\n});\nconst o = mine();\nconst x = o.NOT_VITE_EITHER;",
      [read('VITE_PORT', 'loadEnv (vite)', given('3000'), 5), read('BASE_PATH', 'loadEnv (vite)', none, 5)],
    ],
    [
      "what Vite's loadEnv returns holds only its prefixes' variables (VITE_ unless a third argument names others; '' all)",
      "import { loadEnv } from 'vite';\nconst env = loadEnv(mode, '.');\nconst a = env.VITE_API + env.PORT;\nconst more = loadEnv(mode, '.', ['APP_', 'VITE_']);\nconst b = more.APP_NAME + more.HOST;\nconst any = loadEnv(mode, '.', prefixes);\nconst c = any.WHATEVER;",
      [
        read('VITE_API', 'loadEnv (vite)', none, 3),
        read('APP_NAME', 'loadEnv (vite)', none, 5),
        read('WHATEVER', 'loadEnv (vite)', none, 7),
      ],
    ],
    [
      "Vite's own import.meta.env constants (MODE, BASE_URL, PROD, DEV, SSR) are no variables; process.env.PROD is one",
      "if (import.meta.env.DEV) log();\nconst m = import.meta.env.MODE === 'test';\nconst b = import.meta.env['BASE_URL'];\nconst s = import.meta.env.SSR || import.meta.env.PROD;\nconst u = import.meta.env.VITE_API_URL;\nconst p = process.env.PROD;",
      [read('VITE_API_URL', 'import.meta.env', none, 5), read('PROD', 'process.env', none, 6)],
    ],
    ["Bun's Bun.env", "const port = Bun.env.PORT ?? '3000';", [read('PORT', 'Bun.env', given("'3000'"))]],
    ['a subscript with a literal', "const port = process.env['PAYMENT_PORT'];", [read('PAYMENT_PORT', 'process.env', none)]],
    ['a template literal without substitution', 'f(process.env[`A_B`]);', [read('A_B', 'process.env', none)]],
    ['|| with a string', "const p = process.env.PORT || '8080';", [read('PORT', 'process.env', given("'8080'"))]],
    [
      'a chain of || falls back to its last operand for each read but the first',
      "const o = process.env.APP_CORS_ORIGINS || process.env.FRONTEND_DOMAIN || '*';\nconst p = process.env.A ?? process.env.B ?? process.env.C ?? 8;",
      [
        read('APP_CORS_ORIGINS', 'process.env', given()),
        read('FRONTEND_DOMAIN', 'process.env', given("'*'")),
        read('A', 'process.env', given(), 2),
        read('B', 'process.env', given(), 2),
        read('C', 'process.env', given('8'), 2),
      ],
    ],
    ['?? with a number', 'const n = (process.env.N) ?? 3;', [read('N', 'process.env', given('3'))]],
    ['?? with an expression', 'const n = process.env.N ?? other();', [read('N', 'process.env', given())]],
    [
      'a fallback after an optional chain on the read (undefined when unset)',
      "const o = process.env.ORIGINS?.split(',') ?? [];\nconst l = process.env.LEVEL?.trim().toLowerCase() || 'info';\nconst on = process.env.ON?.toLowerCase() === 'true';",
      [read('ORIGINS', 'process.env', given()), read('LEVEL', 'process.env', given("'info'"), 2), read('ON', 'process.env', given(), 3)],
    ],
    [
      '|| after a number conversion (NaN when unset), not ?? (NaN is no nullish value)',
      'const p = parseInt(process.env.PORT, 10) || 3000;\nconst t = Number(process.env.TIMEOUT) || 30;\nconst w = +process.env.WORKERS || 2;\nconst n = parseInt(process.env.N) ?? 3;',
      [
        read('PORT', 'process.env', given('3000')),
        read('TIMEOUT', 'process.env', given('30'), 2),
        read('WORKERS', 'process.env', given('2'), 3),
        read('N', 'process.env', none, 4),
      ],
    ],
    [
      "an empty ?? '' inside the conversion leaves the default to the || after it",
      "const t = parseInt(process.env.TIMEOUT_MS ?? '', 10) || 5000;\nconst r = Number(process.env.RETRIES || '') || 3;\nconst e = process.env.EMPTY ?? '';",
      [
        read('TIMEOUT_MS', 'process.env', given('5000')),
        read('RETRIES', 'process.env', given('3'), 2),
        read('EMPTY', 'process.env', given("''"), 3),
      ],
    ],
    [
      'a method called on the read without `?.` throws when unset: no default',
      "const o = process.env.ORIGINS.split(',') || [];\nconst s = String(process.env.S) || 'x';",
      [read('ORIGINS', 'process.env', none), read('S', 'process.env', none, 2)],
    ],
    [
      'a ternary on the read',
      "const m = process.env.MODE ? process.env.MODE : 'dev';",
      [read('MODE', 'process.env', given("'dev'")), read('MODE', 'process.env', given("'dev'"))],
    ],
    [
      'a read in a branch taken only when the same key is set runs only then (NestJS config, nestjs-boilerplate)',
      [
        'const port = process.env.MAIL_PORT ? parseInt(process.env.MAIL_PORT, 10) : 587;',
        'const app = process.env.APP_PORT',
        '  ? parseInt(process.env.APP_PORT, 10)',
        '  : process.env.PORT',
        '    ? parseInt(process.env.PORT, 10)',
        '    : 3000;',
        'if (process.env.TIMEOUT) {',
        '  timeout = Number(process.env.TIMEOUT);',
        '}',
        "const other = process.env.A ? process.env.B : 'x';",
      ].join('\n'),
      [
        read('MAIL_PORT', 'process.env', given('587')),
        read('MAIL_PORT', 'process.env', given('587')),
        read('APP_PORT', 'process.env', given(), 2),
        read('APP_PORT', 'process.env', given(), 3),
        read('PORT', 'process.env', given('3000'), 4),
        read('PORT', 'process.env', given('3000'), 5),
        read('TIMEOUT', 'process.env', given(), 7),
        read('TIMEOUT', 'process.env', given(), 8),
        read('A', 'process.env', given("'x'"), 10),
        read('B', 'process.env', none, 10),
      ],
    ],
    ["'X' in process.env", "if ('DEBUG' in process.env) {}", [read('DEBUG', 'in process.env', given())]],
    [
      'destructuring, with and without defaults and renamed',
      "const { AD_ADDR = '', PORT, SHIPPING_ADDR: shipping, 'LEVEL': level = 'info' } = process.env;",
      [
        read('AD_ADDR', 'process.env', given("''")),
        read('PORT', 'process.env', none),
        read('SHIPPING_ADDR', 'process.env', none),
        read('LEVEL', 'process.env', given("'info'")),
      ],
    ],
    [
      "k6's __ENV",
      "const base = __ENV.K6_TARGET_URL || 'http://frontend-proxy:8080';",
      [read('K6_TARGET_URL', '__ENV (k6)', given("'http://frontend-proxy:8080'"))],
    ],
    ['import.meta.env', 'const a = import.meta.env.VITE_API;', [read('VITE_API', 'import.meta.env', none)]],
    ["Deno's env.get", "const a = Deno.env.get('TOKEN_URL') ?? 'x';", [read('TOKEN_URL', 'Deno.env.get', given("'x'"))]],
    [
      'an if that assigns a default after the read',
      "let port = process.env.PORT;\nif (!port) {\n  port = '8080';\n}",
      [read('PORT', 'process.env', given("'8080'"))],
    ],
    [
      'an if that throws after the read is no default',
      "const url = process.env.DB_URL;\nif (url === undefined) throw new Error('DB_URL');",
      [read('DB_URL', 'process.env', none)],
    ],
    ['a variable or an expression is no key', 'const a = process.env[name]; const b = process.env[`${p}_URL`]; const c = env.X;', []],
  ])('%s', async (_what, source, expected) => {
    expect(await readsOf(javascript, '.js', source)).toEqual(expected);
  });

  test.each<[string, string, SnippetRead[]]>([
    [
      'a wrapper with a default parameter',
      "function getEnv(name, fallback) { return process.env[name] ?? fallback; }\nconst p = getEnv('PORT', '8080');\nconst h = getEnv('HOST');",
      [read('PORT', 'getEnv (wrapper of process.env)', given("'8080'"), 2), read('HOST', 'getEnv (wrapper of process.env)', none, 3)],
    ],
    [
      'an arrow wrapper that throws when empty reads without default',
      "const required = (key) => { const v = process.env[key]; if (!v) throw new Error(key); return v; };\nrequired('DB_URL');",
      [read('DB_URL', 'required (wrapper of process.env)', none, 2)],
    ],
    [
      'a method wrapper called on this',
      "class C { env(k) { return process.env[k] || 'x'; }\n run() { return this.env('REGION'); } }",
      [read('REGION', 'env (wrapper of process.env)', given("'x'"), 2)],
    ],
    [
      "node-config's get and has",
      "const config = require('config');\nconst h = config.get('db.host');\nif (config.has('db.port')) {}",
      [read('db.host', 'config.get (node-config)', none, 2), read('db.port', 'config.has (node-config)', given(), 3)],
    ],
  ])('%s', async (_what, source, expected) => {
    expect(await readsOf(javascript, '.js', source)).toEqual(expected);
  });

  test('a wrapper defined in another file of the language applies', async () => {
    const defined = "export function env(key: string, fallback?: string): string { return process.env[key] ?? fallback ?? ''; }";
    expect(await readsOf(typescript, '.ts', "import { env } from './env';\nconst u = env('CART_ADDR', 'cart:7070');", [defined])).toEqual([
      read('CART_ADDR', 'env (wrapper of process.env)', given("'cart:7070'"), 2),
    ]);
  });

  test.each([
    ['.ts', 'const a = (process.env.API_URL as string) ?? "http://x"; const b = process.env.B!;'],
    ['.tsx', 'const a = <div>{process.env.API_URL ?? "http://x"}</div>; const b = process.env.B!;'],
  ])('TypeScript (%s) looks through casts and JSX', async (extension, source) => {
    expect(await readsOf(typescript, extension, source)).toEqual([
      read('API_URL', 'process.env', given('"http://x"')),
      read('B', 'process.env', none),
    ]);
  });

  test('import config from "config" is node-config under its local name', async () => {
    expect(await readsOf(typescript, '.ts', "import cfg from 'config';\ncfg.get<number>('server.port');")).toEqual([
      read('server.port', 'config.get (node-config)', none, 2),
    ]);
  });
});

test("excalidraw's vite.config.mts reads the variables of the .env files through loadEnv", async () => {
  const { TreeSitterCodeReader } = await import('../../../../lambdas/adapters/code/tree-sitter-code-reader');
  const root = `${__dirname}/../../../fixtures/realworld/excalidraw`;
  const { reads } = await new TreeSitterCodeReader().scan({ path: root, exclude: [] });
  const config = reads.filter((r) => r.file === 'excalidraw-app/vite.config.mts');
  expect(config.map((r) => [r.name, r.via, r.fallback])).toEqual([
    ['VITE_APP_COLLAPSE_OVERLAY', 'loadEnv (vite)', { kind: 'default' }],
    ['VITE_APP_ENABLE_ESLINT', 'loadEnv (vite)', { kind: 'default' }],
    ['VITE_APP_ENABLE_PWA', 'loadEnv (vite)', { kind: 'default' }],
    ['VITE_APP_PORT', 'loadEnv (vite)', { kind: 'default', value: '3000' }],
  ]);
});
