import { acceptingMarkers } from '../../../lambdas/core/fingerprint';
import type { SourceSnapshot } from '../../../lambdas/core/model';
import { secretsManagerRecording } from '../../../lambdas/core/recordings/secretsmanager-recording';
import { sourceKindOf, type SpecOf } from '../../../lambdas/core/source-kinds/registry';
import { secretsManagerObservations } from '../../../lambdas/core/sources/secretsmanager';
import { secretFromExport } from '../../../lambdas/core/sources/secretsmanager-export';
import type { SecretContent } from '../../../lambdas/core/sources/secretsmanager';
import { testContext, testFingerprinter, testLabel } from '../../helpers/context';

const CANARY = 'CANARY-sm-recording-51c0';
const ARN = 'arn:aws:secretsmanager:us-east-1:111122223333:secret:prod/api-AbCdEf';
const TEXT = JSON.stringify({ DB_PASSWORD: CANARY, 'a.b': 'dotted', db: { pool: { max: 20 }, 'x.y': 'z' } });
const spec: SpecOf<'secretsmanager'> = { type: 'secretsmanager', index: 0, secretId: 'prod/api' };

describe('the secretsmanager recording', () => {
  const label = testLabel('secretsmanager', 'secretsmanager prod/api');
  const read = (text: string, ctx = testContext(label)) => {
    const r = secretsManagerObservations(secretFromExport(JSON.parse(text)), 'prod/api', ctx);
    return { source: label, ...r, referable: sourceKindOf(spec).references?.referable(spec, r) } as SourceSnapshot;
  };
  const original = JSON.stringify({ ARN, Name: 'prod/api', VersionId: 'v-9', SecretString: TEXT, CreatedDate: '2026-11-20T08:15:02Z' });

  it('holds markers, never values, and nests the keys as the secret does', () => {
    const recording = secretsManagerRecording(read(original), { secretId: 'prod/api' })!;
    const text = recording.files[0]!.text;
    expect(text).not.toContain(CANARY);
    expect(text).not.toContain('dotted');
    const written = JSON.parse(text) as { SecretString: string; SecretStringFingerprint: string };
    const doc = JSON.parse(written.SecretString) as Record<string, unknown>;
    expect(Object.keys(doc)).toEqual(['DB_PASSWORD', 'a.b', 'db']);
    expect(Object.keys(doc.db as object)).toEqual(['pool', 'x']);
    expect(written.SecretStringFingerprint).toMatch(/^drift-fingerprint:v1:/);
    expect(recording.spec).toEqual({ secretId: 'prod/api' });
  });

  it('reads back, in a recording drift wrote, as the same observations and references', () => {
    const first = read(original);
    const text = secretsManagerRecording(first, { secretId: 'prod/api' })!.files[0]!.text;
    const again = read(text, { ...testContext(label), fp: acceptingMarkers(testFingerprinter()) });
    expect(again.observations).toEqual(first.observations);
    expect(again.referable).toEqual(first.referable);
  });

  it('keeps what ECS passes for keys holding a number, null, array or object, so references resolve as they did live', () => {
    const values = { POOL: 1000000, NONE: null, HOSTS: ['a', 'b'], FLAG: true, db: { port: 5432 } };
    const live = read(JSON.stringify({ ARN, Name: 'prod/api', VersionId: 'v-9', SecretString: JSON.stringify(values) }));
    const text = secretsManagerRecording(live, { secretId: 'prod/api' })!.files[0]!.text;
    const again = read(text, { ...testContext(label), fp: acceptingMarkers(testFingerprinter()) });
    const liveContent = (live.referable as { content: SecretContent }).content;
    expect(Object.keys(liveContent.asEcs ?? {})).toEqual(Object.keys(values));
    expect((again.referable as { content: SecretContent }).content.asEcs).toEqual(liveContent.asEcs);
  });

  it('a secret that could not be read is not recorded', () => {
    expect(
      secretsManagerRecording(read(JSON.stringify({ Name: 'prod/api', SecretString: '{"cut' })), { secretId: 'prod/api' }),
    ).toBeUndefined();
  });

  it.each([
    ['plain text', CANARY, undefined],
    ['a JSON object read whole under `key`', TEXT, 'credentials'],
  ])('a secret read as one value (%s) is recorded as its marker and reads back as the same value', (_what, text, key) => {
    const readAs = (json: string, ctx = testContext(label)) => {
      const r = secretsManagerObservations(secretFromExport(JSON.parse(json)), 'prod/api', ctx, key);
      return { source: label, ...r, referable: sourceKindOf(spec).references?.referable(spec, r) } as SourceSnapshot;
    };
    const first = readAs(JSON.stringify({ ARN, Name: 'prod/api', VersionId: 'v-9', SecretString: text }));
    const recording = secretsManagerRecording(first, { secretId: 'prod/api', ...(key ? { key } : {}) })!;
    const written = recording.files[0]!.text;
    expect(written).not.toContain(CANARY);
    expect(written).not.toContain('dotted');
    expect((JSON.parse(written) as { SecretString: string }).SecretString).toMatch(/^drift-fingerprint:v1:/);
    expect(recording.spec).toEqual({ secretId: 'prod/api', ...(key ? { key } : {}) });
    const again = readAs(written, { ...testContext(label), fp: acceptingMarkers(testFingerprinter()) });
    expect(again.errors).toEqual([]);
    expect(again.observations).toEqual(first.observations);
    expect(again.referable).toEqual(first.referable);
  });
});
