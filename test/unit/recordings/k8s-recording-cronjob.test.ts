import { k8sRecording } from '../../../lambdas/core/recordings/k8s-recording';
import { acceptingMarkers } from '../../../lambdas/core/fingerprint';
import { parseK8s, parseManifestText } from '../../../lambdas/core/sources/k8s';
import { ctx } from '../../helpers/k8s-manifests';

const CANARY = 'CANARY-cronjob-token-93b1';

describe('the k8s recording of a CronJob', () => {
  const cronJob = (container: Record<string, unknown>) => ({
    file: 'cron.yaml',
    object: {
      apiVersion: 'batch/v1',
      kind: 'CronJob',
      metadata: { name: 'nightly', namespace: 'api' },
      spec: { schedule: '0 2 * * *', jobTemplate: { spec: { template: { spec: { containers: [{ name: 'job', ...container }] } } } } },
    },
  });
  const record = (objects: Array<{ file: string; object: unknown }>) => {
    const read = parseK8s(objects, { workload: 'cronjob/nightly' }, ctx);
    expect(read.errors).toEqual([]);
    return k8sRecording({ objects, workload: 'cronjob/nightly' }, read.observations, ctx).files[0]!.text;
  };

  it('writes a secret literal env value as a marker, as it does for a Deployment', () => {
    const text = record([cronJob({ env: [{ name: 'API_TOKEN', value: CANARY }] })]);
    expect(text).toContain('API_TOKEN');
    expect(text).not.toContain(CANARY);
  });

  it('writes a ConfigMap value the CronJob reads under a secret name as a marker', () => {
    const configMap = { file: 'cm.yaml', object: { kind: 'ConfigMap', metadata: { name: 'jobs', namespace: 'api' }, data: { t: CANARY } } };
    const reads = { env: [{ name: 'API_TOKEN', valueFrom: { configMapKeyRef: { name: 'jobs', key: 't' } } }] };
    const text = record([configMap, cronJob(reads)]);
    expect(text).toContain('jobs');
    expect(text).not.toContain(CANARY);
    // Read back, it is the same secret the parser saw.
    const again = parseK8s(
      parseManifestText(text, 'manifest.yaml').map((object) => ({ file: 'manifest.yaml', object })),
      { workload: 'cronjob/nightly' },
      { ...ctx, fp: acceptingMarkers(ctx.fp) },
    );
    expect(again.observations.map((o) => o.value)).toEqual(
      parseK8s([configMap, cronJob(reads)], { workload: 'cronjob/nightly' }, ctx).observations.map((o) => o.value),
    );
  });
});
