import { drift, scratch } from '../helpers/cli';

/** Staging (and, given its dotenv, production) with the code under src/. */
const estate = (code: string, production?: string) =>
  scratch({
    'drift.yaml': `version: 1
name: shop
environments:
  staging:
    sources:
      - dotenv: { from: staging.env }
${production === undefined ? '' : '  production:\n    sources:\n      - dotenv: { from: production.env }\n'}baseline:
  undeclared: ignore
code: { path: src }
`,
    'staging.env': 'LOG_LEVEL=info\nFEATURE_BETA=on\nOLD_SETTING=1\n',
    ...(production === undefined ? {} : { 'production.env': production }),
    'src/app.py': code,
  });

const unread = async (dir: string) => {
  const run = await drift(['audit', '--format', 'json', '--no-store'], { cwd: dir });
  const doc = JSON.parse(run.stdout) as { findings: Array<{ kind: string; key: string; message: string }> };
  return doc.findings.filter((f) => f.kind === 'unread').map((f) => [f.key, f.message]);
};

describe('unread and reads by names the scan cannot list', () => {
  test('a key whose name starts as a name the code makes is read; the others are still unread, as before', async () => {
    const code =
      'import os\nLEVEL = os.getenv("LOG_LEVEL", "info")\n\ndef on(flag):\n    return os.getenv(f"FEATURE_{flag.upper()}") == "on"\n';
    expect(await unread(estate(code))).toEqual([['old.setting', 'old.setting is set in staging but no code reads it']]);
  });

  test('code that takes the whole environment leaves every key unread by name, and says it is no proof it can go', async () => {
    const code = 'import os\nLEVEL = os.getenv("LOG_LEVEL", "info")\nSETTINGS = dict(os.environ)\n';
    expect(await unread(estate(code))).toEqual([
      [
        'feature.beta',
        'feature.beta is set in staging but no code reads it by name; src/app.py:3 reads the whole environment (os.environ), and this is no proof it can go',
      ],
      [
        'old.setting',
        'old.setting is set in staging but no code reads it by name; src/app.py:3 reads the whole environment (os.environ), and this is no proof it can go',
      ],
    ]);
  });

  test('drift explain says how the code reads the key, or that it may', async () => {
    const dir = estate('import os\nSETTINGS = dict(os.environ)\nFLAG = os.getenv("FEATURE_" + name)\n');
    const beta = await drift(['explain', 'staging', 'FEATURE_BETA', '--no-store'], { cwd: dir });
    expect(beta.stdout).toContain(
      'the code reads it by a name it makes: src/app.py:3 reads variables by names starting feature. (os.getenv)',
    );
    const old = await drift(['explain', 'staging', 'OLD_SETTING', '--no-store'], { cwd: dir });
    expect(old.stdout).toContain('no code reads it by name; src/app.py:2 reads the whole environment (os.environ), and may read it');
    const json = await drift(['explain', 'staging', 'FEATURE_BETA', '--no-store', '--format', 'json'], { cwd: dir });
    const doc = JSON.parse(json.stdout) as { code: unknown[]; codeOpen?: { line: number; prefix?: string } };
    expect(doc.code).toEqual([]);
    expect(doc.codeOpen).toMatchObject({ line: 3, prefix: 'feature.' });
  });

  test('drift diff says where the code reads a key by a name it makes', async () => {
    const dir = estate('import os\nFLAG = os.getenv("FEATURE_" + name)\n', 'FEATURE_BETA=off\nOLD_SETTING=1\n');
    const json = await drift(['diff', 'staging', 'production', '--no-store', '--format', 'json'], { cwd: dir });
    const rows = (JSON.parse(json.stdout) as { keys: Array<{ key: string; codeOpen?: { line: number; prefix?: string } }> }).keys;
    expect(rows.find((r) => r.key === 'feature.beta')?.codeOpen).toMatchObject({ line: 2, prefix: 'feature.' });
    expect(rows.find((r) => r.key === 'old.setting')?.codeOpen).toBeUndefined();
    const text = await drift(['diff', 'staging', 'production', '--no-store'], { cwd: dir });
    expect(text.stdout).toMatch(/feature\.beta .* src\/app\.py:2 reads variables by names starting feature\. \(os\.getenv\)/);
  });

  test('drift code scan lists them with what they mean', async () => {
    const dir = estate('import os\nSETTINGS = dict(os.environ)\nFLAG = os.getenv("FEATURE_" + name)\n');
    const run = await drift(['code', 'scan', 'src'], { cwd: dir });
    expect(run.stdout).toContain('app.py:2 reads the whole environment (os.environ)  no key is proven unread');
    expect(run.stdout).toContain('app.py:3 reads variables by names starting feature. (os.getenv)  keys starting feature. count as read');
  });
});
