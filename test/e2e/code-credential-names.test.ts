import { drift, scratch } from '../helpers/cli';

// A token used as a variable's name, read by the code (process.env["ghp_…"]) and set by a source.
const TOKEN = 'ghp_CANARYCODENAME0123456789ABCDEFGHIJKL';
const UNSET_TOKEN = 'ghp_CANARYUNSETNAME0123456789ABCDEFGHIJK';
const DEFAULT = 'canary-default-value';

const estate = () =>
  scratch({
    'drift.yaml': [
      'version: 1',
      'name: shop',
      'code: { path: src/ }',
      'environments:',
      '  prod:',
      '    sources:',
      '      - dotenv: { from: prod.env }',
      '',
    ].join('\n'),
    'prod.env': `${TOKEN}=x\nNEEDED=1\n`,
    'src/app.js': [
      `const a = process.env["${TOKEN}"];`,
      'const b = process.env.NEEDED;',
      `const c = process.env["${UNSET_TOKEN}"] || "${DEFAULT}";`,
      '',
    ].join('\n'),
  });

const leaks = (text: string): void => {
  for (const canary of ['CANARYCODENAME', 'CANARYUNSETNAME', DEFAULT]) expect(text).not.toContain(canary);
};

describe('a credential written as the name the code reads is fingerprinted as its source spells it', () => {
  test('drift code scan (text and JSON) shows the name hidden, and its default as a secret', async () => {
    const dir = estate();
    for (const format of ['text', 'json']) {
      const run = await drift(['code', 'scan', 'src', '-c', 'drift.yaml', '--format', format], { cwd: dir });
      expect(run.code).toBe(0);
      leaks(run.stdout);
      expect(run.stdout).toMatch(/secret_[0-9a-f]{8}/);
    }
  });

  test('drift audit: the unset finding’s key and message hide it, and a read of a source’s key pairs with it', async () => {
    const dir = estate();
    const run = await drift(['audit', '--no-store', '--format', 'json'], { cwd: dir });
    leaks(run.stdout);
    leaks(run.stderr);
    const findings = (JSON.parse(run.stdout) as { findings: Array<{ kind: string; key: string; message: string }> }).findings;
    const unset = findings.filter((f) => f.kind === 'unset');
    // Only the token no source sets: the other is read and set, under the same hidden key.
    expect(unset).toHaveLength(1);
    expect(unset[0]?.key).toMatch(/^secret\.[0-9a-f]{8}$/);
    expect(unset[0]?.message).toMatch(/the code reads secret_[0-9a-f]{8} at src\/app\.js:3/);
    expect(findings.filter((f) => f.kind === 'unread')).toEqual([]);
  });

  test('drift code check names it hidden', async () => {
    const dir = estate();
    const run = await drift(['code', 'check', '--env', 'prod', '--no-store'], { cwd: dir });
    leaks(run.stdout);
    leaks(run.stderr);
    expect(`${run.stdout}${run.stderr}`).toMatch(/unset: secret\.[0-9a-f]{8} is not set in prod but the code reads secret_[0-9a-f]{8}/);
  });
});
