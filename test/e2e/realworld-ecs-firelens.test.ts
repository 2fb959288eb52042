import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { drift, REPO, scratch } from '../helpers/cli';

// aws-samples/amazon-ecs-firelens-examples: App Mesh's colorteller task (the app, an Envoy sidecar
// it dependsOn, a FireLens log router). Each environment's revision adds what ECS teams add: SSM
// parameters injected through `secrets` (the one way ECS injects a parameter, secret or not).
const TASKDEF = readFileSync(
  path.join(REPO, 'test/fixtures/realworld/amazon-ecs-firelens-examples/appmesh-firelens-colorteller-black-ecs-task-def.json'),
  'utf8',
);

interface Finding {
  kind: string;
  severity: string;
  environment?: string;
  group?: string;
  key?: string;
  values?: Record<string, string | null>;
  message: string;
}

interface Container {
  name: string;
  secrets?: Array<{ name: string; valueFrom: string }>;
}

/** The real task definition as `describe-task-definition` prints a revision of it in ENV. */
function revision(
  env: string,
  account: string,
  rev: number,
  shared = `arn:aws:ssm:us-east-1:${account}:parameter/shared/flags/new_ui`,
): string {
  const td = JSON.parse(TASKDEF) as { containerDefinitions: Container[] } & Record<string, unknown>;
  const app = td.containerDefinitions.find((c) => c.name === 'app') as Container;
  app.secrets = [
    { name: 'DB_PASSWORD', valueFrom: `arn:aws:ssm:us-east-1:${account}:parameter/${env}/colorteller/db_password` },
    { name: 'PAYMENT_TIMEOUT', valueFrom: `/${env}/colorteller/payment_timeout` },
    // A parameter outside the application's path, which no source snapshots: compared as the reference.
    { name: 'NEW_UI', valueFrom: shared },
  ];
  const arn = `arn:aws:ecs:us-east-1:${account}:task-definition/${td.family as string}:${rev}`;
  return JSON.stringify({ taskDefinition: { ...td, taskDefinitionArn: arn, revision: rev, status: 'ACTIVE' } }, null, 2);
}

/** `aws ssm get-parameters-by-path --recursive --with-decryption` of ENV's parameters. */
function parameters(env: string, timeout: string, password: string): string {
  const p = (name: string, type: string, value: string) => ({ Name: `/${env}/colorteller/${name}`, Type: type, Value: value, Version: 3 });
  return JSON.stringify({ Parameters: [p('payment_timeout', 'String', timeout), p('db_password', 'SecureString', password)] }, null, 2);
}

const estate = (baseline: string) => `version: 1
name: colorteller
environments:
  staging:
    sources:
      - ssm: { path: /staging/colorteller/, from: staging-ssm.json }
      - ecs: { from: staging-taskdef.json, container: app }
  production:
    sources:
      - ssm: { path: /production/colorteller/, from: production-ssm.json }
      - ecs: { from: production-taskdef.json, container: app }
parity:
  - { name: staging-vs-production, environments: [staging, production] }
${baseline}`;

// The emergency fix: production's payment timeout doubled in Parameter Store, staging left at 30.
const files = (baseline: string) => ({
  'drift.yaml': estate(baseline),
  'staging-taskdef.json': revision('staging', '111111111111', 41),
  'production-taskdef.json': revision('production', '222222222222', 57),
  'staging-ssm.json': parameters('staging', '30', 'st-Pq9rT2vX'),
  'production-ssm.json': parameters('production', '60', 'pr-Lm4nB7cZ'),
});

describe("App Mesh's colorteller task on ECS, its parameters injected through secrets", () => {
  test('drift init leaves a secret whose name is no credential, and whose values differ, to parity, not per environment', async () => {
    const dir = scratch(files(''));
    const run = await drift(['init', '--dry-run', '--no-store', '--trust-estate-paths'], { cwd: dir });
    expect(run.stderr).toContain('would write drift.yaml');
    const line = (key: string) => run.stdout.split('\n').find((l) => l.trimStart().startsWith(`${key}:`)) ?? '';
    // payment.timeout differs (30 in staging, 60 in production): a difference to review, not a credential.
    expect(line('payment.timeout')).toContain('secret: true');
    expect(line('payment.timeout')).not.toContain('per-environment');
    expect(line('payment.timeout')).toContain('# differs: staging (secret), production (secret)');
    // A password is a credential: per environment, as before.
    expect(line('db.password')).toContain('per-environment: true');
    expect(line('db.password')).toContain('credentials are per environment');
    expect(run.stdout).not.toMatch(/\b60\b/);

    // The audit of what init wrote reports the bump as parity, by fingerprint.
    const written = await drift(['init', '--no-store', '--trust-estate-paths'], { cwd: dir });
    expect(written.code).toBe(0);
    const audit = await drift(['audit', '--format', 'json', '--no-store', '--trust-estate-paths'], { cwd: dir });
    const findings = (JSON.parse(audit.stdout) as { findings: Finding[] }).findings;
    expect(findings.filter((f) => f.key === 'payment.timeout').map((f) => [f.kind, f.group])).toEqual([
      ['parity', 'staging-vs-production'],
    ]);
    expect(findings.filter((f) => f.key === 'db.password')).toEqual([]);
  });

  test('a written expected value that cannot judge a secret leaves the key to parity: the bump is reported, by fingerprint', async () => {
    const dir = scratch(files('baseline:\n  keys:\n    payment.timeout: { type: duration, value: 30s }\n'));
    const run = await drift(['audit', '--format', 'json', '--no-store', '--trust-estate-paths'], { cwd: dir });
    expect(run.stderr).toBe('');
    const findings = (JSON.parse(run.stdout) as { findings: Finding[] }).findings.filter((f) => f.key === 'payment.timeout');
    expect(findings.map((f) => [f.kind, f.group])).toEqual([['parity', 'staging-vs-production']]);
    const [parity] = findings as [Finding];
    expect(parity.values?.staging).toMatch(/^<secret:[0-9a-f]{8}>$/);
    expect(parity.values?.production).toMatch(/^<secret:[0-9a-f]{8}>$/);
    expect(parity.values?.staging).not.toBe(parity.values?.production);
    expect(parity.message).toContain("; the baseline's 30s cannot judge a secret in staging, production");
    expect(run.stdout).not.toMatch(/"60"|: 60\b/);

    // The same secret everywhere is no finding, whatever the baseline writes.
    const same = scratch({
      ...files('baseline:\n  keys:\n    payment.timeout: { type: duration, value: 30s }\n'),
      'production-ssm.json': parameters('production', '30', 'pr-Lm4nB7cZ'),
    });
    const quiet = await drift(['audit', '--format', 'json', '--no-store', '--trust-estate-paths'], { cwd: same });
    expect((JSON.parse(quiet.stdout) as { findings: Finding[] }).findings.filter((f) => f.key === 'payment.timeout')).toEqual([]);
  });

  test("a reference to a parameter of the task's own account and region is the parameter's name, as ECS resolves a name", async () => {
    // Account per environment: each task reads /shared/flags/new_ui of its own account, spelt as a full ARN.
    const dir = scratch(files(''));
    const run = await drift(['audit', '--format', 'json', '--no-store', '--trust-estate-paths'], { cwd: dir });
    expect(run.stderr).toBe('');
    const findings = (JSON.parse(run.stdout) as { findings: Finding[] }).findings;
    expect(findings.filter((f) => f.key === 'new.ui' && f.kind === 'parity')).toEqual([]);
    const diff = await drift(['diff', 'staging', 'production', '--no-store', '--trust-estate-paths'], { cwd: dir });
    expect(diff.stdout).toMatch(/ {2}new\.ui +<ref:\/shared\/flags\/new_ui> +<ref:\/shared\/flags\/new_ui>/);

    // Production reading another account's parameter is another parameter: still a difference.
    const other = scratch({
      ...files(''),
      'production-taskdef.json': revision(
        'production',
        '222222222222',
        57,
        'arn:aws:ssm:us-east-1:999999999999:parameter/shared/flags/new_ui',
      ),
    });
    const cross = await drift(['audit', '--format', 'json', '--no-store', '--trust-estate-paths'], { cwd: other });
    const parity = (JSON.parse(cross.stdout) as { findings: Finding[] }).findings.filter((f) => f.key === 'new.ui' && f.kind === 'parity');
    expect(parity.map((f) => f.values)).toEqual([
      {
        staging: '<ref:/shared/flags/new_ui>',
        production: '<ref:arn:aws:ssm:us-east-1:999999999999:parameter/shared/flags/new_ui>',
      },
    ]);
  });

  test('drift diff marks a runtime key one side cannot observe as unknown, not as a difference, as the audit judges it', async () => {
    // Staging still on Kubernetes, production moved to this task: no describe-scalable-targets was recorded for it.
    const k8s = `apiVersion: apps/v1
kind: Deployment
metadata: { name: colorteller, namespace: staging }
spec:
  selector: { matchLabels: { app: colorteller } }
  template:
    metadata: { labels: { app: colorteller } }
    spec:
      containers:
        - name: app
          env: [ { name: COLOR, value: black } ]
`;
    const dir = scratch({
      'drift.yaml': `version: 1
name: colorteller
environments:
  staging: { sources: [ { k8s: { from: staging.yaml, workload: colorteller, container: app } } ] }
  production: { sources: [ { ecs: { from: production-taskdef.json, container: app } } ] }
parity:
  - { name: sp, environments: [staging, production] }
baseline:
  keys:
    runtime.autoscaling.enabled: {}
`,
      'staging.yaml': k8s,
      'production-taskdef.json': revision('production', '222222222222', 57),
    });
    const audit = await drift(['audit', '--format', 'json', '--no-store', '--trust-estate-paths'], { cwd: dir });
    const findings = (JSON.parse(audit.stdout) as { findings: Finding[] }).findings;
    expect(findings.filter((f) => f.key === 'runtime.autoscaling.enabled')).toEqual([]);
    const diff = await drift(['diff', 'staging', 'production', '--no-store', '--trust-estate-paths'], { cwd: dir });
    expect(diff.stdout).toMatch(/^\? runtime\.autoscaling\.enabled +false +\(unknown\)$/m);
    expect(diff.stdout).toMatch(/^ {2}color +black +black$/m);
    const json = await drift(['diff', 'staging', 'production', '--format', 'json', '--no-store', '--trust-estate-paths'], { cwd: dir });
    const rows = (JSON.parse(json.stdout) as { keys: Array<{ key: string; same: boolean | null }> }).keys;
    expect(rows.find((r) => r.key === 'runtime.autoscaling.enabled')?.same).toBeNull();
  });
});

/** The task definition as the repository keeps it for `aws ecs register-task-definition --cli-input-json`: no ARN of its own. */
function registerInput(env: string, account: string, roles = true): string {
  const td = JSON.parse(TASKDEF) as { containerDefinitions: Container[] } & Record<string, unknown>;
  const app = td.containerDefinitions.find((c) => c.name === 'app') as Container;
  app.secrets = [{ name: 'NEW_UI', valueFrom: `arn:aws:ssm:us-east-1:${account}:parameter/shared/flags/new_ui` }];
  const own = (arn: unknown) => String(arn).replace('012345678910', account);
  const { taskRoleArn, executionRoleArn, ...rest } = td;
  return JSON.stringify(roles ? { ...rest, taskRoleArn: own(taskRoleArn), executionRoleArn: own(executionRoleArn) } : rest, null, 2);
}

describe('the same task definition kept as a register-task-definition input, one per environment and account', () => {
  const estateOf = (where: { staging: string; production: string }) => `version: 1
name: colorteller
environments:
  staging:${where.staging}
    sources:
      - ecs: { from: staging-taskdef.json, container: app }
  production:${where.production}
    sources:
      - ecs: { from: production-taskdef.json, container: app }
parity:
  - { name: staging-vs-production, environments: [staging, production] }
`;
  const parityOf = async (files: Record<string, string>) => {
    const run = await drift(['audit', '--format', 'json', '--no-store', '--trust-estate-paths'], { cwd: scratch(files) });
    expect(run.stderr).toBe('');
    return (JSON.parse(run.stdout) as { findings: Finding[] }).findings.filter((f) => f.key === 'new.ui' && f.kind === 'parity');
  };

  test("a parameter of the task's own account, by ARN, is its name: the account of the task's roles, the region it logs to", async () => {
    const parity = await parityOf({
      'drift.yaml': estateOf({ staging: '', production: '' }),
      'staging-taskdef.json': registerInput('staging', '111111111111'),
      'production-taskdef.json': registerInput('production', '222222222222'),
    });
    expect(parity).toEqual([]);
  });

  test("without roles, the estate's own account and region of each environment say it", async () => {
    const files = {
      'staging-taskdef.json': registerInput('staging', '111111111111', false),
      'production-taskdef.json': registerInput('production', '222222222222', false),
    };
    const declared = {
      staging: '\n    region: us-east-1\n    account: "111111111111"',
      production: '\n    region: us-east-1\n    account: "222222222222"',
    };
    expect(await parityOf({ ...files, 'drift.yaml': estateOf(declared) })).toEqual([]);
    // Nothing says where the tasks run: the references stay as written, and differ.
    const unknown = await parityOf({ ...files, 'drift.yaml': estateOf({ staging: '', production: '' }) });
    expect(unknown.map((f) => f.values)).toEqual([
      {
        staging: '<ref:arn:aws:ssm:us-east-1:111111111111:parameter/shared/flags/new_ui>',
        production: '<ref:arn:aws:ssm:us-east-1:222222222222:parameter/shared/flags/new_ui>',
      },
    ]);
  });
});
