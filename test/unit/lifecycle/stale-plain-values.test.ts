import { observationsWithoutStalePlainValues, withoutStalePlainValues } from '../../../lambdas/core/lifecycle/stale-plain-values';
import type { Finding, Observation } from '../../../lambdas/core/model';
import { displayValue, makeValue, type Value } from '../../../lambdas/core/values/value';
import { testFingerprinter, testLabel } from '../../helpers/context';

const fp = testFingerprinter();
const notSecret = (): boolean => false;
const observation = (key: string, value: Value): Observation => ({
  key,
  rawKey: key.toUpperCase(),
  value,
  origin: { source: testLabel('file'), location: key },
});
const finding = (key: string, actual: string): Finding => ({
  id: 'f1',
  kind: 'undeclared',
  severity: 'info',
  estate: 'shop',
  environment: 'prod',
  key,
  actual,
  message: `${key} is set in prod (${actual}) but the baseline does not declare it`,
});

// Values this drift masked in place: read back from the store, their hidden parts are fingerprints
// already, not credentials an earlier drift left in plain text.
const MASKED_IN_PLACE = [
  ['settings', '{"db":{"password":"CANARY-json-pw"}}'],
  ['settings', '{\\"db\\":{\\"password\\":\\"CANARY-escaped-pw\\"}}'],
  ['jdbc', 'jdbc:oracle:thin:scott/CANARY-oracle-pw@db:1521/ORCL'],
] as const;

describe('values stored masked in place', () => {
  it.each(MASKED_IN_PLACE)('%s %s: a stored snapshot keeps it as it was read', (key, text) => {
    const value = makeValue(text, false, fp, key);
    expect(value.kind).toBe('masked');
    const stored = [observation(key, value)];
    expect(observationsWithoutStalePlainValues(stored, notSecret)).toBe(stored);
  });

  it.each(MASKED_IN_PLACE)('%s %s: a stored finding keeps its values and message', (key, text) => {
    const f = finding(key, displayValue(makeValue(text, false, fp, key)));
    expect(withoutStalePlainValues(f, notSecret)).toBe(f);
  });

  it('a credential stored in plain text beside a masked part is still withheld', () => {
    const f = finding('settings', '{"db":{"password":"<secret:1a2b3c4d>"},"token":"CANARY-plain"}');
    const shown = withoutStalePlainValues(f, notSecret);
    expect(JSON.stringify(shown)).not.toContain('CANARY');
    const stored = [observation('settings', { kind: 'text', text: '{"password":"CANARY-plain"}' })];
    expect(observationsWithoutStalePlainValues(stored, notSecret)[0]?.value).toMatchObject({ kind: 'opaque', secret: true });
  });
});
