import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DescribeParametersCommand, GetParametersCommand, SSMClient } from '@aws-sdk/client-ssm';
import { mockClient } from 'aws-sdk-client-mock';
import { SsmCollector } from '../../../lambdas/adapters/live/ssm/ssm-collector';
import { RecordedSourceCollector } from '../../../lambdas/adapters/recorded/recorded-collector';
import { RECORDING_MANIFEST, recordingManifest } from '../../../lambdas/adapters/recording-manifest';
import type { SourceSnapshot } from '../../../lambdas/core/model';
import { secretMarker } from '../../../lambdas/core/values/secret-marker';
import type { Value } from '../../../lambdas/core/values/value';
import { testContext, testFingerprinter, testLabel } from '../../helpers/context';

// Someone who can set a live value (or commit a config file) but does not know a secret copies its
// fingerprint marker from a recording: drift must not take it for the secret.
const fp = testFingerprinter();
const secret: Value = { kind: 'secret', fingerprint: fp.fingerprint('the-real-password'), keyId: fp.keyId };
const marker = secretMarker(secret as { fingerprint: string; keyId: string });
const valueOf = (s: { observations: SourceSnapshot['observations'] }, key: string): Value | undefined =>
  s.observations.find((o) => o.key === key)?.value;

let base: string;
beforeEach(() => {
  base = mkdtempSync(path.join(os.tmpdir(), 'drift-markers-'));
});
afterEach(() => rmSync(base, { recursive: true, force: true }));

const write = (rel: string, text: string): void => {
  mkdirSync(path.dirname(path.join(base, rel)), { recursive: true });
  writeFileSync(path.join(base, rel), text);
};
const dotenv = (from: string) =>
  new RecordedSourceCollector({ baseDir: base }).collect(
    { type: 'dotenv', index: 0, from: [from] },
    testLabel('dotenv'),
    testContext(testLabel('dotenv')),
  );

describe('fingerprint markers are trusted only in recordings drift wrote', () => {
  it('a live SSM value shaped like a marker is a secret of its own, never the secret it names', async () => {
    const client = new SSMClient({ region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'y' } });
    const params = [
      { Name: '/p/api/db_password', Type: 'String' as const, Value: marker, Version: 1 },
      { Name: '/p/api/db_url', Type: 'String' as const, Value: `postgres://app:${marker}@db:5432/app`, Version: 1 },
    ];
    mockClient(client)
      .on(DescribeParametersCommand)
      .resolves({ Parameters: params.map(({ Value: _v, ...m }) => m) })
      .on(GetParametersCommand)
      .resolves({ Parameters: params });
    const live = await new SsmCollector({ ssm: client, limit: (_f, call) => call() }).collect(
      '/p/api/',
      testContext(testLabel('ssm')),
      async () => undefined,
    );
    const password = valueOf(live, 'db.password');
    expect(password?.kind).toBe('secret');
    expect(password).not.toEqual(secret);
    expect(JSON.stringify(valueOf(live, 'db.url'))).not.toContain(secret.kind === 'secret' ? secret.fingerprint : '');
  });

  it('an ordinary file with a marker is not a recording; the same file in a recording folder is', async () => {
    write('config/app.env', `DB_PASSWORD=${marker}\n`);
    const plain = await dotenv('config/app.env');
    expect(valueOf(plain, 'db.password')?.kind).toBe('secret');
    expect(valueOf(plain, 'db.password')).not.toEqual(secret);

    write('recording/production/01-dotenv/values.env', `DB_PASSWORD="${marker}"\n`);
    write(`recording/${RECORDING_MANIFEST}`, recordingManifest(fp.keyId));
    expect(valueOf(await dotenv('recording/production/01-dotenv/values.env'), 'db.password')).toEqual(secret);
    // A manifest that is not drift's proves nothing.
    write(`other/${RECORDING_MANIFEST}`, '{"recordedBy":"someone"}');
    write('other/values.env', `DB_PASSWORD=${marker}\n`);
    expect(valueOf(await dotenv('other/values.env'), 'db.password')).not.toEqual(secret);
  });
});
