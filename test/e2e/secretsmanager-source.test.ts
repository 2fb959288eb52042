import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { copyOfExamples, drift, scratch, type CliRun } from '../helpers/cli';
import { filesUnder, auditAndDiffOutputs, leakCheckedCli, leakScanner, storeText } from '../helpers/written';

// Each canary is a value of a Secrets Manager secret, or the whole text of one that is not JSON:
// found anywhere drift prints, writes or stores, it is a leak.
const CANARIES = ['CANARYsmstagingpass', 'CANARYsmprodpass', 'CANARYsmsharedkey', 'CANARYsmnested', 'CANARYsmplaintext'];

const arn = (env: string, suffix: string): string => `arn:aws:secretsmanager:us-east-1:111122223333:secret:${env}/payments/api-${suffix}`;

const secret = (env: string, suffix: string, values: Record<string, unknown>): string =>
  JSON.stringify({
    ARN: arn(env, suffix),
    Name: `${env}/payments/api`,
    VersionId: `${env}-version-0001`,
    SecretString: JSON.stringify(values),
    VersionStages: ['AWSCURRENT'],
    CreatedDate: '2026-11-19T03:02:44.090000+00:00',
  });

const taskdef = (env: string, suffix: string): string =>
  JSON.stringify({
    taskDefinition: {
      taskDefinitionArn: `arn:aws:ecs:us-east-1:111122223333:task-definition/payments-${env}:3`,
      family: `payments-${env}`,
      revision: 3,
      containerDefinitions: [
        {
          name: 'api',
          environment: [{ name: 'LOG_LEVEL', value: 'INFO' }],
          secrets: [
            { name: 'DB_PASSWORD', valueFrom: `${arn(env, suffix)}:DB_PASSWORD::` },
            { name: 'SHARED_KEY', valueFrom: `${arn(env, suffix)}:SHARED_KEY::` },
            { name: 'WEBHOOK_SECRET', valueFrom: `${arn(env, suffix)}:WEBHOOK_SECRET::` },
            { name: 'PREVIOUS_PASSWORD', valueFrom: `${arn(env, suffix)}:DB_PASSWORD:AWSPREVIOUS:` },
            { name: 'PAYMENTS_CONFIG', valueFrom: arn(env, suffix) },
          ],
        },
      ],
    },
  });

const ESTATE = `version: 1
name: payments
environments:
  staging:
    region: us-east-1
    sources:
      - secretsmanager: { secretId: staging/payments/api, from: secrets/staging.json }
      - ecs: { from: ecs/staging.json, container: api }
  production:
    region: us-east-1
    sources:
      - secretsmanager: { secretId: ${arn('production', 'Qr34Cd')}, from: secrets/production.json }
      - ecs: { from: ecs/production.json, container: api }
parity:
  - name: staging-vs-production
    environments: [staging, production]
baseline:
  undeclared: info
  keys:
    log.level: { value: INFO }
`;

function estate(): string {
  return scratch({
    'drift.yaml': ESTATE,
    'secrets/staging.json': secret('staging', 'Xy12Ab', {
      DB_PASSWORD: 'CANARYsmstagingpass',
      SHARED_KEY: 'CANARYsmsharedkey',
      WEBHOOK_SECRET: 'whsec-staging',
      db: { replica: { password: 'CANARYsmnested' } },
    }),
    'secrets/production.json': secret('production', 'Qr34Cd', {
      DB_PASSWORD: 'CANARYsmprodpass',
      SHARED_KEY: 'CANARYsmsharedkey',
      db: { replica: { password: 'CANARYsmnested' } },
    }),
    'ecs/staging.json': taskdef('staging', 'Xy12Ab'),
    'ecs/production.json': taskdef('production', 'Qr34Cd'),
  });
}

type Finding = { kind: string; key?: string; environment?: string; group?: string; message: string; source?: { type: string } };
const findingsOf = (run: CliRun): Finding[] => (JSON.parse(run.stdout) as { findings: Finding[] }).findings;
const leaks = leakScanner(CANARIES);

describe('a recorded secretsmanager source through the CLI', () => {
  it('ECS secrets naming its JSON keys take their fingerprints: they agree or differ across environments like any value', async () => {
    const dir = estate();
    const audit = await drift(['audit', '--format', 'json', '--no-store'], { cwd: dir });
    expect(audit.stderr).toBe('');
    const findings = findingsOf(audit);
    const parity = findings.filter((f) => f.kind === 'parity').map((f) => f.key);
    // The same shared key and nested value in both agree; the passwords differ.
    expect(parity).toContain('db.password');
    expect(parity).not.toContain('shared.key');
    expect(parity).not.toContain('db.replica.password');
    // A reference and the key it names are one value: never shadowed.
    expect(findings.filter((f) => f.kind === 'shadowed')).toEqual([]);
    const explained = await drift(['explain', 'production', 'SHARED_KEY', '--no-store'], { cwd: dir });
    expect(explained.stdout).toContain(
      'the reference resolves to secretsmanager production/payments/api SHARED_KEY · version production-version-0001',
    );
    // Without a JSON key ECS passes the whole secret: the reference takes the whole secret's fingerprint.
    const whole = await drift(['explain', 'staging', 'PAYMENTS_CONFIG', '--no-store'], { cwd: dir });
    expect(whole.stdout).toContain('the reference resolves to secretsmanager staging/payments/api · version staging-version-0001');
    expect(whole.stdout).toMatch(/<secret:[0-9a-f]{8}>/);
  });

  // The valueFrom an on-call engineer copies from a task definition was canonicalised whole ("production has no key
  // arn.aws.secretsmanager.us.east.1…"); an SSM parameter's ARN was already found.
  it('drift explain takes a secret ARN with a JSON key: the key of the source reading it, else the variable referencing it', async () => {
    const dir = estate();
    const sourceKey = await drift(['explain', 'production', `${arn('production', 'Qr34Cd')}:SHARED_KEY::`, '--no-store'], { cwd: dir });
    expect(sourceKey.code).toBe(0);
    expect(sourceKey.stdout).toMatch(/^shared\.key in production/);
    // A partial ARN (no random suffix) names the same secret.
    const partial = await drift(
      ['explain', 'production', 'arn:aws:secretsmanager:us-east-1:111122223333:secret:production/payments/api:SHARED_KEY::', '--no-store'],
      {
        cwd: dir,
      },
    );
    expect(partial.stdout).toMatch(/^shared\.key in production/);
    // Another version stage is read by no source: the ECS variable that references it.
    const referenced = await drift(['explain', 'staging', `${arn('staging', 'Xy12Ab')}:DB_PASSWORD:AWSPREVIOUS:`, '--no-store'], {
      cwd: dir,
    });
    expect(referenced.code).toBe(0);
    expect(referenced.stdout).toMatch(/^previous\.password in staging/);
    expect(leaks('explain', sourceKey.stdout + partial.stdout + referenced.stdout)).toEqual([]);
  });

  // It said "production has no key arn.aws.secretsmanager.us.east.1.111122223333.secret…": a name no one wrote.
  it('an ARN no source reads and no variable references is named as typed', async () => {
    const typed = `${arn('production', 'Zz99Zz')}:NOWHERE::`;
    for (const command of ['explain', 'revert']) {
      const r = await drift([command, 'production', typed, '--no-store'], { cwd: estate() });
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`production has no key for ${typed}`);
      expect(r.stderr).not.toContain('arn.aws');
    }
  });

  it('a JSON key the secret lacks is a dangling reference; another version stage is compared as the reference', async () => {
    const findings = findingsOf(await drift(['audit', '--format', 'json', '--no-store'], { cwd: estate() }));
    const dangling = findings.filter((f) => f.kind === 'dangling-ref');
    expect(dangling.map((f) => [f.environment, f.key])).toEqual([['production', 'webhook.secret']]);
    expect(dangling[0]?.message).toContain(
      'the secret production/payments/api, which this environment snapshots, has no key WEBHOOK_SECRET',
    );
    const previous = findings.find((f) => f.kind === 'parity' && f.key === 'previous.password');
    expect(JSON.stringify(previous)).toContain(':DB_PASSWORD:AWSPREVIOUS:>');
  });

  it('no secret value is printed, recorded or stored, and the recording reads back the same', async () => {
    const dir = estate();
    const found: string[] = [];
    const run = leakCheckedCli(dir, leaks, found);
    const audit = await auditAndDiffOutputs(run, 'staging', 'production');
    for (const key of ['DB_PASSWORD', 'db.replica.password', 'SHARED_KEY']) {
      await run(['explain', 'production', key]);
      await run(['explain', 'production', key, '--format', 'json']);
    }
    await run(['history', 'staging', 'db.password']);
    const rec = await run(['snapshot', '--record', 'recording']);
    expect(rec.code).toBe(0);
    for (const f of filesUnder(path.join(dir, 'recording'))) found.push(...leaks(path.relative(dir, f), readFileSync(f, 'utf8')));
    found.push(...leaks('store', await storeText(dir)));
    expect(found).toEqual([]);

    const written = readFileSync(path.join(dir, 'recording/production/01-secretsmanager/secret.json'), 'utf8');
    expect(written).toMatch(/drift-fingerprint:v1:/);
    const replay = await drift(['audit', '-c', 'recording/drift.yaml', '--format', 'json', '--no-store'], { cwd: dir });
    expect(replay.stderr).toBe('');
    const ids = (r: CliRun) => findingsOf(r).map((f) => `${f.kind} ${f.environment ?? f.group} ${f.key} ${f.message}`);
    expect(ids(replay)).toEqual(ids(audit));
  });
});

// An API key stored as one string made the source fail ("SecretString is not JSON"): it was never audited.
describe('a secret of plain text through the CLI', () => {
  const plain = (env: string, text: string): string =>
    JSON.stringify({
      ARN: arn(env, 'Pl41nT').replace('/api-', '/stripe-key-'),
      Name: `${env}/payments/stripe-key`,
      VersionId: `${env}-v1`,
      SecretString: text,
    });
  const task = (env: string): string =>
    JSON.stringify({
      taskDefinition: {
        family: `payments-${env}`,
        revision: 1,
        containerDefinitions: [
          {
            name: 'api',
            secrets: [
              { name: 'STRIPE_KEY', valueFrom: `arn:aws:secretsmanager:us-east-1:111122223333:secret:${env}/payments/stripe-key` },
              { name: 'STRIPE_PART', valueFrom: `arn:aws:secretsmanager:us-east-1:111122223333:secret:${env}/payments/stripe-key:part::` },
            ],
          },
        ],
      },
    });
  const estateOf = (staging: string, production: string): string =>
    scratch({
      'drift.yaml':
        ['staging', 'production'].reduce(
          (text, env) =>
            `${text}  ${env}:\n    region: us-east-1\n    sources:\n` +
            `      - secretsmanager: { secretId: ${env}/payments/stripe-key, from: secrets/${env}.json }\n` +
            `      - secretsmanager: { secretId: ${env}/payments/token, from: secrets/${env}-token.json, key: payments.token }\n` +
            `      - ecs: { from: ecs/${env}.json, container: api }\n`,
          'version: 1\nname: payments\nenvironments:\n',
        ) + 'parity:\n  - name: both\n    environments: [staging, production]\n',
      'secrets/staging.json': plain('staging', staging),
      'secrets/production.json': plain('production', production),
      'secrets/staging-token.json': JSON.stringify({ Name: 'staging/payments/token', SecretString: 'CANARYsmplaintext' }),
      'secrets/production-token.json': JSON.stringify({ Name: 'production/payments/token', SecretString: 'CANARYsmplaintext' }),
      'ecs/staging.json': task('staging'),
      'ecs/production.json': task('production'),
    });

  it('is one value named after its name, compared by fingerprint across environments; ECS takes it whole, never a JSON key', async () => {
    const dir = estateOf('CANARYsmstagingpass', 'CANARYsmprodpass');
    const audit = await drift(['audit', '--format', 'json', '--no-store'], { cwd: dir });
    expect(audit.stderr).toBe('');
    const findings = findingsOf(audit);
    expect(findings.filter((f) => f.kind === 'source-error')).toEqual([]);
    const parity = findings.filter((f) => f.kind === 'parity').map((f) => f.key);
    expect(parity).toContain('stripe.key');
    // The same plain text in both, read under the declared key, agrees.
    expect(parity).not.toContain('payments.token');
    // The whole secret, as ECS passes it, is the secret's own value: never shadowed.
    expect(findings.filter((f) => f.kind === 'shadowed')).toEqual([]);
    const dangling = findings.filter((f) => f.kind === 'dangling-ref');
    expect(dangling.map((f) => [f.environment, f.key]).sort()).toEqual([
      ['production', 'stripe.part'],
      ['staging', 'stripe.part'],
    ]);
    expect(dangling[0]?.message).toContain('is not a JSON object: it has no key part');
    expect(leaks('audit', audit.stdout + audit.stderr)).toEqual([]);
  });

  // "production has no key for arn:…:secret:production/payments/token-Tk12Ab": the ARN the console copies was not taken.
  it('drift explain takes the ARN of a secret read as one value, complete or partial: the key it is read as', async () => {
    const dir = estateOf('CANARYsmstagingpass', 'CANARYsmprodpass');
    const complete = 'arn:aws:secretsmanager:us-east-1:111122223333:secret:production/payments/token-Tk12Ab';
    for (const typed of [complete, complete.slice(0, -7)]) {
      const r = await drift(['explain', 'production', typed, '--no-store'], { cwd: dir });
      expect(r.stderr).toBe('');
      expect(r.stdout).toMatch(/^payments\.token in production/);
      expect(leaks('explain', r.stdout)).toEqual([]);
    }
  });

  it('agrees where the text is the same, and its recording reads back the same without holding it', async () => {
    const dir = estateOf('CANARYsmsharedkey', 'CANARYsmsharedkey');
    const found: string[] = [];
    const run = leakCheckedCli(dir, leaks, found);
    const audit = await run(['audit', '--format', 'json', '--no-store']);
    expect(
      findingsOf(audit)
        .filter((f) => f.kind !== 'undeclared' && f.key !== 'stripe.part')
        .map((f) => `${f.kind} ${f.key}`),
    ).toEqual([]);
    const rec = await run(['snapshot', '--record', 'recording']);
    expect(rec.code).toBe(0);
    for (const f of filesUnder(path.join(dir, 'recording'))) found.push(...leaks(path.relative(dir, f), readFileSync(f, 'utf8')));
    expect(found).toEqual([]);
    const replay = await drift(['audit', '-c', 'recording/drift.yaml', '--format', 'json', '--no-store'], { cwd: dir });
    expect(replay.stderr).toBe('');
    const ids = (r: CliRun) => findingsOf(r).map((f) => `${f.kind} ${f.environment ?? f.group} ${f.key} ${f.message}`);
    expect(ids(replay)).toEqual(ids(audit));
  });
});

describe('a secretsmanager source in drift.yaml', () => {
  it.each([
    ['a wildcard', 'secretId: "prod/*"', 'secretId is a secret name or a Secrets Manager ARN'],
    ['no secretId', 'from: s.json', 'secretId'],
  ])('with %s is an estate-file error, positioned', async (_what, fields, message) => {
    const dir = scratch({
      'drift.yaml': `version: 1\nname: shop\nenvironments:\n  prod:\n    sources:\n      - secretsmanager: { ${fields} }\n`,
      's.json': '{}',
    });
    const run = await drift(['validate'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/drift\.yaml:6:\d+: /);
    expect(run.stderr).toContain(message);
  });
});

describe('the example estate examples/more-sources', () => {
  it('resolves its ECS secrets against the Secrets Manager recordings: one dangling reference, nothing else on those keys', async () => {
    const dir = copyOfExamples();
    const run = await drift(['audit', '-c', 'more-sources/drift.yaml', '--format', 'json', '--no-store'], { cwd: dir });
    expect(run.stderr).toBe('');
    const keys = ['db.username', 'db.host', 'db.password', 'payment.provider.api.key', 'webhook.signing.secret', 'log.level'];
    const ours = findingsOf(run).filter((f) => f.key !== undefined && keys.includes(f.key));
    expect(ours.map((f) => [f.kind, f.environment ?? f.group, f.key])).toEqual([['dangling-ref', 'production', 'webhook.signing.secret']]);
  });
});
