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

const secretByName = (key: string): boolean => /password|secret/.test(key);
const stored = (f: Partial<Finding> & Pick<Finding, 'kind'>): Finding => ({
  id: 'f1',
  severity: 'high',
  estate: 'shop',
  environment: 'staging',
  message: 'as the check wrote it',
  ...f,
});

describe('a stored finding of a secret-named key as it may still be shown', () => {
  test('keeps what is no value of the key: the object a dangling-ref names, the units a stale-runtime names', () => {
    const dangling = stored({
      kind: 'dangling-ref',
      key: 'smtp.password',
      expected: 'Secret checkout/checkout-secrets key smtp-password',
      message: 'smtp.password in staging refers to Secret checkout/checkout-secrets key smtp-password: key smtp-password not found',
    });
    const stale = stored({
      kind: 'stale-runtime',
      key: 'db.password',
      actual: 'a1, b2',
      message: '2 of 3 tasks of service api started before /prod/db_password changed at 2026-11-24 03:41 UTC …',
    });
    expect(withoutStalePlainValues(dangling, secretByName)).toBe(dangling);
    expect(withoutStalePlainValues(stale, secretByName)).toBe(stale);
  });

  test('still withholds a value stored in plain text, and a credential written where a name was', () => {
    const parity = stored({ kind: 'parity', key: 'smtp.password', values: { us: 'CANARYpw-us', eu: 'CANARYpw-eu' } });
    expect(JSON.stringify(withoutStalePlainValues(parity, secretByName))).not.toContain('CANARYpw');
    const token = `ghp_${'Zq7x3Kf9LmP2vR8tY4wB6nJ1hG5dS0aQcE3u'}`;
    const dangling = stored({ kind: 'dangling-ref', key: 'smtp.password', expected: `SSM parameter ${token}` });
    expect(JSON.stringify(withoutStalePlainValues(dangling, secretByName))).not.toContain(token);
  });
});
