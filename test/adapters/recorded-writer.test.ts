import { DescribeParametersCommand, GetParametersCommand, SSMClient, type Parameter } from '@aws-sdk/client-ssm';
import { mockClient } from 'aws-sdk-client-mock';
import { SsmCollector } from '../../lambdas/adapters/live/ssm/ssm-collector';
import { ssmRecording } from '../../lambdas/core/recordings/ssm-recording';
import { acceptingMarkers } from '../../lambdas/core/fingerprint';
import { ssmObservations, ssmParametersFromExport } from '../../lambdas/core/sources/ssm';
import { fromSecretMarker, secretMarker } from '../../lambdas/core/values/secret-marker';
import { makeValue } from '../../lambdas/core/values/value';
import { testContext, testFingerprinter, testLabel } from '../helpers/context';

const CANARY = 'CANARY-s3cr3t-7f1e';

describe('secret markers', () => {
  test('a marker reads back as the same secret, whatever the key, and nothing else is a marker', () => {
    const secret = makeValue(CANARY, true, testFingerprinter());
    if (secret.kind !== 'secret') throw new Error('expected a secret');
    const marker = secretMarker(secret);
    expect(marker).not.toContain(CANARY);
    expect(makeValue(marker, false, acceptingMarkers(testFingerprinter()))).toEqual(secret);
    expect(fromSecretMarker(`${marker} `)).toBeUndefined();
    expect(fromSecretMarker('drift-fingerprint:v1:abc:123')).toBeUndefined();
  });
});

describe('recording a live SSM source', () => {
  test('what the live collector read, recorded and read back, has the same keys and values and no secret', async () => {
    const client = new SSMClient({ region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'y' } });
    const params: Parameter[] = [
      { Name: '/p/api/db_timeout', Type: 'String', Value: '60s', Version: 2, LastModifiedDate: new Date('2026-11-01T00:00:00Z') },
      { Name: '/p/api/db_password', Type: 'SecureString', Value: CANARY, Version: 1, LastModifiedDate: new Date('2026-11-01T00:00:00Z') },
    ];
    mockClient(client)
      .on(DescribeParametersCommand)
      .resolves({ Parameters: params.map(({ Value: _v, ...m }) => ({ ...m, LastModifiedUser: 'alice' })) })
      .on(GetParametersCommand)
      .resolves({ Parameters: params });
    const ctx = testContext(testLabel('ssm'));
    const live = await new SsmCollector({ ssm: client, limit: (_f, call) => call() }).collect('/p/api/', ctx, async () => undefined);
    const recording = ssmRecording({ source: ctx.source, observations: live.observations, dangling: [], errors: [] }, '/p/api/', true);
    const text = recording.files.map((f) => f.text).join('\n');
    expect(text).not.toContain(CANARY);
    const back = ssmObservations(ssmParametersFromExport(JSON.parse(recording.files[0]!.text), []), '/p/api/', {
      ...ctx,
      fp: acceptingMarkers(ctx.fp),
    });
    const view = (os: typeof live.observations) => os.map((o) => [o.key, o.value, o.origin.version, o.origin.modifiedBy]).sort();
    expect(view(back.observations)).toEqual(view(live.observations));
  });
});
