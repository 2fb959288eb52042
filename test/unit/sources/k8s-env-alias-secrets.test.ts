import { parseK8s, parseManifestText } from '../../../lambdas/core/sources/k8s';
import { testContext, testFingerprinter } from '../../helpers/context';

// In a manifest as in a configuration file, a YAML alias is a reference: an env entry whose value is
// an alias of a secret-named variable's value (`value: *token`) holds that secret, as `$(API_TOKEN)` would.
const CANARY = 'CANARYk8salias';
const fp = testFingerprinter();
const MANIFEST = `apiVersion: apps/v1
kind: Deployment
metadata: { name: api }
spec:
  template:
    spec:
      containers:
        - name: api
          image: x
          env:
            - name: API_TOKEN
              value: &token ${CANARY}
            - name: UPSTREAM_HEADER
              value: *token
            - name: TIMEOUT
              value: &timeout 30s
            - name: RETRY_TIMEOUT
              value: *timeout
        - name: sidecar
          image: y
          env:
            - name: PROXY_HEADER
              value: *token
`;

const values = (container: string) =>
  Object.fromEntries(
    parseK8s(
      parseManifestText(MANIFEST, 'api.yaml').map((object) => ({ file: 'api.yaml', object })),
      { workload: 'api', container },
      testContext(),
    ).observations.map((o) => [o.key, o.value]),
  );

describe('a manifest env value that is an alias', () => {
  test("of a secret-named variable's value is that secret, in its container and in another", () => {
    const api = values('api');
    expect(api['upstream.header']).toEqual({ kind: 'secret', fingerprint: fp.fingerprint(CANARY), keyId: fp.keyId });
    expect(values('sidecar')['proxy.header']).toEqual({ kind: 'secret', fingerprint: fp.fingerprint(CANARY), keyId: fp.keyId });
    expect(JSON.stringify(api)).not.toContain(CANARY);
  });

  test('of a plain value stays plain', () => {
    expect(values('api')['retry.timeout']).toMatchObject({ kind: 'text', text: '30s' });
  });
});
