import type { CodeScan } from '../../lambdas/core/code/code-read';
import { drift, scratch } from '../helpers/cli';

const TREE = {
  'web/server.js': "const port = process.env.PORT || '8080';\nconst url = process.env['INVENTORY_SERVICE_URL'];",
  'api/settings.py': "import os\nTOKEN = os.environ.get('API_TOKEN', 'sk-default-not-shown')",
  'web/server.test.js': 'process.env.ONLY_IN_TESTS;',
  'legacy/old.js': 'process.env.LEGACY;',
};

describe('drift code scan', () => {
  test('prints one line per read (key, file:line, default, via) and a summary', async () => {
    const dir = scratch(TREE);
    const run = await drift(['code', 'scan', '.', '--exclude', '*.test.js', '--exclude', 'legacy'], { cwd: dir });
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout.split('\n')).toEqual([
      'API_TOKEN              api/settings.py:2  default (a secret: not shown)  os.environ.get',
      'INVENTORY_SERVICE_URL  web/server.js:2    no default                     process.env',
      "PORT                   web/server.js:1    default '8080'                 process.env",
      '3 reads of 3 keys in 2 files (javascript 1, python 1), 0 skipped',
      '',
    ]);
    expect(run.stdout).not.toContain('sk-default');
  });

  test('--include-tests reads tests and test runners’ settings too, which it leaves out by default', async () => {
    const dir = scratch({ ...TREE, 'playwright.config.ts': 'export default { retries: process.env.CI ? 2 : 0 };' });
    const keys = async (...flags: string[]) =>
      (JSON.parse((await drift(['code', 'scan', '.', '--format', 'json', ...flags], { cwd: dir })).stdout) as CodeScan).reads.map(
        (r) => r.name,
      );
    expect(await keys()).not.toEqual(expect.arrayContaining(['ONLY_IN_TESTS']));
    expect(await keys()).not.toContain('CI');
    expect(await keys('--include-tests')).toEqual(expect.arrayContaining(['ONLY_IN_TESTS', 'CI', 'PORT']));
    // --exclude still applies.
    expect(await keys('--include-tests', '--exclude', '*.test.js')).not.toContain('ONLY_IN_TESTS');
  });

  test("with -c, hides the defaults of keys the estate file's baseline makes secret, in text and JSON", async () => {
    const canary = 'canary-smtp-login-7f3a';
    const dir = scratch({
      'svc/mail.py': `import os\nLOGIN = os.getenv('SMTP_LOGIN', '${canary}')\nPORT = os.getenv('SMTP_PORT', '2525')`,
      'drift.yaml':
        'version: 1\nname: mail\nenvironments:\n  prod:\n    sources:\n      - dotenv: { from: prod.env }\nbaseline:\n  keys:\n    smtp.login: { secret: true }\n',
      'prod.env': 'SMTP_PORT=2525\n',
    });
    // Without the estate the name and the text look harmless: shown, as before.
    expect((await drift(['code', 'scan', 'svc'], { cwd: dir })).stdout).toContain(canary);
    for (const format of ['text', 'json']) {
      const run = await drift(['code', 'scan', 'svc', '-c', 'drift.yaml', '--format', format], { cwd: dir });
      expect(run).toMatchObject({ code: 0, stderr: '' });
      expect(run.stdout).not.toContain(canary);
      expect(run.stdout).toContain('2525');
    }
    const bad = await drift(['code', 'scan', 'svc', '-c', 'missing.yaml'], { cwd: dir });
    expect(bad.code).toBe(2);
    expect(bad.stdout).toBe('');
  });

  test('--format json prints the scan: reads with canonical keys, files per language, the root as given', async () => {
    const dir = scratch(TREE);
    const run = await drift(['code', 'scan', '.', '--format', 'json'], { cwd: dir });
    const scan = JSON.parse(run.stdout) as CodeScan;
    expect(scan.root).toBe('.');
    // web/server.test.js is a test, left out without being asked.
    expect(scan.files).toEqual({ javascript: 2, python: 1 });
    expect(scan.skipped).toEqual([]);
    expect(scan.reads.map((r) => r.key)).toEqual(['api.token', 'inventory.service.url', 'legacy', 'port']);
    expect(scan.reads.find((r) => r.key === 'port')).toEqual({
      name: 'PORT',
      key: 'port',
      file: 'web/server.js',
      line: 1,
      column: 26,
      language: 'javascript',
      via: 'process.env',
      fallback: { kind: 'default', value: "'8080'" },
    });
  });

  test('reads the opentelemetry-demo tree from the repository root', async () => {
    const run = await drift(['code', 'scan', 'test/fixtures/opentelemetry-demo/src', '--format', 'json']);
    const scan = JSON.parse(run.stdout) as CodeScan;
    expect(scan.reads).toContainEqual(
      expect.objectContaining({ name: 'CART_ADDR', file: 'frontend/gateways/rpc/Cart.gateway.ts', line: 7 }),
    );
    expect(scan.skipped).toEqual([]);
  });

  test('a file name with control characters or a newline reaches the terminal escaped, never raw', async () => {
    const dir = scratch({
      'esc\u001b]0;PWNED\u0007\u001b[2Jx.py': "import os\nos.getenv('A')",
      'nl\nfake: HIGH.py': "import os\nos.getenv('B')",
    });
    const run = await drift(['code', 'scan', '.'], { cwd: dir });
    expect(run.code).toBe(0);
    expect(run.stdout).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/);
    expect(run.stdout.split('\n').filter((l) => l.startsWith('fake'))).toEqual([]);
    expect(run.stdout).toContain('esc\\u001b]0;PWNED');
  });

  test('a path that is not a folder is a usage error', async () => {
    const run = await drift(['code', 'scan', 'no/such/tree'], { cwd: scratch({}) });
    expect(run).toMatchObject({ code: 2, stdout: '' });
    expect(run.stderr).toMatch(/^drift: code path \S*no\/such\/tree: not a folder\n$/);
  });

  test("a long default (the retail store ui's 2,500-character chat prompt) is shown cut short in text, so the columns stay readable; JSON keeps it whole", async () => {
    const prompt = `You are A.G.E.N.T., a sarcastic AI assistant. ${'Never break character. '.repeat(120)}`;
    const dir = scratch({
      'ChatController.java': `class ChatController {\n  @Value("\${retail.ui.chat.prompt:${prompt}}")\n  String prompt;\n  @Value("\${retail.ui.theme:default}")\n  String theme;\n}\n`,
    });
    const run = await drift(['code', 'scan', '.'], { cwd: dir });
    expect(run).toMatchObject({ code: 0, stderr: '' });
    const lines = run.stdout.trimEnd().split('\n');
    expect(Math.max(...lines.map((l) => l.length))).toBeLessThan(250);
    expect(lines[0]).toMatch(/^retail\.ui\.chat\.prompt\s+ChatController\.java:2\s+default You are A\.G\.E\.N\.T\., .*…\s+@Value$/);
    expect(lines[1]).toMatch(/^retail\.ui\.theme\s+ChatController\.java:4\s+default default\s+@Value$/);
    const json = await drift(['code', 'scan', '.', '--format', 'json'], { cwd: dir });
    expect((JSON.parse(json.stdout) as CodeScan).reads[0]?.fallback).toEqual({ kind: 'default', value: prompt });
  });
});

describe('drift code scan -c, with a baseline file outside the estate folder', () => {
  test('takes --trust-estate-paths, as the refusal it prints says, and then hides what that baseline makes secret', async () => {
    const canary = 'canary-login-5d1e';
    const dir = scratch({
      'common/baseline.yaml': 'keys:\n  smtp.login: { secret: true }\n',
      'app/drift.yaml':
        'version: 1\nname: mail\nenvironments:\n  prod:\n    sources:\n      - dotenv: { from: prod.env }\nbaseline: ../common/baseline.yaml\n',
      'app/prod.env': 'A=1\n',
      'app/src/mail.js': `const login = process.env.SMTP_LOGIN ?? '${canary}';\n`,
    });
    const cwd = `${dir}/app`;
    const refused = await drift(['code', 'scan', 'src', '-c', 'drift.yaml'], { cwd });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('pass --trust-estate-paths');
    const run = await drift(['code', 'scan', 'src', '-c', 'drift.yaml', '--trust-estate-paths'], { cwd });
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout).toContain('SMTP_LOGIN');
    expect(run.stdout).not.toContain(canary);
  });
});
