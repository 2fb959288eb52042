import type { RuleSpec } from '../../lambdas/core/estate/model';
import type { Finding } from '../../lambdas/core/model';
import { groupRelated, ruleKeysOf, withParityCauses } from '../../lambdas/core/related-findings';

const f = (id: string, over: Partial<Finding>): Finding => ({
  id,
  kind: 'mismatch',
  severity: 'medium',
  estate: 'shop',
  environment: 'prod',
  message: id,
  ...over,
});

const rules: RuleSpec[] = [
  { name: 'wait', assert: 'payment.timeout * payment.retries <= 120s' },
  { name: 'broken', assert: 'a +' },
];

/** Each group as `lead: related…`, by id. */
const shape = (findings: Finding[], keys = ruleKeysOf(rules)): string[] =>
  groupRelated(findings, keys).map((g) => (g.related.length ? `${g.lead.id}: ${g.related.map((r) => r.id).join(', ')}` : g.lead.id));

describe('groupRelated: one entry per root cause', () => {
  test.each<[string, Finding[], string[]]>([
    [
      'an emergency bump: mismatch and constraint on one key, the more severe leads',
      [
        f('c', { kind: 'constraint', severity: 'high', key: 'db.timeout' }),
        f('m', { key: 'db.timeout' }),
        f('s', { kind: 'shadowed', severity: 'low', key: 'db.timeout' }),
      ],
      ['c: m, s'],
    ],
    [
      'the lead is the most severe even when it comes later; the group sits where the lead was',
      [
        f('x', { severity: 'high', key: 'other' }),
        f('m', { key: 'db.timeout' }),
        f('c', { kind: 'constraint', severity: 'critical', key: 'db.timeout' }),
      ],
      ['x', 'c: m'],
    ],
    [
      'the same key in two environments: two causes',
      [f('p', { key: 'db.timeout' }), f('s', { key: 'db.timeout', environment: 'staging' })],
      ['p', 's'],
    ],
    [
      'parity and estate-wide findings stand alone',
      [
        f('g', { kind: 'parity', environment: undefined, group: 'us-vs-eu', key: 'db.timeout' }),
        f('m', { key: 'db.timeout' }),
        f('e', { kind: 'rule', environment: undefined, rule: 'wait' }),
      ],
      ['g', 'm', 'e'],
    ],
    [
      'a parity finding joins the findings on its key of a member where it is absent (a reference to nothing): one fact',
      [
        f('g', {
          kind: 'parity',
          environment: undefined,
          group: 'us-vs-eu',
          key: 'db.password',
          values: { 'prod-us': 'x', 'prod-eu': null },
        }),
        f('d', { kind: 'dangling-ref', severity: 'high', environment: 'prod-eu', key: 'db.password' }),
        f('u', { kind: 'undeclared', severity: 'info', environment: 'prod-us', key: 'db.password' }),
      ],
      ['d: g', 'u'],
    ],
    [
      'a parity finding joins a dangling-ref of a member whose value is the bare reference (an SSM parameter not there)',
      [
        f('g', {
          kind: 'parity',
          environment: undefined,
          group: 'g1',
          key: 'db.host',
          values: { a: '<secret:1a2b3c4d>', b: '<ref:/b/db/host>' },
        }),
        f('d', { kind: 'dangling-ref', severity: 'high', environment: 'b', key: 'db.host' }),
      ],
      ['d: g'],
    ],
    [
      "two members referencing nothing are two facts, each under its own environment: the parity difference joins the first, never the other's",
      [
        f('g', {
          kind: 'parity',
          environment: undefined,
          group: 'prod',
          key: 'payment.token',
          values: { 'prod-us': '<secret:1a2b3c4d>', 'prod-eu': null, 'prod-ap': '<ref:/prod-ap/payment/token>' },
        }),
        f('e', { kind: 'dangling-ref', severity: 'high', environment: 'prod-eu', key: 'payment.token' }),
        f('a', { kind: 'dangling-ref', severity: 'high', environment: 'prod-ap', key: 'payment.token' }),
      ],
      ['e: g', 'a'],
    ],
    [
      'a parity difference its causes do not explain stands alone: a member lacks the key with no finding saying why, and fixing the references would leave it',
      [
        f('g', {
          kind: 'parity',
          environment: undefined,
          group: 'prod',
          key: 'payment.token',
          values: { 'prod-us': null, 'prod-eu': null, 'prod-ap': '<ref:/prod-ap/payment/token>' },
        }),
        f('e', { kind: 'dangling-ref', severity: 'high', environment: 'prod-eu', key: 'payment.token' }),
        f('a', { kind: 'dangling-ref', severity: 'high', environment: 'prod-ap', key: 'payment.token' }),
        f('h', {
          kind: 'parity',
          environment: undefined,
          group: 'prod',
          key: 'db.host',
          values: { 'prod-us': 'a', 'prod-eu': 'b', 'prod-ap': null },
        }),
        f('m', { kind: 'missing', severity: 'high', environment: 'prod-ap', key: 'db.host' }),
      ],
      ['g', 'e', 'a', 'h', 'm'],
    ],
    [
      'a parity finding stands apart from a member that has the key, and from a non-member',
      [
        f('g', { kind: 'parity', environment: undefined, group: 'us-vs-eu', key: 'db.pool', values: { 'prod-us': '1', 'prod-eu': '2' } }),
        f('m', { environment: 'prod-eu', key: 'db.pool' }),
        f('s', { kind: 'dangling-ref', environment: 'staging', key: 'db.pool' }),
      ],
      ['g', 'm', 's'],
    ],
    [
      'a rule joins the findings of its environment on the keys it reads, and so joins them to each other',
      [
        f('r', { kind: 'rule', severity: 'high', rule: 'wait' }),
        f('t', { key: 'payment.timeout' }),
        f('n', { key: 'payment.retries' }),
        f('o', { key: 'other' }),
      ],
      ['r: t, n', 'o'],
    ],
    [
      'not the findings of another environment',
      [f('r', { kind: 'rule', severity: 'high', rule: 'wait' }), f('t', { key: 'payment.timeout', environment: 'staging' })],
      ['r', 't'],
    ],
    [
      'a rule that does not parse reads no keys',
      [f('r', { kind: 'rule', severity: 'high', rule: 'broken' }), f('a', { key: 'a' })],
      ['r', 'a'],
    ],
  ])('%s', (_name, findings, expected) => {
    expect(shape(findings)).toEqual(expected);
  });

  test('without rule keys, rules stand alone; every finding is in exactly one group', () => {
    const findings = [
      f('r', { kind: 'rule', severity: 'high', rule: 'wait' }),
      f('t', { key: 'payment.timeout' }),
      f('u', { key: 'payment.timeout', kind: 'exception-expired' }),
    ];
    expect(shape(findings, new Map())).toEqual(['r', 't: u']);
    const ids = groupRelated(findings)
      .flatMap((g) => [g.lead, ...g.related])
      .map((x) => x.id)
      .sort();
    expect(ids).toEqual(['r', 't', 'u']);
  });

  test('ruleKeysOf: the canonical keys each rule reads', () => {
    expect(ruleKeysOf(rules)).toEqual(new Map([['wait', ['payment.timeout', 'payment.retries']]]));
  });
});

describe('withParityCauses', () => {
  const parity = (values: Record<string, string | null>) =>
    f('g', { kind: 'parity', environment: undefined, group: 'prod', key: 'payment.token', values });
  const eu = f('e', { kind: 'dangling-ref', severity: 'high', environment: 'prod-eu', key: 'payment.token' });
  const ap = f('a', { kind: 'dangling-ref', severity: 'high', environment: 'prod-ap', key: 'payment.token' });
  const causedBy = (values: Record<string, string | null>) => withParityCauses([parity(values), eu, ap])[0]!.causedBy;

  test('names every member cause when fixing them could end the difference', () => {
    expect(causedBy({ 'prod-us': 'x', 'prod-eu': null, 'prod-ap': '<ref:/p>' })?.map((c) => c.id)).toEqual(['e', 'a']);
  });

  test('names none when the other members lack the key too, or differ among themselves', () => {
    expect(causedBy({ 'prod-us': null, 'prod-eu': null, 'prod-ap': '<ref:/p>' })).toBeUndefined();
    expect(withParityCauses([parity({ 'prod-us': 'x', 'prod-eu': null, 'prod-ap': 'y' }), eu])[0]!.causedBy).toBeUndefined();
  });
});
