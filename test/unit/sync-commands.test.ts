import { FINDING_KINDS, KIND_NAMES } from '../../lambdas/core/kinds';
import type { Finding } from '../../lambdas/core/model';
import { shellQuote } from '../../lambdas/core/shell-quote';
import { syncCommands } from '../../lambdas/core/sync-commands';
import { audit } from '../../lambdas/core/engine/audit';
import { estateFrom, estateYaml, NOW, snapshot } from '../helpers/estate';

const finding = (over: Partial<Finding>): Finding => ({
  id: 'f',
  kind: 'mismatch',
  severity: 'high',
  estate: 'shop',
  environment: 'production-us',
  key: 'db.timeout',
  message: 'm',
  ...over,
});

describe('syncCommands', () => {
  test('a mismatch: adopt and revert the key in its environment', () => {
    expect(syncCommands(finding({}))).toEqual({
      adopt: ['drift adopt production-us db.timeout'],
      revert: ['drift revert production-us db.timeout'],
    });
  });

  test('a parity finding: one --everywhere adoption per distinct value, from its first holder; an absent value is not adoptable', () => {
    const parity = finding({
      kind: 'parity',
      environment: undefined,
      group: 'prod',
      key: 'pool',
      values: { 'production-us': '20', 'production-eu': '30', 'production-ap': '20', dr: null },
    });
    expect(syncCommands(parity)).toEqual({
      adopt: ['drift adopt production-us pool --everywhere', 'drift adopt production-eu pool --everywhere'],
      revert: [],
    });
  });

  test('only the kinds the table marks syncable have commands', () => {
    const syncable = KIND_NAMES.filter((k) => FINDING_KINDS[k].syncable);
    expect(syncable).toEqual(['mismatch', 'parity']);
    for (const kind of KIND_NAMES.filter((k) => !syncable.includes(k))) expect(syncCommands(finding({ kind }))).toBeUndefined();
  });

  test('an exception-expired finding offers what the finding it carries offered; read back from the store too', () => {
    const estate = estateFrom(
      estateYaml(
        ['us', 'eu'],
        `parity:
  - { name: g, environments: [us, eu] }
baseline:
  undeclared: ignore
  keys:
    db.timeout: { type: duration, value: 10s }
    pool: { type: int }
    region: { required: true }
  exceptions:
    - { environment: us, key: db.timeout, reason: INC-1, expires: 2026-11-01 }
    - { group: g, key: pool, reason: INC-2, expires: 2026-11-01 }
    - { environment: eu, key: region, reason: INC-3, expires: 2026-11-01 }
`,
      ),
    );
    const { findings } = audit(
      estate,
      [
        snapshot('us', { values: { 'db.timeout': '60s', pool: '20', region: 'us' } }),
        snapshot('eu', { values: { 'db.timeout': '10s', pool: '30' } }),
      ],
      NOW,
    );
    const expired = (key: string): Finding => findings.find((f) => f.kind === 'exception-expired' && f.key === key)!;
    expect(syncCommands(expired('db.timeout'))).toEqual({ adopt: ['drift adopt us db.timeout'], revert: ['drift revert us db.timeout'] });
    expect(syncCommands(expired('pool'))).toEqual({
      adopt: ['drift adopt us pool --everywhere', 'drift adopt eu pool --everywhere'],
      revert: [],
    });
    // A missing key has no commands, expired exception or not.
    expect(syncCommands(expired('region'))).toBeUndefined();
    const stored = JSON.parse(JSON.stringify({ ...expired('db.timeout'), group: null })) as Finding;
    expect(syncCommands(stored)).toEqual(syncCommands(expired('db.timeout')));
  });

  test('a finding read back from the store, with null for absent fields, is handled', () => {
    expect(syncCommands({ ...finding({}), key: null } as unknown as Finding)).toBeUndefined();
    const stored = { ...finding({ kind: 'parity', values: { a: '1' } }), environment: null } as unknown as Finding;
    expect(syncCommands(stored)).toEqual({ adopt: ['drift adopt a db.timeout --everywhere'], revert: [] });
  });

  test.each([
    ['db.timeout', 'db.timeout'],
    ['/production/api/DB_TIMEOUT', '/production/api/DB_TIMEOUT'],
    ['a key', "'a key'"],
    ["it's $(rm -rf /)", `'it'\\''s $(rm -rf /)'`],
    // A newline stays inside the single quotes, as POSIX sh reads it (`$'…'` is not sh: dash would run the rest).
    ['x;y`z`\n', "'x;y`z`\n'"],
  ])('shell-quotes %j as %s', (word, quoted) => {
    expect(shellQuote(word)).toBe(quoted);
  });
});
