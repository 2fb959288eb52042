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

  test('without such a read, the ssm keys no code reads are unread', async () => {
    expect(await unread(scratch(estate('import os\nLEVEL = os.getenv("LOG_LEVEL", "info")\n')))).toEqual([
      'cache.ttl',
      'db.pool.size',
      'old.flag',
    ]);
  });
});
