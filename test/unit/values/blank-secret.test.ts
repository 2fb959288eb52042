import { asSecret } from '../../../lambdas/core/engine/secret-references';
import { acceptingMarkers, makeFingerprinter } from '../../../lambdas/core/fingerprint';
import { observationsHash } from '../../../lambdas/core/lifecycle/snapshot-diff';
import type { Observation } from '../../../lambdas/core/model';
import { fromSecretMarker, secretMarker } from '../../../lambdas/core/values/secret-marker';
import { isBlank, makeValue, textValue, type Value } from '../../../lambdas/core/values/value';
import { testFingerprinter, testLabel } from '../../helpers/context';

// Blanks a leak would carry visibly (em and en spaces: whitespace to trim(), rare anywhere else),
// and a secret beside them: neither may reach a value, a marker or a stored snapshot.
const BLANK_CANARY = '\u2003\u2002\u2003\u2002\u2003';
const CANARY = 'CANARY-blank-neighbour-9c1d';
const fp = testFingerprinter();
const secret = (text: string) => makeValue(text, true, fp) as Extract<Value, { kind: 'secret' }>;

describe('a secret read blank', () => {
  it.each([
    ['empty', ''],
    ['spaces and a tab', '  \t'],
    ['Unicode spaces', BLANK_CANARY],
  ])('says it is blank (%s), and nothing else of its text', (_, text) => {
    const v = secret(text);
    expect(v).toEqual({ kind: 'secret', fingerprint: fp.fingerprint(text), keyId: fp.keyId, blank: true });
    expect(isBlank(v)).toBe(true);
    expect(JSON.stringify(v)).not.toContain(BLANK_CANARY);
  });

  it('leaves a secret with any text in it as it was: nothing tells one length from another', () => {
    const short = secret('x');
    const long = secret(`  ${CANARY.repeat(40)}  `);
    expect(Object.keys(short)).toEqual(['kind', 'fingerprint', 'keyId']);
    expect(Object.keys(long)).toEqual(Object.keys(short));
    expect(JSON.stringify(long)).toHaveLength(JSON.stringify(short).length);
    expect(secretMarker(long)).toHaveLength(secretMarker(short).length);
    expect(isBlank(long)).toBe(false);
    expect(JSON.stringify(long)).not.toContain(CANARY);
  });

  it('is blank when made secret after it was read (a key secret in another environment)', () => {
    expect(asSecret(textValue(' '), fp)).toMatchObject({ kind: 'secret', blank: true });
    expect(asSecret(textValue(CANARY), fp)).not.toHaveProperty('blank');
  });
});

describe('a blank secret in a recording', () => {
  const accepting = acceptingMarkers(fp);

  it('is written as its marker with `:blank`, and read back as the same blank secret', () => {
    const v = secret(BLANK_CANARY);
    const marker = secretMarker(v);
    expect(marker).toBe(`drift-fingerprint:v1:${fp.keyId}:${v.fingerprint}:blank`);
    expect(makeValue(marker, false, accepting)).toEqual(v);
    expect(fromSecretMarker(secretMarker(secret(CANARY)))).toEqual(secret(CANARY));
  });

  it('is a secret of its own text where markers are not trusted, never the blank one it names', () => {
    const marker = secretMarker(secret(''));
    expect(makeValue(marker, true, fp)).toEqual(secret(marker));
    expect(makeValue(marker, true, fp)).not.toHaveProperty('blank');
  });

  it('written before markers said so, is known blank when empty (its fingerprint is the key’s of nothing)', () => {
    const old = (text: string) => `drift-fingerprint:v1:${fp.keyId}:${fp.fingerprint(text)}`;
    expect(makeValue(old(''), false, accepting)).toMatchObject({ kind: 'secret', blank: true });
    // One of blanks cannot be told from its fingerprint; nor an empty one under another key.
    expect(makeValue(old(' '), false, accepting)).not.toHaveProperty('blank');
    const other = makeFingerprinter(Buffer.alloc(32, 9));
    expect(makeValue(`drift-fingerprint:v1:${other.keyId}:${other.fingerprint('')}`, false, accepting)).not.toHaveProperty('blank');
  });

  it('is told from its marker without a fingerprint made per marker: a recording of many secrets reads them as fast as before', () => {
    let made = 0;
    const counting = acceptingMarkers({ keyId: fp.keyId, fingerprint: (text) => (made++, fp.fingerprint(text)) });
    const markers = ['a', 'b', 'c', ''].map((text) => `drift-fingerprint:v1:${fp.keyId}:${fp.fingerprint(text)}`);
    made = 0;
    const read = markers.map((m) => makeValue(m, true, counting));
    expect(made).toBe(0);
    expect(read.map((v) => isBlank(v))).toEqual([false, false, false, true]);
  });
});

describe('a blank secret in a stored snapshot', () => {
  const observation = (key: string, value: Value): Observation => ({
    key,
    rawKey: key,
    value,
    origin: { source: testLabel('ssm'), location: `/p/${key}` },
  });

  it('hashes apart from the same secret stored without the flag, so a snapshot an earlier drift stored is stored again', () => {
    const { blank: _blank, ...stored } = secret('');
    expect(observationsHash([observation('db.password', stored)])).not.toBe(observationsHash([observation('db.password', secret(''))]));
    // A secret with text hashes as it always did: no snapshot is stored again for it.
    const { fingerprint, keyId } = secret(CANARY);
    expect(observationsHash([observation('api.token', { kind: 'secret', fingerprint, keyId })])).toBe(
      observationsHash([observation('api.token', secret(CANARY))]),
    );
  });
});
