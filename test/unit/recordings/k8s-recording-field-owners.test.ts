import { k8sRecording } from '../../../lambdas/core/recordings/k8s-recording';
import { acceptingMarkers } from '../../../lambdas/core/fingerprint';
import { parseK8s, parseManifestText } from '../../../lambdas/core/sources/k8s';
import { ctx } from '../../helpers/k8s-manifests';

// A credential pasted as a variable's name (a token where the name belongs): the recording must not hold it, even in managedFields.
const TOKEN_NAME = 'ghp_0123456789abcdefghijABCDEFGHIJ012345';
const TOKEN_KEY = 'ghp.0123456789abcdefghij.abcdefghij012345';
const hiddenKey = (r: { observations: Array<{ key: string }> }): string =>
  r.observations.map((o) => o.key).find((k) => k.startsWith('secret.')) ?? 'none';

const envField = (names: string[]) =>
  Object.fromEntries(names.map((n) => [`k:${JSON.stringify({ name: n })}`, { '.': {}, 'f:name': {}, 'f:value': {} }]));
const templateFields = (names: string[]) => ({
  'f:spec': { 'f:template': { 'f:spec': { 'f:containers': { 'k:{"name":"server"}': { 'f:env': envField(names) } } } } },
});

/** The story's Deployment as the API server returns it: argocd applied it, `kubectl set env` changed DB_TIMEOUT at 2 AM, a restart came later. */
const objects = [
  {
    file: 'live.yaml',
    object: {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: {
        name: 'api-config',
        namespace: 'api',
        managedFields: [
          { manager: 'argocd-controller', operation: 'Apply', time: '2026-11-01T00:00:00Z', fieldsV1: { 'f:data': { 'f:LOG_LEVEL': {} } } },
          { manager: 'kubectl-edit', operation: 'Update', time: '2026-11-21T03:00:00Z', fieldsV1: { 'f:data': { 'f:CACHE_TTL': {} } } },
        ],
      },
      data: { LOG_LEVEL: 'INFO', CACHE_TTL: '10m' },
    },
  },
  {
    file: 'live.yaml',
    object: {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: {
        name: 'api-server',
        namespace: 'api',
        annotations: { 'deployment.kubernetes.io/revision': '12' },
        managedFields: [
          {
            manager: 'argocd-controller',
            operation: 'Apply',
            time: '2026-11-01T00:00:00Z',
            fieldsV1: {
              'f:metadata': { 'f:labels': { 'f:app': {} } },
              ...templateFields(['A', 'DB_TIMEOUT', TOKEN_NAME]),
            },
          },
          {
            manager: 'kubectl-set',
            operation: 'Update',
            time: '2026-11-20T02:13:00Z',
            fieldsV1: templateFields(['DB_TIMEOUT', TOKEN_NAME]),
          },
          {
            manager: 'kubectl-rollout',
            operation: 'Update',
            time: '2026-11-20T02:20:00Z',
            fieldsV1: { 'f:spec': { 'f:template': { 'f:metadata': { 'f:annotations': { 'f:kubectl.kubernetes.io/restartedAt': {} } } } } },
          },
          {
            manager: 'kube-controller-manager',
            operation: 'Update',
            subresource: 'status',
            time: '2026-11-20T02:21:00Z',
            fieldsV1: { 'f:status': {} },
          },
        ],
      },
      spec: {
        template: {
          spec: {
            containers: [
              {
                name: 'server',
                envFrom: [{ configMapRef: { name: 'api-config' } }],
                env: [
                  { name: 'A', value: '1' },
                  { name: 'DB_TIMEOUT', value: '60s' },
                  { name: TOKEN_NAME, value: 'x' },
                ],
              },
            ],
          },
        },
      },
    },
  },
];

describe('the k8s recording of objects with managedFields', () => {
  const live = parseK8s(objects, { workload: 'api-server' }, ctx);
  const text = k8sRecording({ objects, workload: 'api-server' }, live.observations, ctx).files[0]!.text;
  const replayed = parseK8s(
    parseManifestText(text, 'manifest.yaml').map((object) => ({ file: 'manifest.yaml', object })),
    { workload: 'api-server' },
    { ...ctx, fp: acceptingMarkers(ctx.fp) },
  );
  const whoWhen = (r: typeof live) =>
    Object.fromEntries(r.observations.map((o) => [o.key, { at: o.origin.modifiedAt, by: o.origin.modifiedBy }]));

  it("reads back each variable's and key's own writer, as the live read dated them", () => {
    expect(live.errors).toEqual([]);
    expect(whoWhen(live)['db.timeout']).toEqual({ at: '2026-11-20T02:13:00Z', by: 'kubectl-set' });
    expect(whoWhen(live)['cache.ttl']).toEqual({ at: '2026-11-21T03:00:00Z', by: 'kubectl-edit' });
    expect(replayed.errors).toEqual([]);
    // The parser reads names as written; the snapshot hides a credential written as one afterwards, which the recording did already.
    const { [TOKEN_KEY]: token, ...rest } = whoWhen(live);
    const { [hiddenKey(replayed)]: hidden, ...replayedRest } = whoWhen(replayed);
    expect(replayedRest).toEqual(rest);
    expect(token).toEqual({ at: '2026-11-20T02:13:00Z', by: 'kubectl-set' });
    expect(hidden).toEqual(token);
  });

  it('keeps of fieldsV1 only the variables and data keys, and no credential written as a name', () => {
    expect(text).not.toContain(TOKEN_NAME);
    expect(text).not.toContain('restartedAt');
    expect(text).not.toContain('f:labels');
    expect(text).toContain('"name":"DB_TIMEOUT"');
    expect(text).toContain('f:CACHE_TTL');
  });
});
