import { drift, scratch } from '../helpers/cli';

const ssmExport = (env: string) =>
  JSON.stringify({
    Parameters: [
      { Name: `/${env}/api/db/pool_size`, Type: 'String', Value: '20', Version: 1 },
      { Name: `/${env}/api/cache/ttl`, Type: 'String', Value: '300', Version: 1 },
    ],
  });

const estate = (code: string) => ({
  'drift.yaml': `version: 1
name: shop
environments:
  staging:
    sources:
      - ssm: { path: /staging/api/, from: staging-ssm.json }
      - dotenv: { from: staging.env }
baseline:
  undeclared: ignore
code: { path: src }
`,
  'staging-ssm.json': ssmExport('staging'),
  'staging.env': 'LOG_LEVEL=info\nOLD_FLAG=true\n',
  'src/app.py': code,
});

const unread = async (dir: string) => {
  const run = await drift(['audit', '--format', 'json', '--no-store'], { cwd: dir });
  const doc = JSON.parse(run.stdout) as { findings: Array<{ kind: string; key: string }> };
  return doc.findings.filter((f) => f.kind === 'unread').map((f) => f.key);
};

describe('unread and code that reads SSM through its API', () => {
  test('the keys of an ssm source are read when the code fetches parameters by path; a dotenv key no code reads is still unread', async () => {
    const code =
      'import os\nimport boto3\n\nLEVEL = os.getenv("LOG_LEVEL", "info")\n\ndef params():\n    return boto3.client("ssm").get_parameters_by_path(Path="/staging/api/")\n';
    expect(await unread(scratch(estate(code)))).toEqual(['old.flag']);
  });

  test('drift explain and drift diff say the key is read through the API, not "no code reads it"', async () => {
    const code = 'import boto3\n\ndef params():\n    return boto3.client("ssm").get_parameters_by_path(Path="/staging/api/")\n';
    const files = estate(code);
    const dir = scratch({
      ...files,
      'drift.yaml': files['drift.yaml'].replace(
        'baseline:',
        '  production:\n    sources:\n      - ssm: { path: /production/api/, from: production-ssm.json }\nbaseline:',
      ),
      'production-ssm.json': ssmExport('production'),
    });
    const explain = await drift(['explain', 'staging', 'db.pool.size', '--no-store'], { cwd: dir });
    expect(explain.stdout).toContain('the code reads it through the SSM Parameter Store API at src/app.py:4');
    const diff = await drift(['diff', 'staging', 'production', '--no-store', '--format', 'json'], { cwd: dir });
    const rows = (JSON.parse(diff.stdout) as { keys: Array<{ key: string; codeApi?: { service: string } }> }).keys;
    expect(rows.find((r) => r.key === 'db.pool.size')?.codeApi?.service).toBe('ssm');
    expect(rows.find((r) => r.key === 'log.level')?.codeApi).toBeUndefined();
    const text = await drift(['diff', 'staging', 'production', '--no-store'], { cwd: dir });
    expect(text.stdout).toMatch(/db\.pool\.size .* through the SSM Parameter Store API at src\/app\.py:4/);
  });

  test('without such a read, the ssm keys no code reads are unread', async () => {
    expect(await unread(scratch(estate('import os\nLEVEL = os.getenv("LOG_LEVEL", "info")\n')))).toEqual([
      'cache.ttl',
      'db.pool.size',
      'old.flag',
    ]);
  });
});
