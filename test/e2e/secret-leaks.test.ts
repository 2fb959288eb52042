import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { drift, scratch } from '../helpers/cli';
import { codeEstate } from '../helpers/code-estate';
import { filesUnder, leakCheckedCli, leakScanner, storeText } from '../helpers/written';
import { REPORT_FORMATS } from '../../lambdas/adapters/reports/report-format-names';

// Each canary sits where a secret hid from drift's secret rules: a plain String parameter that an
// ECS secret names, command lines and log options of a task definition, a CronJob's command, Pod / init
// container env, a password inside an array, a key under a `secret: true` key. Found anywhere drift
// prints, writes or stores, it is a leak.
const CANARIES = [
  'CANARYstringparam',
  'CANARYcmd',
  'CANARYlogkey',
  'CANARYlabel',
  'CANARYhealth',
  'CANARYcron',
  'CANARYpod',
  'CANARYinit',
  'CANARYargs',
  'CANARYarray',
  'CANARYsubtree',
  'CANARYtrigger',
];

const SSM = JSON.stringify({
  Parameters: [
    { Name: '/production/shop/db/plainpass', Type: 'String', Value: 'CANARYstringparam', Version: 4 },
    { Name: '/production/shop/request/timeout', Type: 'String', Value: '30', Version: 1 },
  ],
});

const TASKDEF = JSON.stringify({
  taskDefinition: {
    taskDefinitionArn: 'arn:aws:ecs:eu-west-1:222222222222:task-definition/shop:7',
    family: 'shop',
    revision: 7,
    containerDefinitions: [
      {
        name: 'api',
        command: ['serve', '--admin-password=CANARYcmd'],
        logConfiguration: { logDriver: 'awsfirelens', options: { apikey: 'CANARYlogkey' } },
        dockerLabels: { note: 'CANARYlabel' },
        healthCheck: { command: ['CMD-SHELL', 'curl -H "X-Key: CANARYhealth" localhost'] },
        environment: [{ name: 'LOG_LEVEL', value: 'INFO' }],
        secrets: [{ name: 'DB_PASS', valueFrom: 'arn:aws:ssm:eu-west-1:222222222222:parameter/production/shop/db/plainpass' }],
      },
    ],
  },
});

const MANIFESTS = `
apiVersion: apps/v1
kind: Deployment
metadata: { name: shop, namespace: shop }
spec:
  template:
    spec:
      initContainers:
        - name: migrate
          env: [{ name: MIGRATE_WITH, value: CANARYinit }]
      containers:
        - name: api
          args: ["--seed=CANARYargs"]
          env: [{ name: LOG_LEVEL, value: INFO }]
---
apiVersion: batch/v1
kind: CronJob
metadata: { name: nightly, namespace: shop }
spec:
  jobTemplate:
    spec:
      template:
        spec:
          containers:
            - name: job
              command: [sh, -c, "report --with CANARYcron"]
---
apiVersion: v1
kind: Pod
metadata: { name: debug, namespace: shop }
spec:
  containers:
    - name: sh
      env: [{ name: DEBUG_WITH, value: CANARYpod }]
---
apiVersion: keda.sh/v1alpha1
kind: ScaledObject
metadata: { name: shop, namespace: shop }
spec:
  scaleTargetRef: { name: shop }
  minReplicaCount: 1
  maxReplicaCount: 4
  triggers:
    - type: rabbitmq
      metadata: { host: "amqp://guest:CANARYtrigger@mq:5672/" }
`;

const CONFIG = JSON.stringify({
  users: [{ name: 'alice', password: 'CANARYarray' }],
  payment: { gateway: { pin: 'CANARYsubtree' }, timeout: '5s' },
});

const ESTATE = `version: 1
name: shop
environments:
  staging:
    sources:
      - file: { from: config/app.json }
      - k8s: { from: manifests/, workload: shop, container: api }
  production:
    sources:
      - file: { from: config/app.json }
      - ssm: { path: /production/shop/, from: exports/ssm.json }
      - ecs: { from: [exports/taskdef.json], container: api }
baseline:
  undeclared: info
  keys:
    payment.gateway: { secret: true }
`;

const leaks = leakScanner(CANARIES);

describe('secrets drift could not see by name or content are still never shown, written or stored', () => {
  it('a String parameter an ECS secret names, container fields, CronJobs and Pods, arrays and secret subtrees', async () => {
    const dir = scratch({
      'drift.yaml': ESTATE,
      'config/app.json': CONFIG,
      'exports/ssm.json': SSM,
      'exports/taskdef.json': TASKDEF,
      'manifests/all.yaml': MANIFESTS,
    });
    const found: string[] = [];
    const run = leakCheckedCli(dir, leaks, found);
    const audit = await run(['audit', '--format', 'json']);
    expect(audit.stderr).toBe('');
    await run(['audit', '--format', 'text', '--no-store']);
    await run(['diff', 'staging', 'production']);
    await run(['diff', 'staging', 'production', '--format', 'json']);
    for (const [env, key] of [
      ['production', 'DB_PASS'],
      ['production', '/production/shop/db/plainpass'],
      ['production', 'users'],
      ['staging', 'payment.gateway.pin'],
    ]) {
      const r = await run(['explain', env as string, key as string, '--format', 'json']);
      expect(r.code).toBe(0);
      await run(['explain', env as string, key as string]);
    }
    await run(['history', 'production', 'db.plainpass']);
    for (const format of ['text', 'json']) {
      expect((await run(['revert', 'production', 'DB_PASS', '/production/shop/db/plainpass', 'users', '--format', format])).code).toBe(0);
      expect((await run(['revert', 'staging', 'payment.gateway.pin', '--format', format])).code).toBe(0);
    }
    for (const format of REPORT_FORMATS.filter((f) => f !== 'json')) await run(['audit', '--format', format, '--no-store']);
    expect((await run(['audit', '--report', 'report.html', '--no-store'])).code).not.toBe(2);
    found.push(...leaks('report.html', readFileSync(path.join(dir, 'report.html'), 'utf8')));
    // Adopting a secret writes its fingerprint marker, never its value (the diff and the file).
    await run(['adopt', 'production', 'DB_PASS', '--dry-run']);
    expect((await run(['adopt', 'production', 'DB_PASS', '/production/shop/db/plainpass', '--force'])).code).toBe(0);
    const adopted = readFileSync(path.join(dir, 'drift.yaml'), 'utf8');
    expect(adopted).toContain('drift-fingerprint:v1:');
    found.push(...leaks('drift.yaml after adopt', adopted));
    const rec = await run(['snapshot', '--record', 'recording']);
    expect(rec.code).toBe(0);
    for (const f of filesUnder(path.join(dir, 'recording'))) found.push(...leaks(path.relative(dir, f), readFileSync(f, 'utf8')));
    found.push(...leaks('store', await storeText(dir)));
    expect(found).toEqual([]);

    // The reference and the parameter agree (one fingerprint), and the recording reads back the same.
    const explained = JSON.parse(
      (await drift(['explain', 'production', 'DB_PASS', '--format', 'json', '--no-store'], { cwd: dir })).stdout,
    ) as unknown;
    expect(JSON.stringify(explained)).toMatch(/<secret:[0-9a-f]{8}>/);
    const replay = await drift(['audit', '-c', 'recording/drift.yaml', '--format', 'json', '--no-store'], { cwd: dir });
    expect(replay.stderr).toBe('');
    expect(readFileSync(path.join(dir, 'recording/README.txt'), 'utf8')).not.toMatch(/reads back differently/);
  });
});

describe('a value that becomes secret is never shown as it was before', () => {
  it('once an ECS secret names its parameter, or its key is declared secret, the earlier plain text is not in a change report', async () => {
    const before = ESTATE.replace('    payment.gateway: { secret: true }\n', '    log.level: { value: INFO }\n');
    const taskdef = TASKDEF.replace('"secrets"', '"unused"');
    const dir = scratch({
      'drift.yaml': before,
      'config/app.json': CONFIG,
      'exports/ssm.json': SSM,
      'exports/taskdef.json': taskdef,
      'manifests/all.yaml': MANIFESTS,
    });
    const first = await drift(['audit', '--format', 'json'], { cwd: dir });
    expect(first.stdout).toContain('CANARYstringparam');
    expect(first.stdout).toContain('CANARYsubtree');
    writeFileSync(path.join(dir, 'drift.yaml'), ESTATE);
    writeFileSync(path.join(dir, 'exports/taskdef.json'), TASKDEF);
    const found: string[] = [];
    for (const args of [
      ['audit', '--format', 'json'],
      ['history', 'production', 'db.plainpass'],
      ['history', 'staging', 'payment.gateway.pin', '--format', 'json'],
    ]) {
      const r = await drift(args, { cwd: dir, now: new Date('2026-11-25T02:00:00Z') });
      found.push(...leaks(`${args.join(' ')} stdout`, r.stdout), ...leaks(`${args.join(' ')} stderr`, r.stderr));
    }
    expect(found.filter((f) => /CANARY(stringparam|subtree)/.test(f))).toEqual([]);
  });
});

describe('a secret written as a default in the code is never shown, written or stored', () => {
  it('by the key name and by its content (a password in a URL), direct and through a wrapper', async () => {
    const canaries = leakScanner(['CANARYcodedefault', 'CANARYurlpass', 'CANARYwrapped']);
    const dir = codeEstate({
      staging: 'LOG_LEVEL=INFO\n',
      production: 'LOG_LEVEL=INFO\n',
      src: {
        'settings.py': [
          'import os',
          "DB_PASSWORD = os.getenv('DB_PASSWORD', 'CANARYcodedefault')",
          "UPSTREAM = os.environ.get('UPSTREAM_URL', 'https://svc:CANARYurlpass@upstream.internal/')",
          'def env(key, default):',
          '    return os.environ.get(key, default)',
          "TOKEN = env('SERVICE_TOKEN', 'CANARYwrapped')",
          "LEVEL = os.getenv('LOG_LEVEL', 'INFO')",
          '',
        ].join('\n'),
      },
    });
    const found: string[] = [];
    const run = leakCheckedCli(dir, canaries, found);
    const scan = await run(['code', 'scan', 'src']);
    expect(scan.stdout).toContain('DB_PASSWORD');
    expect(scan.stdout).toContain('SERVICE_TOKEN');
    await run(['code', 'scan', 'src', '--format', 'json']);
    expect((await run(['code', 'check', '--env', 'production'])).stdout).toContain('UPSTREAM_URL');
    const audit = await run(['audit', '--format', 'json']);
    expect(audit.stdout).toContain('db.password');
    for (const format of REPORT_FORMATS.filter((f) => f !== 'json')) await run(['audit', '--format', format, '--no-store']);
    await run(['diff', 'staging', 'production']);
    await run(['diff', 'staging', 'production', '--format', 'json']);
    for (const key of ['DB_PASSWORD', 'UPSTREAM_URL', 'SERVICE_TOKEN']) {
      await run(['explain', 'production', key]);
      await run(['explain', 'production', key, '--format', 'json']);
    }
    found.push(...canaries('store', await storeText(dir)));
    expect(found).toEqual([]);
  });
});

describe('a key one source holds as a secret is a secret in every source and environment', () => {
  // `conn` is a SecureString in production's SSM export; staging's dotenv and production's own dotenv
  // (listed after the export, so it wins there) write the same text in plain. Beside its fingerprint,
  // that text would give the SecureString away.
  const ESTATE_ACROSS = `version: 1
name: shop
environments:
  production:
    sources:
      - ssm: { path: /production/shop/, from: exports/ssm.json }
      - dotenv: { from: production.env }
  staging:
    sources:
      - dotenv: { from: staging.env }
parity:
  - { name: all, environments: [production, staging] }
`;
  const EXPORT = JSON.stringify({
    Parameters: [{ Name: '/production/shop/conn', Type: 'SecureString', Value: 'CANARYacross', Version: 2 }],
  });

  it('is fingerprinted wherever it is written, and compares equal by its fingerprint', async () => {
    const dir = scratch({
      'drift.yaml': ESTATE_ACROSS,
      'exports/ssm.json': EXPORT,
      'production.env': 'CONN=CANARYacross\n',
      'staging.env': 'CONN=CANARYacross\n',
    });
    const canaries = leakScanner(['CANARYacross']);
    const found: string[] = [];
    const run = leakCheckedCli(dir, canaries, found);
    const audit = await run(['audit', '--format', 'json']);
    await run(['audit', '--format', 'text', '--no-store']);
    await run(['diff', 'production', 'staging']);
    await run(['explain', 'production', 'conn']);
    found.push(...canaries('store', await storeText(dir)));
    expect(found).toEqual([]);
    // One text, one fingerprint: the environments agree on `conn`.
    const findings = (JSON.parse(audit.stdout) as { findings: Array<{ kind: string; key?: string }> }).findings;
    expect(findings.filter((f) => f.key === 'conn' && f.kind === 'parity')).toEqual([]);
  });
});
