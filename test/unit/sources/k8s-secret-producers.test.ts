import { parseK8s, parseManifestText } from '../../../lambdas/core/sources/k8s';
import { k8sObjectAsRead } from '../../../lambdas/core/sources/k8s-read-fields';
import { CANARY, ctx, deployment, k8s, value } from '../../helpers/k8s-manifests';

// GitOps keeps no Secret in git: an ExternalSecret (external-secrets.io) or a SealedSecret (bitnami)
// beside the Deployment makes it in the cluster. Its values are not in the manifests, but it exists.
const EXTERNAL_SECRET = `apiVersion: external-secrets.io/v1beta1
kind: ExternalSecret
metadata:
  name: api-db
  namespace: api
spec:
  refreshInterval: 1h
  secretStoreRef: { name: aws-secrets-manager, kind: ClusterSecretStore }
  target:
    name: api-db-credentials
  data:
    - secretKey: password
      remoteRef: { key: prod/api/db, property: password }
    - secretKey: username
      remoteRef: { key: prod/api/db, property: username }
`;

const SEALED_SECRET = `apiVersion: bitnami.com/v1alpha1
kind: SealedSecret
metadata:
  name: api-tokens
  namespace: api
spec:
  encryptedData:
    STRIPE_API_KEY: AgBy8hCF${CANARY}
    SENTRY_TOKEN: AgCk2f1l${CANARY}
  template:
    metadata:
      name: api-tokens
`;

const container = `          env:
            - name: DB_PASSWORD
              valueFrom:
                secretKeyRef: { name: api-db-credentials, key: password }
            - name: DB_PORT
              valueFrom:
                secretKeyRef: { name: api-db-credentials, key: port }
          envFrom:
            - secretRef: { name: api-tokens }
`;

describe('a Secret that an ExternalSecret or a SealedSecret of the manifests makes', () => {
  const r = k8s(
    { 'app.yaml': deployment(container), 'external.yaml': EXTERNAL_SECRET, 'sealed.yaml': SEALED_SECRET },
    { workload: 'api-server' },
  );

  it('is there: no dangling-ref for its keys, and each key it makes is set to a secret drift cannot read', () => {
    expect(r.errors).toEqual([]);
    expect(r.dangling.map((d) => d.key)).toEqual(['db.port']);
    for (const key of ['db.password', 'stripe.api.key', 'sentry.token'])
      expect([key, value(r, key)]).toEqual([key, expect.objectContaining({ kind: 'opaque', secret: true })]);
    expect(JSON.stringify(r)).not.toContain(CANARY);
  });

  it('a key it does not make is still dangling, and says which object makes the Secret', () => {
    expect(r.dangling[0]).toMatchObject({
      target: 'Secret api/api-db-credentials key port',
      detail: 'key port not among the keys ExternalSecret api/api-db makes of Secret api/api-db-credentials',
    });
  });

  it('an ExternalSecret that takes every key of a remote secret (dataFrom) makes any key', () => {
    const open = EXTERNAL_SECRET.replace(/ {2}data:\n[\s\S]*$/, '  dataFrom:\n    - extract: { key: prod/api/db }\n');
    const s = k8s({ 'app.yaml': deployment(container), 'external.yaml': open, 'sealed.yaml': SEALED_SECRET }, { workload: 'api-server' });
    expect(s.dangling).toEqual([]);
    expect(value(s, 'db.port')).toMatchObject({ kind: 'opaque', secret: true });
  });

  it('in another namespace it makes nothing here', () => {
    const elsewhere = EXTERNAL_SECRET.replace('namespace: api', 'namespace: billing');
    const s = k8s(
      { 'app.yaml': deployment(container), 'external.yaml': elsewhere, 'sealed.yaml': SEALED_SECRET },
      { workload: 'api-server' },
    );
    expect(s.dangling.map((d) => [d.key, d.detail])).toEqual([
      ['db.password', 'Secret api/api-db-credentials not found'],
      ['db.port', 'Secret api/api-db-credentials not found'],
    ]);
  });

  it('a SecretProviderClass (the Secrets Store CSI driver, as AWS documents it for EKS) makes the Secrets its secretObjects name', () => {
    const spc = `apiVersion: secrets-store.csi.x-k8s.io/v1
kind: SecretProviderClass
metadata:
  name: aws-secrets
  namespace: api
spec:
  provider: aws
  parameters:
    objects: |
      - objectName: "prod/api/db"
        objectType: "secretsmanager"
  secretObjects:
    - secretName: api-db-credentials
      type: Opaque
      data:
        - { objectName: dbpassword, key: password }
        - { objectName: dbport, key: port }
`;
    const s = k8s({ 'app.yaml': deployment(container), 'spc.yaml': spc, 'sealed.yaml': SEALED_SECRET }, { workload: 'api-server' });
    expect(s.errors).toEqual([]);
    expect(s.dangling).toEqual([]);
    expect(value(s, 'db.port')).toMatchObject({
      kind: 'opaque',
      secret: true,
      reason: expect.stringContaining('SecretProviderClass api/aws-secrets'),
    });
    const asRead = parseManifestText(spc, 'spc.yaml').map((object) => ({ file: 'spc.yaml', object: k8sObjectAsRead(object) }));
    const app = parseManifestText(deployment(container), 'app.yaml').map((object) => ({
      file: 'app.yaml',
      object: k8sObjectAsRead(object),
    }));
    expect(parseK8s([...app, ...asRead], { workload: 'api-server' }, ctx).dangling.map((d) => d.key)).toEqual([
      'envFrom Secret api/api-tokens',
    ]);
  });

  it('is kept by snapshot --record as far as it is read: target and key names, never the sealed ciphertext', () => {
    const files = { 'app.yaml': deployment(container), 'external.yaml': EXTERNAL_SECRET, 'sealed.yaml': SEALED_SECRET };
    const objects = Object.entries(files).flatMap(([file, text]) => parseManifestText(text, file).map((object) => ({ file, object })));
    const asRead = objects.map(({ file, object }) => ({ file, object: k8sObjectAsRead(object) }));
    expect(JSON.stringify(asRead)).not.toContain(CANARY);
    const again = parseK8s(asRead, { workload: 'api-server' }, ctx);
    expect(again.dangling).toEqual(r.dangling);
    expect(again.observations).toEqual(r.observations);
  });
});
