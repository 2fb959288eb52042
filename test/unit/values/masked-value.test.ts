import { identity, sameValue } from '../../../lambdas/core/engine/equality';
import { acceptingMarkers, makeFingerprinter } from '../../../lambdas/core/fingerprint';
import { changedValues } from '../../../lambdas/core/lifecycle/snapshot-diff';
import type { Observation } from '../../../lambdas/core/model';
import { displayValue, makeValue, type Value } from '../../../lambdas/core/values/value';
import { recordedText } from '../../../lambdas/core/recordings/recorded-text';
import { testFingerprinter, testLabel } from '../../helpers/context';

const fp = testFingerprinter();
const url = (password: string, host = 'db'): string => `postgres://orders:${password}@${host}:5432/orders`;
const read = (text: string, key = 'database.url'): Value => makeValue(text, false, fp, key);

describe('a URL with a password', () => {
  it('is masked in place: the rest is shown, the password as the first 8 characters of its fingerprint', () => {
    const v = read(url('CANARY-pw-1'));
    expect(v).toEqual({
      kind: 'masked',
      text: `postgres://orders:<secret:${fp.fingerprint('CANARY-pw-1')}>@db:5432/orders`,
      keyId: fp.keyId,
    });
    expect(displayValue(v)).toBe(`postgres://orders:<secret:${fp.fingerprint('CANARY-pw-1').slice(0, 8)}>@db:5432/orders`);
    expect(JSON.stringify(v)).not.toContain('CANARY');
  });

  it('compares the full fingerprint: other passwords differ, the same password does not', () => {
    expect(sameValue(read(url('CANARY-pw-1')), read(url('CANARY-pw-1')), undefined)).toBe(true);
    expect(sameValue(read(url('CANARY-pw-1')), read(url('CANARY-pw-2')), undefined)).toBe(false);
    expect(sameValue(read(url('CANARY-pw-1')), read(url('CANARY-pw-1', 'db2')), undefined)).toBe(false);
    expect(sameValue(read(url('CANARY-pw-1')), read('postgres://orders@db:5432/orders'), undefined)).toBe(false);
    expect(identity(read(url('CANARY-pw-1')), 'url')).toContain(fp.fingerprint('CANARY-pw-1'));
  });

  it('is secret as a whole when the rest is a credential too, or its name says so', () => {
    expect(makeValue(url('pw'), true, fp, 'database.url').kind).toBe('secret');
    expect(read(`${url('pw')}?key=AKIAZ7CANARYQ4WXLMNB`).kind).toBe('secret');
  });

  it('is recorded with markers in place of its passwords, which read back as the same value', () => {
    const v = read(`${url('CANARY-pw-1')} redis://:CANARY-pw-2@cache:6379`);
    const losses: string[] = [];
    const recorded = recordedText(v, 'x', losses) as string;
    expect(recorded).not.toMatch(/CANARY/);
    expect(recorded).toMatch(
      /^postgres:\/\/orders:drift-fingerprint:v1:[0-9a-f]{12}:[0-9a-f]{64}@db:5432\/orders redis:\/\/:drift-fingerprint:v1:/,
    );
    // Read back as drift reads its own recordings, the markers are the fingerprints they carry.
    expect(makeValue(recorded, false, acceptingMarkers(fp), 'database.url')).toEqual(v);
    // Even read with another installation's key, a recorded fingerprint is kept as it was written.
    const other = acceptingMarkers(makeFingerprinter(Buffer.alloc(32, 1)));
    expect(makeValue(recorded, false, other, 'database.url')).toEqual(v);
    // Anywhere else a marker is no fingerprint: the same text is a different value.
    expect(read(recorded)).not.toEqual(v);
    expect(losses).toEqual([]);
  });

  it('changes (snapshot to snapshot) when its password does; not when only the fingerprint key does', () => {
    const obs = (value: Value): Observation => ({
      key: 'database.url',
      rawKey: 'DATABASE_URL',
      value,
      origin: { source: testLabel('dotenv'), location: 'x' },
    });
    const rotated = makeFingerprinter(Buffer.alloc(32, 3));
    expect(changedValues([obs(read(url('a')))], [obs(read(url('b')))])).toHaveLength(1);
    expect(changedValues([obs(read(url('a')))], [obs(makeValue(url('a'), false, rotated))])).toEqual([]);
    expect(changedValues([obs(read(url('a')))], [obs(makeValue(url('a', 'db2'), false, rotated))])).toHaveLength(1);
  });

  it('never shows a credential a snapshot stored in plain text before values were judged by content', () => {
    const obs = (value: Value): Observation => ({
      key: 'stripe.key',
      rawKey: 'STRIPE_KEY',
      value,
      origin: { source: testLabel('dotenv'), location: 'x' },
    });
    const old = { kind: 'text', text: 'sk_live_CANARYstr1pe9xQ2mLk7PzR4vW' } as const;
    const [change] = changedValues([obs(old)], [obs(read(old.text, 'stripe.key'))]);
    expect(JSON.stringify(change)).not.toContain('CANARY');
    expect(change?.before).toEqual({ kind: 'opaque', reason: expect.stringMatching(/plain text/), secret: true });
  });
});
