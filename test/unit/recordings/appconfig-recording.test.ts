import { readFileSync } from 'node:fs';
import path from 'node:path';
import { acceptingMarkers } from '../../../lambdas/core/fingerprint';
import type { SourceSnapshot } from '../../../lambdas/core/model';
import { appConfigRecording, recordedDeployment } from '../../../lambdas/core/recordings/appconfig-recording';
import { parseAppConfig } from '../../../lambdas/core/sources/appconfig';
import { testContext, testLabel } from '../../helpers/context';

const CANARY = 'CANARY-s3cr3t-7f1e';
const IDS = { application: 'k3x9q2m', environment: 'p7d1w4s', profile: 'c4f6j1r' };
const EXAMPLES = path.join(__dirname, '../../../examples/more-sources/appconfig/production');
const example = (file: string) => ({ file: `production/${file}`, text: readFileSync(path.join(EXAMPLES, file), 'utf8') });

describe('appconfig recording', () => {
  const snapshotOf = (
    documents: Array<{ file: string; text: string }>,
    ctx = testContext(testLabel('appconfig', 'appconfig (test)')),
  ): SourceSnapshot => ({
    source: ctx.source,
    ...parseAppConfig({ documents }, IDS, ctx),
  });

  test('what it writes reads back as the same observations, secrets as markers only', () => {
    const settings = JSON.parse(example('settings.json').text) as Record<string, unknown>;
    const content = { file: 'production/settings.json', text: JSON.stringify({ ...settings, db_password: CANARY }) };
    const deployment = example('settings.deployment.json');
    const before = snapshotOf([content, deployment]);
    const recording = appConfigRecording(before, { ...IDS, region: 'eu-west-1' }, JSON.parse(deployment.text) as Record<string, unknown>)!;
    expect(recording.spec).toEqual({ ...IDS, region: 'eu-west-1' });
    expect(recording.files.map((f) => f.path)).toEqual(['configuration.json', 'deployment.json']);
    expect(JSON.stringify(recording)).not.toContain(CANARY);
    expect(JSON.stringify(recording)).not.toContain('Raise the payment timeout');
    const ctx = testContext(testLabel('appconfig', 'appconfig (test)'));
    const after = snapshotOf(
      recording.files.map((f) => ({ file: f.path, text: f.text })),
      { ...ctx, fp: acceptingMarkers(ctx.fp) },
    );
    expect(after.errors).toEqual([]);
    expect(after.observations).toEqual(before.observations);
  });

  test('a text profile is written as KEY=VALUE lines; a profile that could not be read is not written', () => {
    const text = snapshotOf([{ file: 'settings.properties', text: 'A="1"\nB="two"\n' }]);
    expect(appConfigRecording(text, IDS)?.files).toEqual([{ path: 'configuration.env', text: 'A="1"\nB="two"\n' }]);
    const failed = snapshotOf([{ file: 'broken.json', text: '{' }]);
    expect(appConfigRecording(failed, IDS)).toBeUndefined();
  });
});

describe('the deployment among recorded files', () => {
  test('is found by its shape; content and unreadable files are passed over', () => {
    const deployment = example('settings.deployment.json');
    const found = recordedDeployment([{ file: 'broken.json', text: '{' }, example('settings.json'), deployment]);
    expect(found).toEqual(JSON.parse(deployment.text));
    expect(recordedDeployment([example('settings.json'), { file: 'a.properties', text: 'A=1' }])).toBeUndefined();
  });
});
