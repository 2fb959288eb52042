import { decodeObservations, encodeObservations, inflateStored } from '../../../lambdas/adapters/dynamodb/observation-codec';
import type { Observation } from '../../../lambdas/core/model';
import { makeValue, type Value } from '../../../lambdas/core/values/value';
import { testFingerprinter, testLabel } from '../../helpers/context';

// Em and en spaces: blanks a leak would carry visibly; and a secret with text beside them.
const BLANK_CANARY = '\u2003\u2002\u2003\u2002\u2003';
const CANARY = 'CANARY-blank-neighbour-9c1d';
const secret = (text: string): Value => makeValue(text, true, testFingerprinter());

describe('a blank secret in the store', () => {
  const observation = (key: string, value: Value): Observation => ({
    key,
    rawKey: key,
    value,
    origin: { source: testLabel('ssm'), location: `/p/${key}` },
  });
  const observations = [observation('db.password', secret(BLANK_CANARY)), observation('api.token', secret(CANARY))];

  it('is stored with its flag and its fingerprint only, and read back the same', () => {
    const chunks = encodeObservations(observations);
    const text = inflateStored(Buffer.concat(chunks)).toString('utf8');
    expect(text).not.toContain(BLANK_CANARY);
    expect(text).not.toContain(CANARY);
    const back = decodeObservations(chunks).map((o) => o.value);
    expect(back).toEqual(observations.map((o) => o.value));
    expect(back[0]).toMatchObject({ kind: 'secret', blank: true });
    expect(back[1]).not.toHaveProperty('blank');
  });
});
