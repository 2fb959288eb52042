import { eksRevert, k8sRevert } from '../../../lambdas/core/revert/k8s-revert';
import { eksFiles } from '../../../lambdas/core/source-kinds/file-forms/eks';
import { commands, observed, revertInput } from './revert-input';

const fromConfigMap = (workload: string) => ({
  ...observed('eks', 'ConfigMap shop/shop-config LOG_LEVEL (envFrom)', 'LOG_LEVEL'),
  origin: {
    source: { index: 1, type: 'eks' as const, label: `eks ${workload}` },
    location: 'ConfigMap shop/shop-config LOG_LEVEL (envFrom)',
  },
});
const eksSpec = (workload: string, cluster: string, region?: string) => ({
  cluster,
  workload,
  namespace: 'shop',
  ...(region ? { region } : {}),
});
// Where the registry says an EKS source's objects live, in the input's environment (us-east-1).
const placeOf = (spec: ReturnType<typeof eksSpec>): string =>
  eksFiles.objectsPlace!({ type: 'eks', index: 0, ...spec }, { region: 'us-east-1' });
const neighbour = (workload: string, cluster: string, region?: string) => ({
  spec: eksSpec(workload, cluster, region),
  place: placeOf(eksSpec(workload, cluster, region)),
  observations: [fromConfigMap(workload)],
  consumers: [],
});

describe('a ConfigMap patch and the live workloads of the environment that read it', () => {
  test('restarts the workloads of other sources on the same cluster, not those of another cluster or region', () => {
    const o = fromConfigMap('api');
    const steps = eksRevert(
      revertInput(eksSpec('api', 'prod'), o, {
        target: { secret: false, text: 'INFO' },
        neighbours: [neighbour('worker', 'prod'), neighbour('mirror', 'dr'), neighbour('far', 'prod', 'eu-west-1')],
        place: placeOf(eksSpec('api', 'prod')),
      }),
    );
    expect(commands(steps).filter((c) => c.startsWith('kubectl rollout'))).toEqual([
      'kubectl rollout restart deployment/api -n shop',
      'kubectl rollout restart deployment/worker -n shop',
    ]);
  });

  test('a workload that reads another key of the ConfigMap is left alone', () => {
    const o = observed('k8s', 'ConfigMap shop/shop-config LOG_LEVEL (envFrom)', 'LOG_LEVEL');
    const steps = k8sRevert(
      revertInput({ workload: 'api' }, o, {
        target: { secret: false, text: 'INFO' },
        consumers: [{ workload: 'deployment/pager', namespace: 'shop', object: 'ConfigMap shop/shop-config', key: 'PAGE_SIZE' }],
      }),
    );
    expect(commands(steps)).toEqual([
      `kubectl patch configmap/shop-config -n shop --type merge -p '{"data":{"LOG_LEVEL":"INFO"}}'`,
      'kubectl rollout restart deployment/api -n shop',
    ]);
  });
});
