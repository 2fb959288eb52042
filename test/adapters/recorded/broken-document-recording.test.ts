import { k8sFiles } from '../../../lambdas/core/source-kinds/file-forms/k8s';
import type { SpecOf } from '../../../lambdas/core/source-kinds/registry';
import { testContext, testLabel } from '../../helpers/context';

const CANARY = 'CANARY-s3cr3t-b70k';

// The workload and its ConfigMap, then a Secret document that cannot be read (an unclosed flow mapping).
const MANIFEST = [
  `apiVersion: apps/v1
kind: Deployment
metadata: { name: api, namespace: shop }
spec:
  template:
    spec:
      containers:
        - name: api
          envFrom: [{ configMapRef: { name: env } }]`,
  'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: env, namespace: shop }\ndata: { LOG_LEVEL: info }',
  `apiVersion: v1\nkind: Secret\nmetadata: {name: broken\nstringData:\n  password: ${CANARY}`,
].join('\n---\n');

describe('drift snapshot --record of a manifest with one document that cannot be read', () => {
  test('records the documents the audit read from the file, not none of them', () => {
    const ctx = testContext(testLabel('k8s'));
    const spec = { type: 'k8s', index: 0, workload: 'api', container: 'api', namespace: 'shop', from: ['prod.yaml'] } as SpecOf<'k8s'>;
    const final = { source: ctx.source, observations: [], dangling: [], errors: [] };
    const recorded = k8sFiles.recording.prepare(spec, ctx, { files: [{ file: 'prod.yaml', text: MANIFEST }] })(final);
    const text = recorded?.recording.files.map((f) => f.text).join('\n') ?? '';
    expect(text).toContain('kind: Deployment');
    expect(text).toContain('LOG_LEVEL: info');
    expect(text).not.toContain(CANARY);
  });

  test('says what it loses there, by file and never by what the document holds: read back, the recording holds no error', () => {
    const ctx = testContext(testLabel('k8s'));
    const spec = { type: 'k8s', index: 0, workload: 'api', container: 'api', namespace: 'shop', from: ['prod.yaml'] } as SpecOf<'k8s'>;
    const final = { source: ctx.source, observations: [], dangling: [], errors: [] };
    const files = [
      { file: 'prod.yaml', text: MANIFEST },
      { file: 'ok.yaml', text: 'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: other, namespace: shop }' },
    ];
    const losses = k8sFiles.recording.prepare(spec, ctx, { files })(final)?.recording.losses ?? [];
    expect(losses).toEqual([expect.stringMatching(/^prod\.yaml: what could not be read of it is not recorded/)]);
    expect(losses.join()).not.toContain(CANARY);
  });
});
