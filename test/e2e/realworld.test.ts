import * as path from 'node:path';
import { drift, REPO, scratch } from '../helpers/cli';

// Manifests and task definitions written by others, read as they are, through the whole CLI.
const REALWORLD = path.join(REPO, 'test/fixtures/realworld');

const estate = `version: 1
name: boutique
environments:
  gke:
    sources:
      - k8s: { from: ${REALWORLD}/microservices-demo/kubernetes-manifests.yaml, workload: frontend }
  fargate:
    sources:
      - ecs: { from: ${REALWORLD}/aws-containers-task-definitions/gunicorn_fargate.json }
  consul:
    sources:
      - ecs: { from: ${REALWORLD}/aws-containers-task-definitions/ConsulClient.json, container: consulClient }
baseline:
  undeclared: info
  keys:
    runtime.cpu: {}
    runtime.memory: {}
    runtime.replicas: {}
`;

describe('real-world inputs through the CLI', () => {
  test('a public Kubernetes manifest and ECS task definitions audit without a source error', async () => {
    const dir = scratch({ 'drift.yaml': estate });
    // The fixtures are outside the scratch folder: a trusted estate file may name them.
    const r = await drift(['audit', '--format', 'json', '--fail-on', 'critical', '--trust-estate-paths'], { cwd: dir });
    const doc = JSON.parse(r.stdout) as { findings: Array<{ kind: string; environment?: string; key?: string; actual?: string }> };
    expect(doc.findings.filter((f) => f.kind === 'source-error')).toEqual([]);
    const frontend = doc.findings.filter((f) => f.environment === 'gke' && f.kind === 'undeclared').map((f) => f.key);
    expect(frontend).toEqual(expect.arrayContaining(['port', 'product.catalog.service.addr', 'enable.profiler']));
    expect(doc.findings.some((f) => f.environment === 'fargate')).toBe(false);
    expect(r.code).toBe(0);

    const explain = await drift(['explain', 'gke', 'runtime.cpu', '--format', 'json', '--trust-estate-paths'], { cwd: dir });
    expect(JSON.parse(explain.stdout).effective.value).toBe('100m');
  });
});
