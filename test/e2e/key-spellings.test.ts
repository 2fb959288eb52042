import { drift, scratch } from '../helpers/cli';

describe('a key is one key in any spelling', () => {
  test('explain and history take a full SSM parameter name or ARN, and any spelling', async () => {
    for (const typed of [
      '/production-us/checkout/api/timeout',
      'arn:aws:ssm:us-east-1:222222222222:parameter/production-us/checkout/api/timeout',
      'API_TIMEOUT',
      'apiTimeout',
    ]) {
      const r = await drift(['explain', 'production-us', typed, '-c', 'examples/drift.yaml', '--no-store']);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      expect(r.stdout.split('\n')[0]).toBe('api.timeout in production-us');
    }
  });

  test('the SSM parameter an ECS secret reads names its variable, though no ssm source reads that path', async () => {
    const dir = scratch({
      'drift.yaml': [
        'version: 1',
        'environments:',
        '  eu:',
        '    region: eu-west-1',
        '    sources: [{ ecs: { from: taskdef.json } }]',
        'baseline:',
        '  keys:',
        '    payment.timeout: { value: 30 }',
      ].join('\n'),
      'taskdef.json': JSON.stringify({
        taskDefinition: {
          taskDefinitionArn: 'arn:aws:ecs:eu-west-1:123456789012:task-definition/api:7',
          family: 'api',
          containerDefinitions: [
            {
              name: 'api',
              secrets: [{ name: 'PAYMENT_TIMEOUT', valueFrom: 'arn:aws:ssm:eu-west-1:123456789012:parameter/eu/api/payment_timeout' }],
            },
          ],
        },
      }),
    });
    for (const typed of ['/eu/api/payment_timeout', 'arn:aws:ssm:eu-west-1:123456789012:parameter/eu/api/payment_timeout']) {
      const explained = await drift(['explain', 'eu', typed, '--no-store'], { cwd: dir });
      expect(explained.stderr).toBe('');
      expect(explained.stdout.split('\n')[0]).toBe('payment.timeout in eu');
      const reverted = await drift(['revert', 'eu', typed, '--no-store', '--format', 'json'], { cwd: dir });
      expect(reverted.code).toBe(0);
      expect((JSON.parse(reverted.stdout) as { reverts: Array<{ key: string }> }).reverts.map((r) => r.key)).toEqual(['payment.timeout']);
      // Found, and refused for what it is: drift cannot read the parameter, so it has no value to write.
      const adopted = await drift(['adopt', 'eu', typed, '--dry-run', '--no-store'], { cwd: dir });
      expect(adopted.stderr).toContain('adopt: payment.timeout: cannot be adopted from eu: it is an unresolved reference');
    }
    // history collects nothing: it finds the variable in the stored snapshot, once an audit stored one.
    expect((await drift(['audit'], { cwd: dir })).code).toBe(0);
    for (const typed of ['/eu/api/payment_timeout', 'arn:aws:ssm:eu-west-1:123456789012:parameter/eu/api/payment_timeout']) {
      const history = await drift(['history', 'eu', typed], { cwd: dir });
      expect(history.stderr).toBe('');
      expect(history.stdout.split('\n')[0]).toBe('payment.timeout in eu');
    }
  });

  test('camelCase in a YAML file and SCREAMING_SNAKE in a dotenv file are one key', async () => {
    const dir = scratch({
      'drift.yaml': [
        'version: 1',
        'environments:',
        '  prod:',
        '    sources:',
        '      - file: { from: config.yml }',
        '      - dotenv: { from: prod.env }',
        'baseline:',
        '  keys:',
        '    payment.retry.limit: { type: int, value: 3 }',
      ].join('\n'),
      'config.yml': 'payment:\n  retryLimit: 5\n',
      'prod.env': 'PAYMENT_RETRY_LIMIT=3\n',
    });
    const r = await drift(['audit', '-c', 'drift.yaml', '--no-store', '--format', 'json'], { cwd: dir });
    const doc = JSON.parse(r.stdout) as { findings: Array<{ kind: string; key?: string }> };
    // One key, set by both sources: no `undeclared payment.retrylimit`, no mismatch (the override is the expected 3).
    expect(doc.findings.map((f) => `${f.kind} ${f.key}`)).toEqual([]);
    const explained = await drift(['explain', 'prod', 'payment.retryLimit', '-c', 'drift.yaml', '--no-store'], { cwd: dir });
    expect(explained.stdout).toContain('payment.retry.limit in prod');
    expect(explained.stdout).toMatch(/1\. +hidden +5/);
    expect(explained.stdout).toMatch(/2\. +→ wins +3/);
  });
});

describe('two spellings of one key in one source', () => {
  // DB_HOST and db.host are two variables of the process (two settings of a file): the application
  // reads one of them, so which one drift takes is no platform precedence, and neither may vanish.
  const dir = (): string =>
    scratch({
      'drift.yaml': [
        'version: 1',
        'name: spellings',
        'environments:',
        '  json:',
        '    sources: [{ file: { from: a.json } }]',
        '  yaml:',
        '    sources: [{ file: { from: b.yml } }]',
        '  dotenv:',
        '    sources: [{ dotenv: { from: c.env } }]',
        '  k8s:',
        '    sources: [{ k8s: { from: d.yml, workload: w } }]',
        '  ecs:',
        '    sources: [{ ecs: { from: e.json, container: c } }]',
        '  same:',
        '    sources: [{ dotenv: { from: same.env } }]',
        'baseline:',
        '  keys:',
        '    db.host: { value: good }',
      ].join('\n'),
      'a.json': '{"db_host": "bad", "db": {"host": "good"}}',
      'b.yml': 'db-host: bad\ndb:\n  host: good\n',
      'c.env': 'DB_HOST=bad\ndb.host=good\n',
      'd.yml': [
        'apiVersion: apps/v1',
        'kind: Deployment',
        'metadata: { name: w }',
        'spec: { template: { spec: { containers: [{ name: c, env: [{ name: DB_HOST, value: bad }, { name: db.host, value: good }] }] } } }',
      ].join('\n'),
      'e.json': JSON.stringify({
        taskDefinition: {
          family: 'f',
          containerDefinitions: [
            {
              name: 'c',
              environment: [
                { name: 'DB_HOST', value: 'bad' },
                { name: 'db-host', value: 'good' },
              ],
            },
          ],
        },
      }),
      // One name set twice: Compose takes the last, the first is gone from the process.
      'same.env': 'DB_HOST=bad\nDB_HOST=good\n',
    });

  test('setting it to different values is shadowed, naming both, even where one spelling has the expected value', async () => {
    const r = await drift(['audit', '--no-store', '--format', 'json'], { cwd: dir() });
    const doc = JSON.parse(r.stdout) as {
      findings: Array<{
        kind: string;
        environment?: string;
        key?: string;
        actual?: string;
        hidden?: Array<{ location: string; value: string }>;
      }>;
    };
    const shadowed = doc.findings.filter((f) => f.kind === 'shadowed');
    expect(shadowed.map((f) => f.environment).sort()).toEqual(['dotenv', 'ecs', 'json', 'k8s', 'yaml']);
    for (const f of shadowed) {
      expect(f.key).toBe('db.host');
      expect(f.actual).toBe('good');
      expect(f.hidden!.map((h) => h.value)).toEqual(['bad']);
    }
    expect(shadowed.find((f) => f.environment === 'dotenv')!.hidden![0]!.location).toBe('c.env:1');
    expect(shadowed.find((f) => f.environment === 'k8s')!.hidden![0]!.location).toMatch(/DB_HOST/);
    const explained = await drift(['explain', 'ecs', 'db.host', '--no-store'], { cwd: dir() });
    expect(explained.stdout).toMatch(/DB_HOST[^\n]*bad/);
  });
});
