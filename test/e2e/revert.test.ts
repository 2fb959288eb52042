import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseAllDocuments, stringify } from 'yaml';
import { copyOfExamples, drift, scratch } from '../helpers/cli';

/** The words of a printed command: bare words and single-quoted ones, as the plan writes them. */
function words(command: string): string[] {
  const out: string[] = [];
  const re = /'((?:[^']|'\\'')*)'|(\S+)/g;
  for (const m of command.matchAll(re)) out.push(m[1] !== undefined ? m[1].replace(/'\\''/g, "'") : (m[2] as string));
  return out;
}

/** The value after `flag` in a command's words. */
const flag = (ws: string[], name: string): string => ws[ws.indexOf(name) + 1] as string;

/** The commands of a text plan: its lines that are not comments. */
const commandsOf = (text: string): string[] => text.split('\n').filter((l) => l && !l.startsWith('#'));

type AuditDoc = { findings: Array<{ kind: string; environment?: string; key?: string }> };

async function findingsOn(dir: string, env: string, key: string): Promise<string[]> {
  const run = await drift(['audit', '-c', 'drift.yaml', '--no-store', '--format', 'json', '--env', env], { cwd: dir });
  const doc = JSON.parse(run.stdout) as AuditDoc;
  return doc.findings.filter((f) => f.environment === env && f.key === key).map((f) => f.kind);
}

async function plan(dir: string, env: string, ...keys: string[]): Promise<string[]> {
  const run = await drift(['revert', '-c', 'drift.yaml', env, ...keys], { cwd: dir });
  expect(run).toMatchObject({ code: 0, stderr: '' });
  return commandsOf(run.stdout);
}

/** Every file under `dir` with its size and modification time. */
const tree = (dir: string): string[] =>
  readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .sort()
    .map((f) => {
      const s = statSync(path.join(dir, f));
      return `${f} ${s.size} ${s.mtimeMs}`;
    });

describe('drift revert on the example estate', () => {
  test('SSM round trip: the printed put-parameter, applied to the recorded export, makes the mismatch go away', async () => {
    const dir = copyOfExamples();
    expect(await findingsOn(dir, 'production-us', 'api.timeout')).toContain('mismatch');
    const [command, ...rest] = await plan(dir, 'production-us', '/production-us/checkout/api/timeout');
    expect(rest).toEqual([]);
    const ws = words(command as string);
    expect(ws.slice(0, 3)).toEqual(['aws', 'ssm', 'put-parameter']);
    expect(ws).toEqual(expect.arrayContaining(['--overwrite', '--region', 'us-east-1']));
    // No --type: the update keeps the parameter's own (a StringList stays one).
    expect(ws).not.toContain('--type');

    const file = path.join(dir, 'exports/production-us-ssm.json');
    const exported = JSON.parse(readFileSync(file, 'utf8')) as { Parameters: Array<{ Name: string; Value: string }> };
    const param = exported.Parameters.find((p) => p.Name === flag(ws, '--name'));
    expect(param).toBeDefined();
    param!.Value = flag(ws, '--value');
    writeFileSync(file, JSON.stringify(exported, null, 2));

    expect(await findingsOn(dir, 'production-us', 'api.timeout')).toEqual([]);
  });

  test('k8s round trip: kubectl set env and the ConfigMap patch, applied to the manifests, clear their findings', async () => {
    const dir = copyOfExamples();
    expect(await findingsOn(dir, 'production-us', 'db.timeout')).toEqual(expect.arrayContaining(['mismatch', 'constraint']));
    expect(await findingsOn(dir, 'production-us', 'log.include.sensitive')).toEqual(['mismatch']);
    const commands = await plan(dir, 'production-us', 'DB_TIMEOUT', 'log.include.sensitive');
    expect(commands).toEqual([
      'kubectl set env deployment/checkout-api -n checkout -c api -- DB_TIMEOUT=10s',
      `kubectl patch configmap/api-config -n checkout --type merge -p '{"data":{"LOG_INCLUDE_SENSITIVE":"false"}}'`,
      'kubectl rollout restart deployment/checkout-api -n checkout',
    ]);

    const setEnv = words(commands[0] as string);
    const [name, value] = (setEnv.at(-1) as string).split('=') as [string, string];
    editManifest(path.join(dir, 'manifests/production-us/deployment.yaml'), (doc) => {
      if (doc.kind !== 'Deployment' || doc.metadata.name !== setEnv[3]?.split('/')[1] || doc.metadata.namespace !== flag(setEnv, '-n'))
        return;
      const container = doc.spec?.template.spec.containers.find((c) => c.name === flag(setEnv, '-c'));
      const variable = container?.env.find((e) => e.name === name);
      if (!variable) throw new Error(`no ${name} in the manifest`);
      variable.value = value;
    });
    const patch = words(commands[1] as string);
    editManifest(path.join(dir, 'manifests/production-us/configmap.yaml'), (doc) => {
      if (doc.kind !== 'ConfigMap' || `configmap/${doc.metadata.name}` !== patch[2] || doc.metadata.namespace !== flag(patch, '-n')) return;
      Object.assign(doc.data ?? {}, (JSON.parse(flag(patch, '-p')) as { data: object }).data);
    });

    expect(await findingsOn(dir, 'production-us', 'db.timeout')).toEqual([]);
    expect(await findingsOn(dir, 'production-us', 'log.include.sensitive')).toEqual([]);
  });

  const hasJq = spawnSync('jq', ['--version']).status === 0;
  (hasJq ? test : test.skip)(
    'ECS round trip: the printed jq makes a register-task-definition input; registered and rolled out, the finding is gone',
    async () => {
      const dir = copyOfExamples();
      expect(await findingsOn(dir, 'production-eu', 'log.level')).toEqual(['exception-expired']);
      const [describe, register, update] = await plan(dir, 'production-eu', 'log.level');
      const exports = path.join(dir, 'exports/production-eu');

      // Run the printed jq on the recorded describe-task-definition output, as the pipe would.
      const pipe = (describe as string).slice((describe as string).indexOf('| ') + 2);
      // The describe asks for the tags, which come beside the task definition: the new revision keeps them.
      expect(words(describe as string)).toEqual(expect.arrayContaining(['--include', 'TAGS']));
      const tags = [{ key: 'team', value: 'payments' }];
      const described = { ...JSON.parse(readFileSync(path.join(exports, 'taskdef.json'), 'utf8')), tags };
      const jq = spawnSync('bash', ['-c', pipe], { cwd: dir, input: JSON.stringify(described) });
      expect(jq.status).toBe(0);
      const input = JSON.parse(
        readFileSync(path.join(dir, flag(words(register as string), '--cli-input-json').replace('file://', '')), 'utf8'),
      );
      expect(input.tags).toEqual(tags);
      for (const readOnly of [
        'taskDefinitionArn',
        'revision',
        'status',
        'requiresAttributes',
        'compatibilities',
        'registeredAt',
        'registeredBy',
      ])
        expect(input).not.toHaveProperty(readOnly);

      // What register-task-definition and update-service do: a new revision, and the service on it.
      const arn = `arn:aws:ecs:eu-west-1:222222222222:task-definition/${flag(words(update as string), '--task-definition')}:144`;
      writeFileSync(
        path.join(exports, 'taskdef.json'),
        JSON.stringify({ taskDefinition: { ...input, taskDefinitionArn: arn, revision: 144, status: 'ACTIVE' } }),
      );
      const service = readFileSync(path.join(exports, 'service.json'), 'utf8');
      writeFileSync(
        path.join(exports, 'service.json'),
        service.replaceAll('task-definition/checkout-api:143', 'task-definition/checkout-api:144'),
      );

      expect(await findingsOn(dir, 'production-eu', 'log.level')).toEqual([]);
    },
  );

  test('a file source: the file, the line and the value to write', async () => {
    const run = await drift(['revert', '-c', 'drift.yaml', 'production-eu', 'database.pool.size'], { cwd: copyOfExamples() });
    expect(run.stdout).toContain('# edit config/production-eu.json line 5: set database.pool_size to 20');
    expect(commandsOf(run.stdout)).toEqual([]);
  });

  test('dotenv round trip: the line the plan names, rewritten as it says, clears the mismatch', async () => {
    const dir = scratch({
      'drift.yaml': `version: 1
name: shop
environments:
  prod:
    sources:
      - dotenv: { from: env/prod.env }
baseline:
  keys:
    log.level: { value: INFO }
    banner: { value: "it's \\"50%\\" off" }
`,
      'env/prod.env': 'PORT=8080\nLOG_LEVEL=DEBUG\nBANNER=none\n',
    });
    expect(await findingsOn(dir, 'prod', 'log.level')).toEqual(['mismatch']);
    const run = await drift(['revert', 'prod', 'LOG_LEVEL', 'banner'], { cwd: dir });
    const edits = run.stdout.split('\n').filter((l) => l.startsWith('# edit '));
    expect(edits).toEqual(['# edit env/prod.env line 2: LOG_LEVEL=INFO', `# edit env/prod.env line 3: BANNER="it's \\"50%\\" off"`]);
    const file = path.join(dir, 'env/prod.env');
    const lines = readFileSync(file, 'utf8').split('\n');
    for (const edit of edits) {
      const m = /^# edit (\S+) line (\d+): (.*)$/.exec(edit)!;
      expect(path.join(dir, m[1] as string)).toBe(file);
      lines[Number(m[2]) - 1] = m[3] as string;
    }
    writeFileSync(file, lines.join('\n'));
    expect(await findingsOn(dir, 'prod', 'log.level')).toEqual([]);
    expect(await findingsOn(dir, 'prod', 'banner')).toEqual([]);
  });

  test('it runs nothing and writes nothing, with or without a store', async () => {
    const dir = copyOfExamples();
    const before = tree(dir);
    const run = await drift(['revert', '-c', 'drift.yaml', 'production-us', 'api.timeout', 'db.timeout'], { cwd: dir });
    expect(run.code).toBe(0);
    expect(tree(dir)).toEqual(before);
  });

  test('what there is nothing to revert is said, per key', async () => {
    const run = await drift(['revert', '-c', 'drift.yaml', 'production-us', 'node.env', 'port', 'db.password', 'enable.new.checkout'], {
      cwd: copyOfExamples(),
    });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(
      '# node.env: nothing to revert\n#   it is per-environment and the baseline gives no value for production-us',
    );
    expect(run.stdout).toContain("# port: nothing to revert\n#   production-us already runs the baseline's value");
    expect(run.stdout).toContain('# db.password: nothing to revert');
    expect(run.stdout).toContain(
      '# enable.new.checkout: not revertible by drift\n#   it was retired on 2026-05-01: remove it from Deployment',
    );
    expect(commandsOf(run.stdout)).toEqual([]);
  });

  test('--format json: the plan as data', async () => {
    const run = await drift(['revert', '-c', 'drift.yaml', '--format', 'json', 'production-us', 'api.timeout', 'port'], {
      cwd: copyOfExamples(),
    });
    const doc = JSON.parse(run.stdout);
    expect(doc.environment).toBe('production-us');
    expect(doc.reverts.map((r: { key: string; outcome: string }) => [r.key, r.outcome])).toEqual([
      ['api.timeout', 'plan'],
      ['port', 'nothing'],
    ]);
  });

  test.each([
    ['an unknown environment', ['prod-us', 'api.timeout'], /unknown environment "prod-us"/],
    ['an unknown key', ['production-us', 'api.timeoutt'], /production-us has no key api\.timeoutt.*api\.timeout/],
  ])('%s is a usage error (exit 2)', async (_name, args, message) => {
    const run = await drift(['revert', '-c', 'drift.yaml', ...args], { cwd: copyOfExamples() });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stdout).toBe('');
  });
});

describe('secrets never appear in a revert plan', () => {
  test('the values of SecureStrings and Kubernetes Secrets, and a canary in a SecureString being reverted, are never printed', async () => {
    const dir = copyOfExamples();
    const file = path.join(dir, 'exports/production-us-ssm.json');
    const exported = JSON.parse(readFileSync(file, 'utf8')) as { Parameters: Array<{ Name: string; Type: string; Value: string }> };
    const timeout = exported.Parameters.find((p) => p.Name === '/production-us/checkout/api/timeout')!;
    Object.assign(timeout, { Type: 'SecureString', Value: '120s-CANARY-7f3a9c' });
    writeFileSync(file, JSON.stringify(exported));
    const secrets = [
      '120s-CANARY-7f3a9c',
      ...exported.Parameters.filter((p) => p.Type === 'SecureString').map((p) => p.Value),
      ...secretValues(path.join(dir, 'manifests/production-us/secret.yaml')),
    ];
    expect(secrets.length).toBeGreaterThan(2);

    const keys = ['api.timeout', 'db.password', 'smtp.password', 'stripe.webhook.secret', 'payment.api.key'];
    for (const format of ['text', 'json']) {
      const run = await drift(['revert', '-c', 'drift.yaml', '--format', format, 'production-us', ...keys], { cwd: dir });
      expect(run.code).toBe(0);
      for (const s of secrets) {
        expect(run.stdout).not.toContain(s);
        expect(run.stderr).not.toContain(s);
      }
    }
    const text = (await drift(['revert', '-c', 'drift.yaml', 'production-us', 'api.timeout'], { cwd: dir })).stdout;
    expect(commandsOf(text)).toEqual([
      "(umask 077; printf '%s' 30s > revert-production-us-api.timeout.value)",
      `aws ssm put-parameter --name /production-us/checkout/api/timeout --value file://revert-production-us-api.timeout.value --type SecureString --overwrite --region us-east-1 --key-id "$(aws ssm describe-parameters --parameter-filters Key=Name,Values=/production-us/checkout/api/timeout --query 'Parameters[0].KeyId' --output text --region us-east-1)"`,
      'rm -f revert-production-us-api.timeout.value',
    ]);
  });
});

/** What the round trip reads and changes in a manifest. */
interface Manifest {
  kind?: string;
  metadata: { name: string; namespace?: string };
  data?: Record<string, string>;
  spec?: { template: { spec: { containers: Array<{ name: string; env: Array<{ name: string; value?: string }> }> } } };
}

/** Applies `edit` to every document of a manifest file and writes it back. */
function editManifest(file: string, edit: (doc: Manifest) => void): void {
  const docs = parseAllDocuments(readFileSync(file, 'utf8')).map((d) => d.toJS() as Manifest | null);
  for (const doc of docs) if (doc) edit(doc);
  writeFileSync(file, docs.map((d) => stringify(d)).join('---\n'));
}

/** The decoded values of the Secrets in a manifest file. */
function secretValues(file: string): string[] {
  return parseAllDocuments(readFileSync(file, 'utf8'))
    .map((d) => d.toJS())
    .filter((d) => d?.kind === 'Secret')
    .flatMap((d) => [
      ...Object.values(d.data ?? {}).map((v) => Buffer.from(String(v), 'base64').toString('utf8')),
      ...Object.values(d.stringData ?? {}).map(String),
    ]);
}
