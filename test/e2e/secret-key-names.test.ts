import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { drift, scratch, TEST_KEY } from '../helpers/cli';
import { makeFingerprinter } from '../../lambdas/core/fingerprint';
import { secretMarker } from '../../lambdas/core/values/secret-marker';
import { auditAndDiffOutputs, filesUnder, leakCheckedCli, leakScanner, storeText } from '../helpers/written';

// Credentials written as key NAMES, not values: a map of tokens to the clients that hold them (a
// common allow-list shape), an access key id pasted as a dotenv name, a token as the last part of an
// SSM parameter's name. Canonical keys are lowercase, so each canary is looked for in both cases.
const CANARIES = ['CANARYKEYNAME', 'CANARYDOTENVQ4WX', 'CANARYSSMNAME'];
const FILE_TOKEN = 'ghp_CANARYKEYNAME0123456789ABCDEFGHIJKLM';
const SSM_TOKEN = 'ghp_CANARYSSMNAME0123456789ABCDEFGHIJKLM';

const ESTATE = `version: 1
name: shop
environments:
  staging:
    sources:
      - file: { from: config/staging.json }
  production:
    sources:
      - file: { from: config/production.json }
      - dotenv: { from: env/production.env }
      - ssm: { path: /production/shop/, from: exports/ssm.json }
parity:
  - { name: stage-vs-prod, environments: [staging, production] }
baseline:
  undeclared: info
`;

const files = {
  'drift.yaml': ESTATE,
  'config/staging.json': JSON.stringify({ clients: { [FILE_TOKEN]: 'ci-bot' }, timeout: '30s' }),
  'config/production.json': JSON.stringify({ clients: { [FILE_TOKEN]: 'deploy-bot' }, timeout: '30s' }),
  'env/production.env': 'AKIACANARYDOTENVQ4WX=1\nLOG_LEVEL=INFO\n',
  'exports/ssm.json': JSON.stringify({
    Parameters: [{ Name: `/production/shop/tokens/${SSM_TOKEN}`, Type: 'String', Value: 'release-bot', Version: 1 }],
  }),
};

const leaks = leakScanner([...CANARIES, ...CANARIES.map((c) => c.toLowerCase())]);

describe('a credential written as a key name', () => {
  it('is never shown, written or stored: the name is fingerprinted in place, and the key still compared', async () => {
    const dir = scratch(files);
    const found: string[] = [];
    const run = leakCheckedCli(dir, leaks, found);
    const json = await auditAndDiffOutputs(run, 'staging', 'production');
    await run(['audit', '--format', 'html', '--no-store']);
    await run(['explain', 'production', 'log.level']);
    expect((await run(['snapshot', '--record', 'recording'])).code).toBe(0);
    for (const f of filesUnder(path.join(dir, 'recording'))) found.push(...leaks(path.relative(dir, f), readFileSync(f, 'utf8')));
    found.push(...leaks('store', await storeText(dir)));
    expect(found).toEqual([]);

    // The same name in both environments is one key, whose values differ: one parity finding about it.
    const doc = JSON.parse(json.stdout) as { findings: Array<{ kind: string; key?: string; environment?: string }> };
    const parity = doc.findings.filter((f) => f.kind === 'parity' && f.key?.startsWith('clients.'));
    expect(parity.map((f) => f.key)).toEqual([expect.stringMatching(/^clients\.secret\.[0-9a-f]{8}$/)]);
    const ssm = doc.findings.find((f) => f.kind === 'undeclared' && f.key?.startsWith('tokens.'));
    expect(ssm?.key).toMatch(/^tokens\.secret\.[0-9a-f]{8}$/);

    // The recording reads back as what was read: the same keys, the same fingerprints.
    const replay = await run(['audit', '-c', 'recording/drift.yaml', '--format', 'json', '--no-store']);
    expect(replay.stderr).toBe('');
    const subjects = (text: string) =>
      (JSON.parse(text) as { findings: Array<{ kind: string; key?: string; actual?: string; values?: unknown }> }).findings
        .filter((f) => f.kind !== 'source-error')
        .map((f) => JSON.stringify([f.kind, f.key, f.actual, f.values]))
        .sort();
    expect(subjects(replay.stdout)).toEqual(subjects(json.stdout));
  });

  it('an ECS secret naming the parameter still resolves to it, and the reference shows the name hidden', async () => {
    const arn = `arn:aws:ssm:us-east-1:111111111111:parameter/prod/api/tokens/${SSM_TOKEN}`;
    const dir = scratch({
      'drift.yaml': `version: 1
name: shop
environments:
  prod:
    region: us-east-1
    account: "111111111111"
    sources:
      - ssm: { path: /prod/api/, from: ssm.json }
      - ecs: { from: taskdef.json, container: api }
baseline:
  undeclared: ignore
`,
      'ssm.json': JSON.stringify({ Parameters: [{ Name: `/prod/api/tokens/${SSM_TOKEN}`, Type: 'String', Value: 'ci-bot', Version: 1 }] }),
      'taskdef.json': JSON.stringify({
        taskDefinition: {
          family: 'api',
          revision: 3,
          containerDefinitions: [
            {
              name: 'api',
              image: 'x',
              secrets: [
                { name: 'CI_BOT', valueFrom: arn },
                { name: 'RELEASE_BOT', valueFrom: `/prod/api/tokens/${SSM_TOKEN}` },
              ],
            },
          ],
        },
      }),
    });
    const found: string[] = [];
    const run = leakCheckedCli(dir, leaks, found);
    const audit = await run(['audit', '--format', 'json', '--no-store', '--fail-on', 'info']);
    // Each reference resolves to the parameter the environment snapshots: no dangling-ref, nothing to report.
    expect((JSON.parse(audit.stdout) as { findings: Array<{ kind: string }> }).findings.map((f) => f.kind)).toEqual([]);
    expect(audit.code).toBe(0);
    await run(['explain', 'prod', 'CI_BOT', '--no-store']);
    expect(found).toEqual([]);
  });

  it("a URL's password written as a key name or as an ECS secret's valueFrom is hidden, as it is in a value", async () => {
    // A map of connections keyed by their DSN, and a connection string pasted into valueFrom where its
    // parameter's name belongs: the password is no token the rules know, and hides only as a URL's.
    const dsn = (host: string) => `postgres://app:CanaryUrlPw9@${host}:5432/shop`;
    const dir = scratch({
      'drift.yaml': `version: 1
name: shop
environments:
  staging:
    sources:
      - file: { from: staging.json }
  production:
    sources:
      - file: { from: production.json }
      - ecs: { from: taskdef.json, container: api }
parity:
  - { name: both, environments: [staging, production] }
baseline:
  undeclared: info
`,
      'staging.json': JSON.stringify({ pools: { [dsn('db')]: 5 } }),
      'production.json': JSON.stringify({ pools: { [dsn('db')]: 20 } }),
      'taskdef.json': JSON.stringify({
        taskDefinition: {
          family: 'api',
          revision: 3,
          containerDefinitions: [{ name: 'api', image: 'x', secrets: [{ name: 'DATABASE_URL', valueFrom: dsn('prod-db') }] }],
        },
      }),
    });
    const urlLeaks = leakScanner(['CanaryUrlPw9', 'canaryurlpw9']);
    const found: string[] = [];
    const run = leakCheckedCli(dir, urlLeaks, found);
    const json = await auditAndDiffOutputs(run, 'staging', 'production');
    await run(['explain', 'production', 'DATABASE_URL']);
    found.push(...urlLeaks('store', await storeText(dir)));
    expect(found).toEqual([]);
    // The rest of the name is kept, so the key is still one key in both environments.
    const doc = JSON.parse(json.stdout) as { findings: Array<{ kind: string; key?: string }> };
    expect(doc.findings.filter((f) => f.kind === 'parity' && f.key?.startsWith('pools.')).map((f) => f.key)).toEqual([
      expect.stringMatching(/^pools\.postgres\.app\.secret\.[0-9a-f]{8}@db\.5432\.shop$/),
    ]);
  });

  it('a source error naming a credential-spelt SSM parameter shows it hidden in every output format, the store and the report file', async () => {
    const name = `/prod/api/tokens/${SSM_TOKEN}`;
    const dir = scratch({
      'drift.yaml':
        'version: 1\nname: shop\nenvironments:\n  prod:\n    sources:\n      - ssm: { path: /prod/api/, from: ssm.json }\nbaseline:\n  undeclared: info\n',
      // A parameter whose date is not one: the source fails, and its error names the parameter.
      'ssm.json': JSON.stringify({
        Parameters: [
          { Name: name, Type: 'String', Value: 'ci-bot', Version: 1, LastModifiedDate: 'yesterday' },
          { Name: '/prod/api/log_level', Type: 'String', Value: 'INFO', Version: 2 },
        ],
      }),
    });
    const found: string[] = [];
    const run = leakCheckedCli(dir, leaks, found);
    const json = await run(['audit', '--format', 'json', '--output', 'markdown=report.md', '--report', 'report.html']);
    expect(json.code).toBe(3);
    const errors = (JSON.parse(json.stdout) as { findings: Array<{ kind: string; message: string }> }).findings.filter(
      (f) => f.kind === 'source-error',
    );
    // The error still says which parameter failed, by the name its key is shown with.
    expect(errors.map((f) => f.message)).toEqual([
      expect.stringMatching(/\/prod\/api\/tokens\/secret_[0-9a-f]{8}: LastModifiedDate is not a date/),
    ]);
    for (const format of ['text', 'markdown', 'sarif', 'html']) {
      const r = await run(['audit', '--format', format, '--no-store']);
      expect([format, r.code]).toEqual([format, 3]);
      expect(r.stdout).toMatch(/secret\\?_[0-9a-f]{8}/);
    }
    for (const file of ['report.md', 'report.html']) found.push(...leaks(file, readFileSync(path.join(dir, file), 'utf8')));
    found.push(...leaks('store', await storeText(dir)));
    expect(found).toEqual([]);
  });

  it('a subPath mount of a ConfigMap key whose name is a credential names it hidden in the stale-runtime finding, every format and the store', async () => {
    const dir = scratch({
      'drift.yaml':
        'version: 1\nname: shop\nenvironments:\n  prod:\n    sources:\n      - k8s: { from: m/, workload: api }\nbaseline:\n  undeclared: ignore\n',
      'm/all.yaml': `apiVersion: v1
kind: ConfigMap
metadata: { name: clients, namespace: shop, annotations: { drift.dev/modified-at: "2026-11-20T00:00:00Z" } }
data:
  ${FILE_TOKEN}: ci-bot
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: api, namespace: shop }
spec:
  selector: { matchLabels: { app: api } }
  template:
    metadata: { labels: { app: api } }
    spec:
      volumes: [{ name: c, configMap: { name: clients } }]
      containers:
        - { name: api, image: x, volumeMounts: [{ name: c, mountPath: /etc/clients/${FILE_TOKEN}, subPath: ${FILE_TOKEN} }] }
---
apiVersion: v1
kind: Pod
metadata: { name: api-1, namespace: shop, labels: { app: api } }
spec: { containers: [{ name: api, image: x }] }
status: { phase: Running, startTime: "2026-11-01T00:00:00Z" }
`,
    });
    const found: string[] = [];
    const run = leakCheckedCli(dir, leaks, found);
    const json = await run(['audit', '--format', 'json']);
    const stale = (JSON.parse(json.stdout) as { findings: Array<{ kind: string; message: string }> }).findings.filter(
      (f) => f.kind === 'stale-runtime',
    );
    // Still found and said, with the key spelt as a hidden name.
    expect(stale.map((f) => f.message)).toEqual([
      expect.stringMatching(/copied key secret_[0-9a-f]{8} through a subPath mount at \/etc\/clients\/secret_[0-9a-f]{8}/),
    ]);
    for (const format of ['text', 'markdown', 'sarif', 'html']) await run(['audit', '--format', format, '--no-store']);
    found.push(...leaks('store', await storeText(dir)));
    expect(found).toEqual([]);
  });

  it('snapshot --record writes a k8s or ecs source with a credential-named variable, ConfigMap key or mount hidden, and reads back as it was audited', async () => {
    const dir = scratch({
      'drift.yaml':
        'version: 1\nname: shop\nenvironments:\n  k:\n    sources:\n      - k8s: { from: m/, workload: api }\n  e:\n    sources:\n      - ecs: { from: td.json }\nbaseline:\n  undeclared: info\n',
      'm/all.yaml': `apiVersion: v1
kind: ConfigMap
metadata: { name: clients, namespace: shop }
data:
  CLIENT_${FILE_TOKEN}: ci-bot
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: api, namespace: shop }
spec:
  selector: { matchLabels: { app: api } }
  template:
    metadata: { labels: { app: api } }
    spec:
      volumes: [{ name: c, configMap: { name: clients } }]
      containers:
        - name: api
          image: x
          envFrom: [{ configMapRef: { name: clients } }]
          env: [{ name: TOKENS_${FILE_TOKEN}, value: release-bot }]
          volumeMounts: [{ name: c, mountPath: /etc/clients/CLIENT_${FILE_TOKEN}, subPath: CLIENT_${FILE_TOKEN} }]
`,
      'td.json': JSON.stringify({
        taskDefinition: {
          family: 'api',
          revision: 2,
          containerDefinitions: [{ name: 'api', image: 'x', environment: [{ name: `TOKENS_${SSM_TOKEN}`, value: 'deploy-bot' }] }],
        },
      }),
    });
    const found: string[] = [];
    const run = leakCheckedCli(dir, leaks, found);
    const audited = await run(['audit', '--format', 'json', '--no-store']);
    const record = await run(['snapshot', '--record', 'recording']);
    expect(record.stderr).not.toContain('reads back differently');
    expect(record.code).toBe(0);
    for (const f of filesUnder(path.join(dir, 'recording'))) found.push(...leaks(path.relative(dir, f), readFileSync(f, 'utf8')));
    expect(found).toEqual([]);
    // The recording reads back as what was read: the same keys, the same fingerprints.
    const replay = await run(['audit', '-c', 'recording/drift.yaml', '--format', 'json', '--no-store']);
    const subjects = (text: string) =>
      (JSON.parse(text) as { findings: Array<{ kind: string; key?: string; actual?: string }> }).findings
        .map((f) => JSON.stringify([f.kind, f.key, f.actual]))
        .sort();
    expect(subjects(replay.stdout)).toEqual(subjects(audited.stdout));
    expect(subjects(audited.stdout).join()).toMatch(/tokens\.secret\.[0-9a-f]{8}/);
  });

  it('explain and revert take a credential-named key as it was written (its full SSM name), and never print the credential back', async () => {
    const dir = scratch({
      'drift.yaml':
        'version: 1\nname: shop\nenvironments:\n  prod:\n    region: us-east-1\n    sources:\n      - ssm: { path: /prod/api/, from: ssm.json }\nbaseline:\n  undeclared: info\n',
      'ssm.json': JSON.stringify({ Parameters: [{ Name: `/prod/api/tokens/${SSM_TOKEN}`, Type: 'String', Value: 'ci-bot', Version: 1 }] }),
    });
    const found: string[] = [];
    const run = leakCheckedCli(dir, leaks, found);
    for (const spelling of [`/prod/api/tokens/${SSM_TOKEN}`, `TOKENS_${SSM_TOKEN}`]) {
      const explained = await run(['explain', 'prod', spelling, '--no-store', '--format', 'json']);
      expect([spelling, explained.code, explained.stderr]).toEqual([spelling, 0, '']);
      expect((JSON.parse(explained.stdout) as { key: string }).key).toMatch(/^tokens\.secret\.[0-9a-f]{8}$/);
      const reverted = await run(['revert', 'prod', spelling, '--no-store']);
      expect([spelling, reverted.code]).toEqual([spelling, 0]);
    }
    expect(found).toEqual([]);
  });

  it('history takes a credential-named key as it was written, with the key from the environment or from .drift/, and prints it only hidden', async () => {
    for (const keyFrom of [{}, { DRIFT_FINGERPRINT_KEY: undefined }]) {
      const parameters = (value: string, version: number) =>
        JSON.stringify({ Parameters: [{ Name: `/prod/api/tokens/${SSM_TOKEN}`, Type: 'String', Value: value, Version: version }] });
      const dir = scratch({
        'drift.yaml':
          'version: 1\nname: shop\nenvironments:\n  prod:\n    region: us-east-1\n    sources:\n      - ssm: { path: /prod/api/, from: ssm.json }\nbaseline:\n  undeclared: info\n',
        'ssm.json': parameters('ci-bot', 1),
      });
      const found: string[] = [];
      const run = async (args: string[]) => {
        const r = await drift(args, { cwd: dir, env: keyFrom });
        found.push(...leaks(`${args.join(' ')} stdout`, r.stdout), ...leaks(`${args.join(' ')} stderr`, r.stderr));
        return r;
      };
      expect((await run(['audit'])).code).toBe(0);
      writeFileSync(path.join(dir, 'ssm.json'), parameters('release-bot', 2));
      expect((await run(['audit'])).code).toBe(0);
      for (const spelling of [`/prod/api/tokens/${SSM_TOKEN}`, `TOKENS_${SSM_TOKEN}`]) {
        const history = await run(['history', 'prod', spelling, '--format', 'json']);
        expect([spelling, history.code, history.stderr]).toEqual([spelling, 0, '']);
        const doc = JSON.parse(history.stdout) as { key: string; changes: Array<{ before: string | null; after: string | null }> };
        expect(doc.key).toMatch(/^tokens\.secret\.[0-9a-f]{8}$/);
        // The value of a key named so is a secret too: one change, from one fingerprint to another.
        const [change, ...more] = doc.changes;
        expect([change?.before, change?.after, more]).toEqual([expect.stringMatching(/^<secret:/), expect.stringMatching(/^<secret:/), []]);
        expect(change?.before).not.toBe(change?.after);
        const text = await run(['history', 'prod', spelling]);
        expect(text.stdout).toContain(`${doc.key} in prod`);
        expect(text.stdout).toContain(`${change?.before} → ${change?.after}`);
      }
      expect(found).toEqual([]);
    }
  });

  it('a ConfigMap key whose name is a credential, read through configMapKeyRef under an ordinary name, is named hidden where the value is read, and its value is secret', async () => {
    const dir = scratch({
      'drift.yaml':
        'version: 1\nname: shop\nenvironments:\n  k:\n    sources:\n      - k8s: { from: m/, workload: worker }\nbaseline:\n  undeclared: info\n',
      'm/all.yaml': `apiVersion: v1
kind: ConfigMap
metadata: { name: clients, namespace: shop }
data:
  CLIENT_${FILE_TOKEN}: ci-bot
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: worker, namespace: shop }
spec:
  selector: { matchLabels: { app: worker } }
  template:
    metadata: { labels: { app: worker } }
    spec:
      containers:
        - name: worker
          image: x
          env: [{ name: CLIENT, valueFrom: { configMapKeyRef: { name: clients, key: CLIENT_${FILE_TOKEN} } } }]
`,
    });
    const found: string[] = [];
    const run = leakCheckedCli(dir, leaks, found);
    const audited = await run(['audit', '--format', 'json', '--no-store']);
    const finding = (
      JSON.parse(audited.stdout) as { findings: Array<{ key?: string; actual?: string; source?: { location: string } }> }
    ).findings.find((f) => f.key === 'client');
    expect(finding?.source?.location).toMatch(
      /^Deployment shop\/worker container worker env CLIENT \(ConfigMap shop\/clients key CLIENT_secret_[0-9a-f]{8}\)$/,
    );
    expect(finding?.actual).toMatch(/^<secret:[0-9a-f]{8}>$/);
    await run(['explain', 'k', 'CLIENT', '--no-store']);
    expect(found).toEqual([]);
  });

  it('a ConfigMap key whose name is a credential, read through envFrom with a prefix the name cannot be told from, is named hidden where the value is read', async () => {
    const dir = scratch({
      'drift.yaml':
        'version: 1\nname: shop\nenvironments:\n  k:\n    sources:\n      - k8s: { from: m/, workload: worker }\nbaseline:\n  undeclared: info\n',
      'm/all.yaml': `apiVersion: v1
kind: ConfigMap
metadata: { name: clients, namespace: shop }
data:
  ${FILE_TOKEN}: ci-bot
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: worker, namespace: shop }
spec:
  selector: { matchLabels: { app: worker } }
  template:
    metadata: { labels: { app: worker } }
    spec:
      containers:
        - { name: worker, image: x, envFrom: [{ prefix: APP1_, configMapRef: { name: clients } }] }
`,
    });
    const found: string[] = [];
    const run = leakCheckedCli(dir, leaks, found);
    const audited = await run(['audit', '--format', 'json', '--no-store']);
    const [finding] = (JSON.parse(audited.stdout) as { findings: Array<{ actual?: string; source?: { location: string } }> }).findings;
    expect(finding?.source?.location).toMatch(/^ConfigMap shop\/clients secret_[0-9a-f]{8} \(envFrom prefix APP1_\)$/);
    expect(finding?.actual).toMatch(/^<secret:[0-9a-f]{8}>$/);
    expect(found).toEqual([]);
  });

  it('revert of a Secret key whose name is a credential restarts the other workloads that read that key, by envFrom or secretKeyRef, and only those', async () => {
    // api reads the Secret whole, worker and batch read the credential-named key, pager another key.
    const reads: Record<string, string> = {
      api: 'envFrom: [{ secretRef: { name: clients } }]',
      worker: `env: [{ name: CLIENT, valueFrom: { secretKeyRef: { name: clients, key: CLIENT_${FILE_TOKEN} } } }]`,
      batch: `env: [{ name: BOT, valueFrom: { secretKeyRef: { name: clients, key: CLIENT_${FILE_TOKEN} } } }]`,
      pager: 'env: [{ name: PAGE, valueFrom: { secretKeyRef: { name: clients, key: PAGE_TOKEN } } }]',
    };
    const deployment = (name: string) => `apiVersion: apps/v1
kind: Deployment
metadata: { name: ${name}, namespace: shop }
spec:
  selector: { matchLabels: { app: ${name} } }
  template:
    metadata: { labels: { app: ${name} } }
    spec:
      containers:
        - { name: ${name}, image: x, ${reads[name]} }
`;
    const secret = `apiVersion: v1\nkind: Secret\nmetadata: { name: clients, namespace: shop }\nstringData:\n  CLIENT_${FILE_TOKEN}: ci-bot\n  PAGE_TOKEN: t\n`;
    const manifests = [secret, ...Object.keys(reads).map(deployment)].join('---\n');
    const fp = makeFingerprinter(Buffer.from(TEST_KEY, 'base64'));
    // The baseline expects another value (as the fingerprint a recording writes), so there is something to revert.
    const expected = secretMarker({ keyId: fp.keyId, fingerprint: fp.fingerprint('deploy-bot') });
    for (const [workload, typed, others] of [
      ['api', `CLIENT_${FILE_TOKEN}`, ['batch', 'worker']],
      ['worker', 'CLIENT', ['api', 'batch']],
    ] as const) {
      const estate = `version: 1\nname: shop\nenvironments:\n  k:\n    sources:\n      - k8s: { from: m/, workload: ${workload} }\nbaseline:\n  undeclared: info\n`;
      const dir = scratch({ 'drift.yaml': estate, 'm/all.yaml': manifests });
      const found: string[] = [];
      const run = leakCheckedCli(dir, leaks, found);
      const audited = JSON.parse((await run(['audit', '--format', 'json', '--no-store'])).stdout) as { findings: Array<{ key?: string }> };
      const key = audited.findings.map((f) => f.key ?? '').find((k) => k.startsWith('client'));
      writeFileSync(path.join(dir, 'drift.yaml'), `${estate}  keys:\n    ${key}: { value: "${expected}" }\n`);

      const reverted = await run(['revert', 'k', typed, '--no-store', '--format', 'json']);
      expect([workload, reverted.code, reverted.stderr]).toEqual([workload, 0, '']);
      const [plan] = (
        JSON.parse(reverted.stdout) as {
          reverts: Array<{ outcome: string; steps?: Array<{ do?: string; command?: string; text?: string }> }>;
        }
      ).reverts;
      // The patch names the key as drift shows it, not as the Secret holds it: the plan says so first.
      expect([workload, plan?.steps?.[0]?.do, plan?.steps?.[0]?.text]).toEqual([
        workload,
        'note',
        expect.stringMatching(/^the key's name holds a credential drift never shows: the commands below name it as secret_[0-9a-f]{8}/),
      ]);
      const restarts = (plan?.steps ?? []).flatMap((s) => (s.command?.startsWith('kubectl rollout restart') ? [s.command] : []));
      expect([workload, plan?.outcome, restarts]).toEqual([
        workload,
        'plan',
        [workload, ...others].map((w) => `kubectl rollout restart deployment/${w} -n shop`),
      ]);
      expect(found).toEqual([]);
    }
  });
});
