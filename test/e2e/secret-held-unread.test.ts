import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { scratch } from '../helpers/cli';
import { auditAndDiffOutputs, canaryCli, filesUnder } from '../helpers/written';

// Production holds each key as a secret drift cannot read: a SecureString recorded without
// decryption, an ECS `secrets` entry naming nothing the environment snapshots, a Kubernetes
// secretKeyRef to a Secret that is not in the manifests. Staging writes the same keys in plain
// text: shown beside production's, that text gives production's secret kind of value away (and
// often is the same secret), so it must be fingerprinted too. A Secret drift can read (VAULT_PIN)
// makes its key secret in the recording of the other environment too.
const CANARIES = ['CANARYpin', 'CANARYpartner', 'CANARYlegacy', 'CANARYk8s', 'CANARYvault'];

const ESTATE = `version: 1
name: shop
environments:
  staging:
    sources:
      - dotenv: { from: env/staging.env }
  production:
    sources:
      - ssm: { path: /production/shop/, from: exports/production-ssm.json, decrypt: false }
      - ecs: { from: [exports/production-taskdef.json], container: api }
      - k8s: { from: manifests/production.yaml, workload: shop, container: api }
parity:
  - name: stage-vs-prod
    environments: [staging, production]
baseline:
  undeclared: info
  keys:
    port: { type: int }
`;

const files = {
  'drift.yaml': ESTATE,
  'env/staging.env':
    'MERCHANT_PIN=CANARYpin1\nPARTNER_CODE=CANARYpartner2\nLEGACY_PIN=CANARYlegacy3\nBADGE_PIN=CANARYk8s4\nVAULT_PIN=CANARYvault5\nPORT=8080\n',
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
            - name: VAULT_PIN
              valueFrom: { secretKeyRef: { name: vault, key: pin } }
---
apiVersion: v1
kind: Secret
metadata: { name: vault, namespace: shop }
stringData: { pin: "0000" }
`,
};

describe('a key another environment holds as a secret it cannot read', () => {
  it('is fingerprinted in every environment: in reports, diff, explain, the recording and the store', async () => {
    const dir = scratch(files);
    const { leaks, found, run, checkStore } = canaryCli(dir, CANARIES);

    const json = await auditAndDiffOutputs(run, 'staging', 'production');
    expect(json.stderr).toBe('');
    for (const key of ['MERCHANT_PIN', 'PARTNER_CODE', 'LEGACY_PIN', 'BADGE_PIN', 'VAULT_PIN']) await run(['explain', 'staging', key]);
    expect((await run(['snapshot', '--record', 'recording'])).code).toBe(0);

    for (const f of filesUnder(path.join(dir, 'recording'))) found.push(...leaks(path.relative(dir, f), readFileSync(f, 'utf8')));
    await checkStore();
    expect(found).toEqual([]);
    // Fingerprinted, not dropped: staging still sets them.
    const findings = (JSON.parse(json.stdout) as { findings: Array<{ kind: string; key?: string; environment?: string; actual?: string }> })
      .findings;
    const staged = (key: string) => findings.find((f) => f.kind === 'undeclared' && f.environment === 'staging' && f.key === key)?.actual;
    for (const key of ['merchant.pin', 'partner.code', 'legacy.pin', 'badge.pin', 'vault.pin'])
      expect(staged(key)).toMatch(/^<secret:[0-9a-f]{8}>$/);
  });
});
