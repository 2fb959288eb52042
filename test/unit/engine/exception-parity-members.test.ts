import { audit } from '../../../lambdas/core/engine/audit';
import type { Finding } from '../../../lambdas/core/model';
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
