import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { scratch } from '../helpers/cli';
import { auditAndDiffOutputs, canaryCli, filesUnder } from '../helpers/written';

// Passwords written as command-line words in a value: mysql's glued `-p`, a secret-named long option
// and its next word, redis-cli's `-a`, sshpass's `-p`. Short and plain, as real passwords are, so no
// entropy rule finds them; the name before each says what it is.
const CANARIES = ['CANARYmy', 'CANARYopts', 'CANARYlong', 'CANARYtok', 'CANARYredis', 'CANARYssh', 'CANARYunclosed', 'CANARYescaped'];

const env = (stage: string): string => `BACKUP_CMD=mysqldump -h db -u app -pCANARYmy${stage} orders
MYSQL_OPTS=-h db -u app -pCANARYopts${stage}
WORKER_ARGS=worker --db-password CANARYlong${stage} --port 8080
AGENT_ARGS=agent --token CANARYtok${stage} --region eu-west-1
CLIENT_ARGS=client --password "CANARYunclosed${stage}
JOB_JSON={"args": "job --password \\"CANARYescaped${stage}\\" --fast"}
`;

const manifest = (stage: string): string => `
apiVersion: apps/v1
kind: Deployment
metadata: { name: shop, namespace: shop }
spec:
  template:
    spec:
      containers:
        - name: api
          env:
            - name: CACHE_PROBE
              value: "redis-cli -h cache -a CANARYredis${stage} ping"
            - name: SYNC_CMD
              value: "sshpass -p CANARYssh${stage} rsync -e 'ssh -p 2222' /data sync@backup:/data"
`;

const ESTATE = `version: 1
name: shop
environments:
  staging:
    sources:
      - dotenv: { from: env/staging.env }
      - k8s: { from: manifests/staging.yaml, workload: shop, container: api }
  production:
    sources:
      - dotenv: { from: env/production.env }
      - k8s: { from: manifests/production.yaml, workload: shop, container: api }
parity:
  - name: stage-vs-prod
    environments: [staging, production]
baseline:
  undeclared: info
`;

describe('a password written as a command-line word inside a value', () => {
  it('is masked in place in every format, diff, explain, the recording and the store', async () => {
    const dir = scratch({
      'drift.yaml': ESTATE,
      'env/staging.env': env('STG'),
      'env/production.env': env('PRD'),
      'manifests/staging.yaml': manifest('STG'),
      'manifests/production.yaml': manifest('PRD'),
    });
    const { leaks, found, run, checkStore } = canaryCli(dir, CANARIES);

    const json = await auditAndDiffOutputs(run, 'staging', 'production');
    expect(json.stderr).toBe('');
    for (const key of ['BACKUP_CMD', 'MYSQL_OPTS', 'WORKER_ARGS', 'AGENT_ARGS', 'CACHE_PROBE', 'SYNC_CMD'])
      await run(['explain', 'production', key]);
    const rec = await run(['snapshot', '--record', 'recording']);
    expect(rec.code).toBe(0);
    expect(rec.stderr).toBe(''); // reads back as the same values
    for (const f of filesUnder(path.join(dir, 'recording'))) found.push(...leaks(path.relative(dir, f), readFileSync(f, 'utf8')));
    await checkStore();
    expect(found).toEqual([]);

    // Only the password is hidden: the rest stays readable, and different passwords are a parity difference.
    const findings = (JSON.parse(json.stdout) as { findings: Array<{ kind: string; key?: string; values?: Record<string, string> }> })
      .findings;
    const sync = findings.find((f) => f.kind === 'parity' && f.key === 'sync.cmd')?.values?.staging;
    expect(sync).toMatch(/^sshpass -p <secret:[0-9a-f]{8}> rsync -e 'ssh -p 2222' \/data sync@backup:\/data$/);
  });
});
