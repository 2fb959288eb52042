import { configFileBytesObservations } from '../../../lambdas/core/sources/config-file';
import type { SourceParseResult } from '../../../lambdas/core/sources/result';
import { testContext } from '../../helpers/context';

// Values no name or content rule recognises: only their source (a SecureString, a Secret) says they are secret.
const SECURE = 'CANARY-securestring-4411';
const IN_SECRET = 'CANARY-stringdata-2817';

const read = (text: string, file: string): SourceParseResult =>
  configFileBytesObservations(new TextEncoder().encode(text), file, testContext());

describe('a file source given a recording of a source whose values are secret by source', () => {
  it.each([
    [
      'an SSM export (get-parameters-by-path --with-decryption)',
      'exports/ssm.json',
      JSON.stringify({ Parameters: [{ Name: '/app/db_url', Type: 'SecureString', Value: SECURE, Version: 1 }] }),
      'exports/ssm.json: is an SSM export holding SecureStrings: read it with an ssm source ({ path, from }), which keeps them secret',
    ],
    [
      'one exported parameter (get-parameter)',
      'exports/one.yaml',
      `Parameter:\n  Name: /app/db_url\n  Type: SecureString\n  Value: ${SECURE}\n`,
      'exports/one.yaml: is an SSM export holding SecureStrings: read it with an ssm source ({ path, from }), which keeps them secret',
    ],
    [
      'a Kubernetes Secret',
      'manifests/secret.yaml',
      `apiVersion: v1\nkind: Secret\nmetadata:\n  name: app\nstringData:\n  DB_URL: ${IN_SECRET}\n`,
      'manifests/secret.yaml: is a Kubernetes Secret: read it with a k8s source, which keeps its values secret',
    ],
  ])('is refused, its values never read: %s', (_what, file, text, says) => {
    const r = read(text, file);
    expect(r).toEqual({ observations: [], dangling: [], errors: [says] });
    expect(JSON.stringify(r)).not.toContain('CANARY');
  });

  it('reads a configuration file that only looks alike', () => {
    const ssmLike = read(JSON.stringify({ Parameters: [{ Name: 'a', Type: 'String', Value: 'v' }] }), 'c.json');
    expect(ssmLike.errors).toEqual([]);
    const kubeconfigLike = read('apiVersion: v1\nkind: Config\ncurrent-context: dev\n', 'c.yaml');
    expect(kubeconfigLike.errors).toEqual([]);
    expect(kubeconfigLike.observations.map((o) => o.key)).toEqual(['api.version', 'kind', 'current.context']);
    const secretWord = read('kind: Secret\nname: x\n', 'c.yaml');
    expect(secretWord.errors).toEqual([]);
  });
});
