import fc from 'fast-check';
import { audit } from '../../../lambdas/core/engine/audit';
import { applyExceptions } from '../../../lambdas/core/engine/exceptions';
import { findingFactory } from '../../../lambdas/core/engine/finding-factory';
import type { Finding } from '../../../lambdas/core/model';
import { estateFrom, estateYaml, NOW, snapshot } from '../../helpers/estate';

const KEYS =
  '  keys:\n    payment.timeout: { type: duration, value: 10s }\n    payment.retries: { type: int, value: 3 }\n    db.timeout: { type: duration, value: 10s }\n';
const line = (f: Finding) => `${f.kind} ${f.environment ?? f.group ?? '*'} ${f.key ?? f.rule}`;

function run(exceptions: string, rules = '') {
  const estate = estateFrom(
    estateYaml(['prod', 'staging'], `baseline:\n  undeclared: ignore\n${KEYS}  exceptions:\n${exceptions}${rules}`),
  );
  const drifted = { values: { 'payment.timeout': '60s', 'payment.retries': '5', 'db.timeout': '60s' } };
  return audit(estate, [snapshot('prod', drifted), snapshot('staging', drifted)], NOW);
}

describe('exception key globs', () => {
  test('`key: payment.*` excuses every payment key in its environment, and nothing else', () => {
    const r = run('    - { environment: prod, key: "payment.*", reason: "PAY-1 load test", expires: 2026-12-31 }\n');
    expect(r.suppressed.map(line).sort()).toEqual(['mismatch prod payment.retries', 'mismatch prod payment.timeout']);
    expect(r.findings.map(line).sort()).toEqual([
      'mismatch prod db.timeout',
      'mismatch staging db.timeout',
      'mismatch staging payment.retries',
      'mismatch staging payment.timeout',
    ]);
    expect(r.suppressed[0]!.exception).toMatchObject({ key: 'payment.*', reason: 'PAY-1 load test' });
  });

  test('`?` is one character; the glob is read in any spelling of a key (PAYMENT_*)', () => {
    expect(run('    - { environment: prod, key: "??.timeout", reason: r, expires: 2026-12-31 }\n').suppressed.map(line)).toEqual([
      'mismatch prod db.timeout',
    ]);
    expect(run('    - { environment: staging, key: "PAYMENT_*", reason: r, expires: 2026-12-31 }\n').suppressed.map(line).sort()).toEqual([
      'mismatch staging payment.retries',
      'mismatch staging payment.timeout',
    ]);
  });

  test('exact and glob exceptions together: the first in the baseline wins', () => {
    const globFirst = run(
      '    - { environment: prod, key: "payment.*", reason: glob, expires: 2026-12-31 }\n    - { environment: prod, key: payment.timeout, reason: exact, expires: 2026-10-01 }\n',
    );
    expect(globFirst.suppressed.find((f) => f.key === 'payment.timeout')?.exception?.reason).toBe('glob');
    const exactFirst = run(
      '    - { environment: prod, key: payment.timeout, reason: exact, expires: 2026-12-31 }\n    - { environment: prod, key: "payment.*", reason: glob, expires: 2026-12-31 }\n',
    );
    expect(exactFirst.suppressed.find((f) => f.key === 'payment.timeout')?.exception?.reason).toBe('exact');
    expect(exactFirst.suppressed.find((f) => f.key === 'payment.retries')?.exception?.reason).toBe('glob');
  });

  test('an expired glob exception turns what it excused into exception-expired', () => {
    const r = run('    - { environment: prod, key: "payment.*", reason: old, expires: 2026-10-01 }\n');
    expect(
      r.findings
        .map(line)
        .filter((l) => l.startsWith('exception-expired'))
        .sort(),
    ).toEqual(['exception-expired prod payment.retries', 'exception-expired prod payment.timeout']);
  });

  test("a glob exception with a value compares it by the type of the finding's key, as an exact one does", () => {
    const estateOf = (key: string) =>
      estateFrom(
        estateYaml(
          ['prod'],
          `baseline:\n  undeclared: ignore\n  keys:\n    payment.label: { type: string, value: none }\n  exceptions:\n    - { environment: prod, key: "${key}", value: 1m, reason: r, expires: 2026-12-31 }\n`,
        ),
      );
    // A string key: `60s` is not `1m`, though as durations they would be equal.
    for (const key of ['payment.label', 'payment.*']) {
      const r = audit(estateOf(key), [snapshot('prod', { values: { 'payment.label': '60s' } })], NOW);
      expect([key, r.suppressed.length, r.findings.map(line)]).toEqual([key, 0, ['mismatch prod payment.label']]);
    }
  });

  test('the exact index and the glob path agree: a glob matching one key excuses just what that exact key does', () => {
    const estateOf = (key: string) =>
      estateFrom(
        estateYaml(
          ['prod'],
          `baseline:\n  undeclared: ignore\n${KEYS}  exceptions:\n    - { environment: prod, key: "${key}", reason: r, expires: 2026-12-31 }\n`,
        ),
      );
    const make = findingFactory('shop');
    const keys = ['payment.timeout', 'payment.retries', 'db.timeout'];
    fc.assert(
      fc.property(fc.subarray(keys), fc.constantFrom(...keys), (present, excused) => {
        const findings = present.map((k) => make({ kind: 'mismatch', environment: 'prod', key: k, subject: k, message: k }));
        const exact = applyExceptions(estateOf(excused), findings, '2026-11-24', make);
        const glob = applyExceptions(estateOf(excused.replace(/t/g, '?')), findings, '2026-11-24', make);
        expect(glob.suppressed.map((f) => f.key)).toEqual(exact.suppressed.map((f) => f.key));
        expect(exact.suppressed.map((f) => f.key)).toEqual(present.filter((k) => k === excused));
      }),
    );
  });
});

describe('exceptions on rules', () => {
  const rule = '  rules:\n    - { name: payment-worst-case, assert: "payment.timeout * payment.retries <= 120s" }\n';

  test('an exception naming a rule (as its name is written, hyphens and all) excuses that rule', () => {
    const r = run('    - { environment: prod, key: payment-worst-case, reason: accepted, expires: 2026-12-31 }\n', rule);
    expect(r.suppressed.map(line)).toContain('rule prod payment-worst-case');
    expect(r.findings.map(line)).toContain('rule staging payment-worst-case');
  });

  test('a key glob matches rules too', () => {
    const r = run('    - { environment: "*", key: "payment-*", reason: accepted, expires: 2026-12-31 }\n', rule);
    expect(r.findings.map(line).filter((l) => l.startsWith('rule'))).toEqual([]);
  });
});
