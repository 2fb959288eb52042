import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { DescribeParametersCommand, GetParametersCommand, SSMClient } from '@aws-sdk/client-ssm';
import { mockClient } from 'aws-sdk-client-mock';
import { scratch } from '../helpers/cli';
import { canaryCli, filesUnder } from '../helpers/written';
import { REPORT_FORMATS } from '../../lambdas/adapters/reports/report-format-names';

// A command that looks at some environments only (`audit --env`, `diff A B`, `explain ENV KEY`,
// `revert`, `snapshot --record --env`) must fingerprint a key that an environment it does not look
// at holds as a secret, as the audit of every environment does: the recorded sources of the others
// are read for that, and their live ones answered by the store's last snapshot.
const ssm = mockClient(SSMClient);
afterAll(() => ssm.restore());

const RECORDED_CANARIES = ['CANARYpin', 'CANARYpartner', 'CANARYlegacy', 'CANARYk8s'];

const recordedEstate = {
  'drift.yaml': `version: 1
name: shop
environments:
  staging:
    sources:
      - dotenv: { from: env/staging.env }
  qa:
    sources:
      - dotenv: { from: env/qa.env }
  production:
    sources:
      - ssm: { path: /production/shop/, from: exports/production-ssm.json, decrypt: false }
      - ecs: { from: [exports/production-taskdef.json], container: api }
      - k8s: { from: manifests/production.yaml, workload: shop, container: api }
baseline:
  undeclared: info
  keys:
    port: { type: int, value: 8080 }
`,
  'env/staging.env': 'MERCHANT_PIN=CANARYpin1\nPARTNER_CODE=CANARYpartner2\nLEGACY_PIN=CANARYlegacy3\nBADGE_PIN=CANARYk8s4\nPORT=8080\n',
  'env/qa.env': 'MERCHANT_PIN=CANARYpin9\nPARTNER_CODE=CANARYpartner9\nLEGACY_PIN=CANARYlegacy9\nBADGE_PIN=CANARYk8s9\nPORT=8080\n',
  'exports/production-ssm.json': JSON.stringify({
    Parameters: [
      { Name: '/production/shop/merchant/pin', Type: 'SecureString', Value: 'AQICAHhkmsciphertext==', Version: 1 },
      { Name: '/production/shop/partner/code', Type: 'SecureString', Version: 1 },
    ],
  }),
  'exports/production-taskdef.json': JSON.stringify({
    taskDefinition: {
      taskDefinitionArn: 'arn:aws:ecs:eu-west-1:222222222222:task-definition/shop:7',
      family: 'shop',
      revision: 7,
      containerDefinitions: [
        {
          name: 'api',
          environment: [{ name: 'PORT', value: '8080' }],
          secrets: [{ name: 'LEGACY_PIN', valueFrom: 'arn:aws:secretsmanager:eu-west-1:222222222222:secret:legacy-pin-AbCdEf' }],
        },
      ],
    },
  }),
  'manifests/production.yaml': `
apiVersion: apps/v1
kind: Deployment
metadata: { name: shop, namespace: shop }
spec:
  template:
    spec:
      containers:
        - name: api
          env:
            - name: BADGE_PIN
              valueFrom: { secretKeyRef: { name: badge, key: pin } }
`,
};

type Findings = { findings: Array<{ kind: string; key?: string; environment?: string; actual?: string }> };
const actualOf = (json: string, env: string, key: string) =>
  (JSON.parse(json) as Findings).findings.find((f) => f.kind === 'undeclared' && f.environment === env && f.key === key)?.actual;

/** What the commands wrote beside the estate: reports, --output files, recordings. */
const writtenFiles = (dir: string): string[] =>
  filesUnder(dir).filter(
    (f) => !['.drift', 'env', 'exports', 'manifests', 'drift.yaml'].includes(path.relative(dir, f).split(path.sep)[0] as string),
  );

describe('a key another environment holds as a secret, when only some environments are looked at', () => {
  it('is fingerprinted when that environment is recorded: audit --env, diff, explain, revert, snapshot --record --env', async () => {
    const dir = scratch(recordedEstate);
    const { leaks, found, run, checkStore } = canaryCli(dir, RECORDED_CANARIES);
    for (const format of REPORT_FORMATS.filter((f) => f !== 'json'))
      await run([
        'audit',
        '--env',
        'staging',
        '--format',
        format,
        '--report',
        `report-${format}.html`,
        '--output',
        `json=out-${format}.json`,
      ]);
    const json = await run(['audit', '--env', 'staging', '--format', 'json']);
    for (const format of ['text', 'json']) await run(['diff', 'staging', 'qa', '--format', format]);
    for (const key of ['MERCHANT_PIN', 'PARTNER_CODE', 'LEGACY_PIN', 'BADGE_PIN']) {
      for (const format of ['text', 'json']) await run(['explain', 'staging', key, '--format', format]);
      await run(['history', 'staging', key]);
      await run(['revert', 'staging', key]);
    }
    const recorded = await run(['snapshot', '--record', 'recording', '--env', 'staging']);
    expect(recorded.stderr).toBe('');

    await run(['adopt', 'staging', 'MERCHANT_PIN', 'PORT']);

    for (const f of [...writtenFiles(dir), path.join(dir, 'drift.yaml')])
      found.push(...leaks(path.relative(dir, f), readFileSync(f, 'utf8')));
    await checkStore();
    expect(found).toEqual([]);
    // Fingerprinted, not dropped.
    for (const key of ['merchant.pin', 'partner.code', 'legacy.pin', 'badge.pin'])
      expect(actualOf(json.stdout, 'staging', key)).toMatch(/^<secret:/);
  });

  it('is fingerprinted when that environment is live, from the store, without calling it', async () => {
    const dir = scratch({
      'drift.yaml': `version: 1
name: shop
environments:
  staging:
    sources:
      - dotenv: { from: env/staging.env }
  production:
    region: eu-west-1
    sources:
      - ssm: { path: /production/shop/ }
baseline:
  undeclared: info
`,
      'env/staging.env': 'MERCHANT_PIN=CANARYlive1\n',
    });
    ssm.reset();
    ssm
      .on(DescribeParametersCommand)
      .resolves({ Parameters: [{ Name: '/production/shop/merchant/pin', Type: 'SecureString', Version: 1 }] });
    ssm.on(GetParametersCommand).resolves({
      Parameters: [{ Name: '/production/shop/merchant/pin', Type: 'SecureString', Value: 'prod-pin-value', Version: 1 }],
    });
    const { leaks, found, run, checkStore } = canaryCli(dir, ['CANARYlive', 'prod-pin-value']);
    expect((await run(['audit', '--format', 'json'])).code).toBe(0);

    // Production's account is out of reach now: only the store says what it holds.
    ssm.reset();
    ssm.onAnyCommand().rejects(Object.assign(new Error('no credentials'), { name: 'CredentialsProviderError' }));
    const json = await run(['audit', '--env', 'staging', '--format', 'json', '--report', 'report.html']);
    await run(['explain', 'staging', 'MERCHANT_PIN']);
    expect((await run(['snapshot', '--record', 'recording', '--env', 'staging'])).code).toBe(0);
    expect(ssm.calls()).toHaveLength(0);

    for (const f of writtenFiles(dir)) found.push(...leaks(path.relative(dir, f), readFileSync(f, 'utf8')));
    await checkStore();
    expect(found).toEqual([]);
    expect(actualOf(json.stdout, 'staging', 'merchant.pin')).toMatch(/^<secret:/);
  });
});
