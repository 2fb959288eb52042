import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { drift, scratch, type CliRun } from '../helpers/cli';
import { filesUnder, leakScanner, storeText } from '../helpers/written';
import { REPORT_FORMATS } from '../../lambdas/adapters/reports/report-format-names';

// Credentials under names that say nothing, each holding a canary in its secret part. A canary
// found anywhere drift writes is a leak.
const JWT = 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJzaG9wIiwiaWF0IjoxNTE2MjM5MDIyfQ.CANARYjwtQ2mLk7PzR4vWx9F2kQ7mZp4';
const PEM = `-----BEGIN RSA PRIVATE KEY-----\\nMIIEpAIBAAKCAQEACANARYpem${'Q2mLk7PzR4vWx9F2kQ7mZp4'.repeat(3)}\\n-----END RSA PRIVATE KEY-----`;

const CANARIES = [
  'CANARYdbpwSTG',
  'CANARYdbpwPRD',
  'CANARYcachepw',
  'CANARYstripeSTG',
  'CANARYstripePRD',
  'CANARYjwt',
  'CANARYslack',
  'CANARYAWS',
  'CANARYopaque',
  'CANARYgh',
  'CANARYpem',
  'CANARYmqpw',
  'CANARYhmac',
  'CANARYdeploy',
  'CANARYfb',
  'CANARYecsdb',
  'CANARYecsstripe',
  'CANARYjdbc',
];

const env = (stage: string, dbPassword: string, stripe: string): string => `
LOG_LEVEL=INFO
DATABASE_URL=postgres://orders:${dbPassword}@db:5432/orders
CACHE_URL=redis://:CANARYcachepw7@cache:6379
STRIPE_KEY=sk_live_${stripe}9xQ2mLk7PzR4vW
AUTH_HEADER="Bearer ${JWT}"
REPORTS_URL=jdbc:postgresql://reports:5432/${stage}?user=rep&password=CANARYjdbc${stage}
`;

const config = (stage: string): string =>
  JSON.stringify({
    slack: { hook: `https://hooks.slack.com/services/T0CANARY1/B0CANARY2/CANARYslack${stage}0123456789ab` },
    deploy: { key_id: 'AKIAZ7CANARYAWSQ4WXL' },
    upstream: { header: `Bearer CANARYopaque${stage}7f3k9QzX2mWp4` },
    service: { url: 'https://api.example.com/v1', timeout: '30s' },
  });

const ssm = (stage: string): string =>
  JSON.stringify({
    Parameters: [
      { Name: `/${stage}/shop/ci/access`, Type: 'String', Value: 'ghp_CANARYgh0123456789abcdefghijklmnopqr', Version: 1 },
      { Name: `/${stage}/shop/tls/material`, Type: 'String', Value: PEM.replace(/\\n/g, '\n'), Version: 1 },
      { Name: `/${stage}/shop/mq/url`, Type: 'String', Value: 'amqp://shop:CANARYmqpw3@mq:5672/shop', Version: 2 },
      { Name: `/${stage}/shop/request/timeout`, Type: 'String', Value: '30', Version: 1 },
    ],
  });

const manifest = `
apiVersion: v1
kind: ConfigMap
metadata: { name: shop-config, namespace: shop }
data:
  WEBHOOK_AUTH: "CANARYhmacQ2mLk7PzR4vWx9"
  FEATURE_SEARCH: "true"
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: shop, namespace: shop }
spec:
  replicas: 2
  template:
    spec:
      containers:
        - name: api
          envFrom:
            - configMapRef: { name: shop-config }
          env:
            - name: DEPLOY_KEY
              value: "CANARYdeployZk29fQmP0x7LwT4"
            - name: FACEBOOK_APP
              value: "1234567890123456|CANARYfb0123456789abcdefghij"
            - name: DATABASE_LINK
              value: "postgres://orders:CANARYdbpwSTG1@db:5432/orders"
            - name: PRIMARY_DB
              value: "$(DATABASE_LINK)"
`;

const taskdef = JSON.stringify({
  taskDefinition: {
    taskDefinitionArn: 'arn:aws:ecs:eu-west-1:222222222222:task-definition/shop:7',
    family: 'shop',
    revision: 7,
    containerDefinitions: [
      {
        name: 'api',
        environment: [
          { name: 'PRIMARY_DB', value: 'postgres://orders:CANARYecsdb1@db:5432/orders' },
          { name: 'PAYMENTS', value: 'sk_live_CANARYecsstripe9xQ2mLk7PzR4vW' },
          { name: 'FEATURE_SEARCH', value: 'true' },
        ],
      },
    ],
  },
});

const ESTATE = `version: 1
name: shop
environments:
  staging:
    sources:
      - file: { from: config/staging.json }
      - dotenv: { from: env/staging.env }
      - ssm: { path: /staging/shop/, from: exports/staging-ssm.json }
      - k8s: { from: manifests/staging.yaml, workload: shop, container: api }
  production:
    sources:
      - file: { from: config/production.json }
      - dotenv: { from: env/production.env }
      - ssm: { path: /production/shop/, from: exports/production-ssm.json }
      - ecs: { from: [exports/production-taskdef.json], container: api }
parity:
  - name: stage-vs-prod
    environments: [staging, production]
baseline:
  undeclared: info
  keys:
    log.level: { value: INFO }
`;

const estate = (): string =>
  scratch({
    'drift.yaml': ESTATE,
    'env/staging.env': env('staging', 'CANARYdbpwSTG1', 'CANARYstripeSTG'),
    'env/production.env': env('production', 'CANARYdbpwPRD1', 'CANARYstripePRD'),
    'config/staging.json': config('STG'),
    'config/production.json': config('PRD'),
    'exports/staging-ssm.json': ssm('staging'),
    'exports/production-ssm.json': ssm('production'),
    'manifests/staging.yaml': manifest,
    'exports/production-taskdef.json': taskdef,
  });

/** The canaries `text` holds (none, or it is a leak), named with where it was found. */
const leaks = leakScanner(CANARIES);
const runLeaks = (what: string, r: CliRun): string[] => leaks(`${what} stdout`, r.stdout).concat(leaks(`${what} stderr`, r.stderr));

interface Finding {
  kind: string;
  key?: string;
  environment?: string;
  values?: Record<string, string | null>;
  actual?: string;
}

describe('credentials in values are never shown, written or stored, whatever their names', () => {
  let server: Server;
  const slack: string[] = [];
  let webhook: string;
  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        slack.push(body);
        res.writeHead(200).end('ok');
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    webhook = `http://127.0.0.1:${(server.address() as AddressInfo).port}/services/T000/B000/hook`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it('in every format, command, the recording and the store', async () => {
    const dir = estate();
    const found: string[] = [];
    const run = async (args: string[], opts: { now?: Date; env?: NodeJS.ProcessEnv } = {}): Promise<CliRun> => {
      const r = await drift(args, { cwd: dir, ...opts });
      found.push(...runLeaks(args.join(' '), r));
      return r;
    };

    const json = await run(['audit', '--format', 'json', '--notify'], {
      env: { DRIFT_SLACK_WEBHOOK_URL: webhook, DRIFT_SLACK_WEBHOOK_HOSTS: '127.0.0.1' },
    });
    expect(json.stderr).toBe('');
    for (const format of REPORT_FORMATS.filter((f) => f !== 'json')) {
      const r = await run(['audit', '--format', format, '--no-store', '--output', `json=out-${format}.json`]);
      expect(r.stdout.length).toBeGreaterThan(100);
    }
    await run(['diff', 'staging', 'production']);
    await run(['diff', 'staging', 'production', '--format', 'json']);
    for (const key of ['DATABASE_URL', 'STRIPE_KEY', 'AUTH_HEADER', 'SLACK_HOOK', 'CACHE_URL', 'DEPLOY_KEY_ID', 'REPORTS_URL']) {
      await run(['explain', 'staging', key]);
      await run(['explain', 'production', key, '--format', 'json']);
    }
    await run(['explain', 'staging', 'DEPLOY_KEY']);
    await run(['explain', 'production', 'PAYMENTS']);

    // The next day production's password and Stripe key change: `changed`, history and the digest.
    writeFileSync(path.join(dir, 'env/production.env'), env('production', 'CANARYdbpwPRD2', 'CANARYstripePRDnew'));
    await run(['audit', '--format', 'json', '--notify'], {
      now: new Date('2026-11-25T02:00:00Z'),
      env: { DRIFT_SLACK_WEBHOOK_URL: webhook, DRIFT_SLACK_WEBHOOK_HOSTS: '127.0.0.1' },
    });
    await run(['history', 'production', 'DATABASE_URL']);
    await run(['history', 'production', 'STRIPE_KEY', '--format', 'json']);

    const rec = await run(['snapshot', '--record', 'recording']);
    expect(rec.code).toBe(0);

    const written = [
      ...filesUnder(path.join(dir, 'recording')),
      ...readdirSync(dir)
        .filter((f) => f.startsWith('out-'))
        .map((f) => path.join(dir, f)),
    ];
    expect(written.length).toBeGreaterThan(8);
    for (const f of written) found.push(...leaks(path.relative(dir, f), readFileSync(f, 'utf8')));
    found.push(...leaks('store', await storeText(dir)));
    expect(slack.length).toBe(2);
    found.push(...leaks('slack', slack.join('\n')));
    expect(found).toEqual([]);
  });

  it('masks a URL password in place: host and database stay shown and compared; different passwords are a parity difference', async () => {
    const dir = estate();
    const r = await drift(['audit', '--format', 'json', '--no-store'], { cwd: dir });
    const findings = (JSON.parse(r.stdout) as { findings: Finding[] }).findings;
    const parity = (key: string) => findings.find((f) => f.kind === 'parity' && f.key === key);
    const db = parity('database.url');
    expect(db?.values?.staging).toMatch(/^postgres:\/\/orders:<secret:[0-9a-f]{8}>@db:5432\/orders$/);
    expect(db?.values?.production).toMatch(/^postgres:\/\/orders:<secret:[0-9a-f]{8}>@db:5432\/orders$/);
    expect(db?.values?.staging).not.toBe(db?.values?.production);
    // The same password in both: no difference.
    expect(parity('cache.url')).toBeUndefined();
    // The same credential in both (an AWS key id, the JWT): no difference either; different Stripe keys are one.
    expect(parity('deploy.key.id')).toBeUndefined();
    expect(parity('auth.header')).toBeUndefined();
    expect(parity('stripe.key')?.values?.staging).toMatch(/^<secret:[0-9a-f]{8}>$/);
    const undeclared = findings.filter((f) => f.kind === 'undeclared' && f.environment === 'staging');
    const actual = (key: string) => undeclared.find((f) => f.key === key)?.actual;
    expect(actual('primary.db')).toMatch(/^postgres:\/\/orders:<secret:[0-9a-f]{8}>@db:5432\/orders$/);
    expect(actual('reports.url')).toMatch(/^jdbc:postgresql:\/\/reports:5432\/staging\?user=rep&password=<secret:[0-9a-f]{8}>$/);
    expect(actual('log.level') ?? 'INFO').toBe('INFO');
    expect(actual('service.url')).toBe('https://api.example.com/v1');
  });

  it('reads a recording back as the same values, so an audit of it finds the same', async () => {
    const dir = estate();
    const rec = await drift(['snapshot', '--record', 'recording'], { cwd: dir });
    expect(rec.stderr).toBe('');
    const essence = (r: CliRun) =>
      (JSON.parse(r.stdout) as { findings: Array<Record<string, unknown>> }).findings
        .map((f) =>
          JSON.stringify({
            kind: f.kind,
            key: f.key,
            environment: f.environment,
            values: f.values,
            actual: f.actual,
            expected: f.expected,
          }),
        )
        .sort();
    const before = await drift(['audit', '--format', 'json', '--no-store'], { cwd: dir });
    const after = await drift(['audit', '-c', 'recording/drift.yaml', '--format', 'json', '--no-store'], { cwd: dir });
    expect(after.stderr).toBe('');
    expect(essence(after)).toEqual(essence(before));
    expect(readFileSync(path.join(dir, 'recording/README.txt'), 'utf8')).not.toMatch(/reads back differently/);
  });

  it('with `secrets: { undeclared: true }`, every value the baseline does not declare is a secret', async () => {
    const dir = estate();
    writeFileSync(
      path.join(dir, 'drift.yaml'),
      ESTATE.replace('  undeclared: info\n', '  undeclared: info\n  secrets: { undeclared: true }\n'),
    );
    const r = await drift(['audit', '--format', 'json', '--no-store'], { cwd: dir });
    const findings = (JSON.parse(r.stdout) as { findings: Finding[] }).findings;
    const shown = findings.flatMap((f) => [f.actual, ...Object.values(f.values ?? {})]).filter((v): v is string => typeof v === 'string');
    expect(shown.length).toBeGreaterThan(0);
    for (const v of shown) expect(v).toMatch(/^<secret:[0-9a-f]{8}>$/);
    expect(findings.find((f) => f.kind === 'undeclared' && f.key === 'service.timeout')?.actual).toMatch(/^<secret:/);
  });
});
