import { parseK8s, parseManifestText } from '../../../lambdas/core/sources/k8s';
import { k8sObjectAsRead } from '../../../lambdas/core/sources/k8s-read-fields';
import { ctx, k8s, mountingDeployment } from '../../helpers/k8s-manifests';

const objects = `---
apiVersion: v1
kind: ConfigMap
metadata:
  name: files
  namespace: shop
  annotations: { drift.dev/modified-at: "2026-11-24T03:41:00Z", drift.dev/modified-by: "arn:aws:iam::1:user/ops" }
data: { app.properties: "a=1", log.xml: "<x/>" }
---
apiVersion: v1
kind: Secret
metadata: { name: creds, namespace: shop }
data: { token: "czNjcjN0" }
---
apiVersion: v1
kind: Pod
metadata: { name: api-1, namespace: shop, labels: { app: api } }
status: { phase: Running, startTime: "2026-11-20T00:00:00Z" }
`;

const mountsOf = (mounts: string, volumes: string) =>
  k8s({ 'm/deploy.yaml': mountingDeployment(mounts, volumes), 'm/objects.yaml': objects }, { workload: 'api' }).runtime?.mounts?.map(
    (m) => [`${m.object} ${m.key ?? '*'} ${m.mountPath}`, m.modifiedAt],
  );

const FILES = '[{ name: f, configMap: { name: files } }]';
const AT = '2026-11-24T03:41:00Z';

describe('subPath mounts: what a container copies from ConfigMaps and Secrets when it starts', () => {
  test.each([
    [
      'a subPath naming a key',
      '[{ name: f, mountPath: /etc/app.properties, subPath: app.properties }]',
      FILES,
      [['ConfigMap shop/files app.properties /etc/app.properties', AT]],
    ],
    ['a whole volume (updated in place): none', '[{ name: f, mountPath: /etc/app }]', FILES, undefined],
    [
      'a subPath naming no key (the kubelet makes an empty directory): none',
      '[{ name: f, mountPath: /x, subPath: nope }]',
      FILES,
      undefined,
    ],
    [
      'items map the path to its key',
      '[{ name: f, mountPath: /etc/log.xml, subPath: conf/logging.xml }]',
      '[{ name: f, configMap: { name: files, items: [{ key: log.xml, path: conf/logging.xml }] } }]',
      [['ConfigMap shop/files log.xml /etc/log.xml', AT]],
    ],
    [
      'a subPath naming a directory of items: each key under it',
      '[{ name: f, mountPath: /etc/conf, subPath: conf }]',
      '[{ name: f, configMap: { name: files, items: [{ key: log.xml, path: conf/l.xml }, { key: app.properties, path: conf/a.properties }] } }]',
      [
        ['ConfigMap shop/files app.properties /etc/conf', AT],
        ['ConfigMap shop/files log.xml /etc/conf', AT],
      ],
    ],
    [
      'a Secret volume: undated without a write time',
      '[{ name: s, mountPath: /run/token, subPath: token }]',
      '[{ name: s, secret: { secretName: creds } }]',
      [['Secret shop/creds token /run/token', undefined]],
    ],
    [
      'a projected volume: the source that holds the key',
      '[{ name: p, mountPath: /run/token, subPath: token }]',
      '[{ name: p, projected: { sources: [{ configMap: { name: files } }, { secret: { name: creds } }, { serviceAccountToken: { path: sa } }] } }]',
      [['Secret shop/creds token /run/token', undefined]],
    ],
    [
      'a subPathExpr depends on the pod: the object is the read',
      '[{ name: f, mountPath: /etc/app, subPathExpr: "$(POD_NAME)" }]',
      FILES,
      [['ConfigMap shop/files * /etc/app', AT]],
    ],
    ['a missing object: none', '[{ name: f, mountPath: /x, subPath: a }]', '[{ name: f, configMap: { name: gone } }]', undefined],
    [
      'a subPath naming what every JavaScript object has (toString), not a key: none',
      '[{ name: f, mountPath: /x, subPath: toString }]',
      FILES,
      undefined,
    ],
  ])('%s', (_name, mounts, volumes, expected) => {
    expect(mountsOf(mounts, volumes)).toEqual(expected);
  });

  test('a recording keeps the mounts and volumes, and reads the same', () => {
    const files = {
      'deploy.yaml': mountingDeployment('[{ name: f, mountPath: /etc/a, subPath: app.properties }]', FILES),
      'o.yaml': objects,
    };
    const parsed = Object.entries(files).flatMap(([file, t]) => parseManifestText(t, file).map((object) => ({ file, object })));
    const recorded = parsed.flatMap((p) => {
      const kept = k8sObjectAsRead(p.object);
      return kept ? [{ file: p.file, object: kept }] : [];
    });
    const full = parseK8s(parsed, { workload: 'api' }, ctx);
    expect(full.runtime?.mounts).toHaveLength(1);
    expect(parseK8s(recorded, { workload: 'api' }, ctx)).toEqual(full);
  });
});
