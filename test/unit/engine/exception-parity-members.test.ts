import { audit } from '../../../lambdas/core/engine/audit';
import type { Finding } from '../../../lambdas/core/model';
import type { Value } from '../../../lambdas/core/values/value';
import { estateFrom, estateYaml, NOW, snapshot } from '../../helpers/estate';

const ENVS = ['us', 'eu', 'ap'];
const line = (f: Finding) => `${f.kind} ${f.environment ?? f.group} ${f.key}`;

/** A group of three whose `pool` (no expected value: parity judges it) is set per environment. */
function run(pools: Record<string, string>, exception: string) {
  const estate = estateFrom(
    estateYaml(
      ENVS,
      `parity:\n  - { name: prod, environments: [us, eu, ap] }\nbaseline:\n  undeclared: ignore\n  keys:\n    pool: { type: int }\n  exceptions:\n    - ${exception}\n`,
    ),
  );
  return audit(
    estate,
    ENVS.map((e) => snapshot(e, { values: pools[e] === undefined ? {} : { pool: pools[e] } })),
    NOW,
  );
}

describe('an exception on one member of a parity group of three', () => {
  test.each([
    ['an environment with its value', '{ environment: eu, key: pool, value: 10, reason: r, expires: 2026-12-31 }'],
    ['an environment, any value', '{ environment: eu, key: pool, reason: r, expires: 2026-12-31 }'],
    ['an environment glob', '{ environment: "e*", key: pool, reason: r, expires: 2026-12-31 }'],
    ['the group, with the one value it accepts', '{ group: prod, key: pool, value: 10, reason: r, expires: 2026-12-31 }'],
  ])('%s does not excuse the other members disagreeing among themselves', (_what, exception) => {
    const r = run({ us: '20', eu: '10', ap: '30' }, exception);
    expect(r.suppressed.map(line)).toEqual([]);
    expect(r.findings.map(line)).toEqual(['parity prod pool']);
  });

  test.each([
    ['an environment with its value', '{ environment: eu, key: pool, value: 10, reason: r, expires: 2026-12-31 }'],
    ['an environment, any value', '{ environment: eu, key: pool, reason: r, expires: 2026-12-31 }'],
    ['the group, with the one value it accepts', '{ group: prod, key: pool, value: 10, reason: r, expires: 2026-12-31 }'],
    ['the group, any value', '{ group: prod, key: pool, reason: r, expires: 2026-12-31 }'],
  ])('%s excuses the finding when the others agree (as integers: 20 = 020)', (_what, exception) => {
    const r = run({ us: '20', eu: '10', ap: '020' }, exception);
    expect(r.findings.map(line)).toEqual([]);
    expect(r.suppressed.map(line)).toEqual(['parity prod pool']);
  });

  test('absence counts among the members left: set in one, absent in another, is still drift', () => {
    const r = run({ us: '20', eu: '10' }, '{ environment: eu, key: pool, value: 10, reason: r, expires: 2026-12-31 }');
    expect(r.findings.map(line)).toEqual(['parity prod pool']);
  });
});

describe('a member the parity check did not compare takes no part in whether the others agree', () => {
  const judged = (values: Record<string, Record<string, string | Value>>, keys: string, exception: string) => {
    const estate = estateFrom(
      estateYaml(
        ENVS,
        `parity:\n  - { name: prod, environments: [us, eu, ap] }\nbaseline:\n  undeclared: ignore\n  keys:\n${keys}  exceptions:\n    - ${exception}\n`,
      ),
    );
    return audit(
      estate,
      ENVS.map((e) => snapshot(e, { values: values[e] ?? {} })),
      NOW,
    );
  };
  const EU = (key: string) => `{ environment: eu, key: ${key}, value: 5, reason: r, expires: 2026-12-31 }`;

  test("ap's replicas are its autoscaler's: the exception on eu's leaves us alone, and excuses the finding", () => {
    const r = judged(
      {
        us: { 'runtime.replicas': '3', 'runtime.autoscaling.enabled': 'false' },
        eu: { 'runtime.replicas': '5', 'runtime.autoscaling.enabled': 'false' },
        ap: { 'runtime.replicas': '9', 'runtime.autoscaling.enabled': 'true' },
      },
      '    runtime.replicas: {}\n',
      EU('runtime.replicas'),
    );
    expect(r.findings.map(line)).toEqual([]);
    expect(r.suppressed.map(line)).toEqual(['parity prod runtime.replicas']);
    expect(r.suppressed[0]!.notCompared).toEqual(['ap']);
  });

  test("ap's value cannot be read (opaque): the exception on eu's excuses the finding", () => {
    const unreadable: Value = { kind: 'opaque', reason: 'not valid UTF-8' };
    const r = judged({ us: { pool: '3' }, eu: { pool: '5' }, ap: { pool: unreadable } }, '    pool: { type: int }\n', EU('pool'));
    expect(r.findings.map(line)).toEqual([]);
    expect(r.suppressed.map(line)).toEqual(['parity prod pool']);
  });

  test('without the exception the finding stands, naming the member it did not compare', () => {
    const r = judged(
      { us: { pool: '3' }, eu: { pool: '5' }, ap: { pool: { kind: 'opaque', reason: 'not valid UTF-8' } } },
      '    pool: { type: int }\n',
      '{ environment: us, key: pool, value: 99, reason: r, expires: 2026-12-31 }',
    );
    expect(r.findings.map((f) => [line(f), f.notCompared])).toEqual([['parity prod pool', ['ap']]]);
  });
});
