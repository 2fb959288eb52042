import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { drift } from '../helpers/cli';

// The story's debugging session: LOG_LEVEL and LOG_INCLUDE_SENSITIVE both changed in one ConfigMap.
// Reverting both patches the ConfigMap twice; the workload is restarted once, after both patches.
const dir = mkdtempSync(path.join(os.tmpdir(), 'drift-revert-restart-'));

beforeAll(() => {
  mkdirSync(path.join(dir, 'manifests'));
  writeFileSync(
    path.join(dir, 'manifests/configmap.json'),
    JSON.stringify({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'api-config', namespace: 'payments' },
      data: { LOG_LEVEL: 'DEBUG', LOG_INCLUDE_SENSITIVE: 'true', CACHE_TTL: '60' },
    }),
  );
  writeFileSync(
    path.join(dir, 'manifests/deployment.json'),
    JSON.stringify({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'payments-api', namespace: 'payments' },
      spec: {
        selector: { matchLabels: { app: 'payments' } },
        template: { spec: { containers: [{ name: 'api', image: 'payments:1', envFrom: [{ configMapRef: { name: 'api-config' } }] }] } },
      },
    }),
  );
  writeFileSync(
    path.join(dir, 'drift.yaml'),
    [
      'version: 1',
      'name: payments',
      'environments:',
      '  prod:',
      '    sources:',
      '      - k8s: { from: manifests/, workload: payments-api, container: api }',
      'baseline:',
      '  keys:',
      '    log.level: { value: INFO }',
      '    log.include.sensitive: { type: bool, value: false }',
      '    cache.ttl: { type: duration, value: 60s }',
      '',
    ].join('\n'),
  );
});

describe('drift revert of several keys read by one workload', () => {
  it('restarts the workload once, after the last patch', async () => {
    const r = await drift(['revert', 'prod', 'log.level', 'log.include.sensitive'], { cwd: dir });
    expect(r.code).toBe(0);
    const commands = r.stdout.split('\n').filter((l) => l.startsWith('kubectl'));
    expect(commands).toEqual([
      `kubectl patch configmap/api-config -n payments --type merge -p '{"data":{"LOG_LEVEL":"INFO"}}'`,
      `kubectl patch configmap/api-config -n payments --type merge -p '{"data":{"LOG_INCLUDE_SENSITIVE":"false"}}'`,
      'kubectl rollout restart deployment/payments-api -n payments',
    ]);
  });

  it('still restarts it for one key alone', async () => {
    const r = await drift(['revert', 'prod', 'log.level'], { cwd: dir });
    expect(r.stdout.split('\n').filter((l) => l.startsWith('kubectl rollout restart'))).toEqual([
      'kubectl rollout restart deployment/payments-api -n payments',
    ]);
  });
});
