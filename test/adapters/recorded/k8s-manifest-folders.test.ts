import path from 'node:path';
import { RecordedSourceCollector } from '../../../lambdas/adapters/recorded/recorded-collector';
import type { SourceSpec } from '../../../lambdas/core/estate/model';
import type { SourceSnapshot } from '../../../lambdas/core/model';
import { testContext, testLabel } from '../../helpers/context';

// Real repositories' manifest folders, as their authors keep them (see test/fixtures/realworld/README.md).
const REALWORLD = path.join(__dirname, '../../fixtures/realworld');

async function collect(from: string, workload: string): Promise<SourceSnapshot> {
  const spec: SourceSpec = { type: 'k8s', index: 0, from: [from], workload };
  const label = testLabel('k8s', 'k8s (recorded)', 0);
  return new RecordedSourceCollector({ baseDir: REALWORLD }).collect(spec, label, testContext(label));
}

const keys = (s: SourceSnapshot): string[] => s.observations.map((o) => o.key).filter((k) => !k.startsWith('runtime.'));

describe('k8s manifest folders as repositories keep them', () => {
  it('reads past a kustomization.yaml without kind: kustomize instructions are not objects', async () => {
    // kubernetes-sigs/kustomize examples/wordpress/mysql: kustomization.yaml is `resources: [...]` alone.
    const s = await collect('kustomize-wordpress-mysql', 'mysql');
    expect(s.errors).toEqual([]);
    expect(keys(s)).toEqual(['mysql.root.password']);
    expect(s.observations[0]?.value.kind).toBe('secret');
  });

  it('reads only .yaml, .yml and .json files of a folder, as kubectl apply -f does: not its Dockerfile, Makefile or LICENSE', async () => {
    // kubernetes/examples web/guestbook: the frontend's image is built from php-redis/ beside its manifest.
    const s = await collect('kubernetes-examples-guestbook', 'frontend');
    expect(s.errors).toEqual([]);
    expect(keys(s)).toEqual(['get.hosts.from']);
  });
});
