import fc from 'fast-check';
import { evaluateRule, type RuleOutcome } from '../../../lambdas/core/rules/evaluate-rule';
import { parseRule } from '../../../lambdas/core/rules/parse-rule';
import { typeCheckRule } from '../../../lambdas/core/rules/type-check-rule';
import type { ValueType } from '../../../lambdas/core/values/types';

function check(expression: string, types: Record<string, ValueType> = {}): string[] {
  const parsed = parseRule(expression);
  if (!parsed.ok) throw new Error(`${expression}: ${parsed.error}`);
  return typeCheckRule(parsed.rule.ast, (k) => types[k]).map((p) => p.message);
}

const TYPES: Record<string, ValueType> = {
  'db.timeout': 'duration',
  'cache.size': 'bytes',
  'feature.on': 'bool',
  'pool.size': 'int',
  'log.level': 'string',
  'runtime.memory': 'bytes',
  'runtime.cpu': 'cpu',
  'api.url': 'url',
};

describe('rules that cannot work whatever the values', () => {
  it.each<[string, string]>([
    [
      'db.timeout + cache.size > 0s',
      'cannot add a size to a duration: db.timeout + cache.size (db.timeout is duration, cache.size is bytes)',
    ],
    ['feature.on == 1', 'cannot compare a bool with a number: feature.on == 1 (feature.on is bool)'],
    ['feature.on > false', 'bools can only be compared with == and !=, not ">": feature.on > false (feature.on is bool)'],
    [
      'db.timeout * pool.size <= 1Gi',
      'cannot compare a duration with a size: db.timeout * pool.size <= 1Gi (db.timeout is duration, pool.size is int)',
    ],
    ['db.timeout * db.timeout > 0s', 'cannot multiply a duration by a duration: db.timeout * db.timeout (db.timeout is duration)'],
    [
      'pool.size / db.timeout > 0',
      'cannot divide a number by a duration: pool.size / db.timeout (pool.size is int, db.timeout is duration)',
    ],
    ['log.level + 1 == 2', '"+" needs numbers, durations or sizes, not a string: log.level + 1 (log.level is string)'],
    ['api.url > 1', 'cannot compare a string with a number: api.url > 1 (api.url is url)'],
    ['runtime.memory <= 2s', 'cannot compare a size with a duration: runtime.memory <= 2s (runtime.memory is bytes)'],
    ['pool.size && true', '"&&" needs a bool, not a number: pool.size (pool.size is int)'],
    ['!db.timeout', '"!" needs a bool, not a duration: !db.timeout (db.timeout is duration)'],
    ['-feature.on == 1', '"-" needs a number, duration or size, not a bool: -feature.on (feature.on is bool)'],
    ['db.timeout ? true : false', 'the condition before "?" needs a bool, not a duration: db.timeout (db.timeout is duration)'],
    ['db.timeout * 2', 'a rule must be true or false, but this one gives a duration'],
  ])('%s', (expression, message) => {
    expect(check(expression, TYPES)).toEqual([message]);
  });

  test('a mistake is reported once, not again by every expression around it', () => {
    expect(check('db.timeout + cache.size > 0s && pool.size > 1', TYPES)).toHaveLength(1);
  });

  test('both branches of || and ?: are checked: either may run', () => {
    expect(check('pool.size == 0 || db.timeout / pool.size < 1Gi', TYPES)).toEqual([
      'cannot compare a duration with a size: db.timeout / pool.size < 1Gi (db.timeout is duration, pool.size is int)',
    ]);
    expect(check('feature.on ? db.timeout > 1s : cache.size > 1s', TYPES)).toHaveLength(1);
  });

  test('each branch of ?: must give what its place needs, whichever runs', () => {
    expect(check('feature.on ? 2s : feature.on', TYPES)).toEqual(['a rule must be true or false, but this one can give a duration']);
    expect(check('(feature.on ? db.timeout : cache.size) > 1s', TYPES)).toEqual([
      'cannot compare a size with a duration: (feature.on ? db.timeout : cache.size) > 1s (feature.on is bool, db.timeout is duration, cache.size is bytes)',
    ]);
    expect(check('feature.on && (pool.size > 1 ? true : pool.size)', TYPES)).toEqual([
      '"&&" needs a bool, not a number: pool.size > 1 ? true : pool.size (pool.size is int)',
    ]);
    expect(check('feature.on ? db.timeout > 1s : pool.size > 2', TYPES)).toEqual([]);
    // A key without a declared type may be of the branch's type: never a false problem.
    expect(check('feature.on ? 2s : x', TYPES)).toEqual(['a rule must be true or false, but this one can give a duration']);
    expect(check('(feature.on ? db.timeout : x) > 1s', TYPES)).toEqual([]);
  });
});

describe('rules that type-check', () => {
  it.each([
    'db.timeout * pool.size <= 120s',
    'runtime.memory <= 1Gi && runtime.cpu >= 0.5',
    'db.timeout / 1s < pool.size',
    'feature.on == false || log.level == "DEBUG"',
    'pool.size == 0 || db.timeout / pool.size < 5s',
    'feature.on ? db.timeout > 1s : cache.size > 1Mi',
    '!feature.on',
    '-db.timeout < 0s',
  ])('%s', (expression) => {
    expect(check(expression, TYPES)).toEqual([]);
  });

  test('a key without a declared type may be anything: never a false problem', () => {
    expect(check('timeout * retries <= 120s')).toEqual([]);
    expect(check('flag')).toEqual([]);
    expect(check('x + y > 0 && x')).toEqual([]);
    expect(check('size + db.timeout > 0s', TYPES)).toEqual([]);
  });

  test('a key without a declared type still cannot rescue what fails for every type', () => {
    expect(check('feature.on + x > 0', TYPES)).toEqual([
      '"+" needs numbers, durations or sizes, not a bool: feature.on + x (feature.on is bool)',
    ]);
    expect(check('x * 1s * 1Mi > 0s')).toEqual(['cannot multiply a duration by a size: x * 1s * 1Mi']);
  });
});

// Texts each declared type reads without error (no zeros, so no division by zero from keys).
const VALID_TEXTS: Record<ValueType, string[]> = {
  int: ['1', '-3', '20'],
  number: ['1.5', '3', '-2'],
  cpu: ['500m', '1', '0.25'],
  duration: ['60s', '1m30s', '250ms', '5'],
  bytes: ['2Gi', '512Mi', '1000'],
  bool: ['yes', 'off', 'true'],
  string: ['x', '60s', ''],
  url: ['https://a.example/x'],
  json: ['{"a":1}', '[1,2]'],
};
const ANY_TEXTS = ['0', '1', '-1', '1.5', '60s', '2Gi', 'yes', 'off', 'x', ''];
const PARTS = [
  'a',
  'b.c',
  '1',
  '0',
  '2s',
  '3Gi',
  "'x'",
  'true',
  ' + ',
  ' - ',
  ' * ',
  ' / ',
  ' % ',
  ' <= ',
  ' == ',
  ' && ',
  ' || ',
  ' ? ',
  ' : ',
  '!',
  '-',
  '(',
  ')',
];
const KEYS = ['a', 'b.c'] as const;
const TYPE_NAMES = Object.keys(VALID_TEXTS) as ValueType[];

function evaluate(expression: string, values: Record<string, { text: string; type?: ValueType }>): RuleOutcome | undefined {
  const parsed = parseRule(expression);
  if (!parsed.ok) return undefined;
  // Keys the tokens happen to form (`aa`, `b.ca`) read as `a` does.
  return evaluateRule(parsed.rule, (key) => ({ present: true, ...(values[key] ?? values.a!) }));
}

describe('the checker and the evaluator agree (one table of types)', () => {
  it('a rule that type-checks never fails on types at run time, for values of the declared types', () => {
    const typed = fc.record({ a: fc.constantFrom(...TYPE_NAMES), 'b.c': fc.constantFrom(...TYPE_NAMES) });
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...PARTS), { maxLength: 15 }), typed, fc.nat(), (tokens, types, pick) => {
        const expression = tokens.join('');
        const parsed = parseRule(expression);
        if (!parsed.ok) return;
        const problems = typeCheckRule(parsed.rule.ast, (k) => (k === 'b.c' ? types['b.c'] : types.a));
        const values = Object.fromEntries(
          KEYS.map((k) => [k, { text: VALID_TEXTS[types[k]][pick % VALID_TEXTS[types[k]].length]!, type: types[k] }]),
        );
        const outcome = evaluate(expression, values)!;
        if (problems.length === 0 && outcome.result === 'error') expect(outcome.error).toMatch(/zero|out of range/);
      }),
      { numRuns: 5000 },
    );
  });

  it('a rule the checker refuses (no short-circuit) fails at run time whatever the values, declared or not', () => {
    const maybeTyped = fc.constantFrom<ValueType | undefined>(undefined, ...TYPE_NAMES);
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...PARTS.filter((p) => !['&&', '||', '?', ':'].includes(p.trim()))), { maxLength: 15 }),
        fc.record({ a: maybeTyped, 'b.c': maybeTyped }),
        fc.nat(),
        (tokens, types, pick) => {
          const expression = tokens.join('');
          const parsed = parseRule(expression);
          if (!parsed.ok) return;
          const problems = typeCheckRule(parsed.rule.ast, (k) => (k === 'b.c' ? types['b.c'] : types.a));
          if (problems.length === 0) return;
          const values = Object.fromEntries(
            KEYS.map((k) => {
              const type = types[k];
              const texts = type ? VALID_TEXTS[type] : ANY_TEXTS;
              return [k, { text: texts[pick % texts.length]!, ...(type ? { type } : {}) }];
            }),
          );
          expect(evaluate(expression, values)!.result).toBe('error');
        },
      ),
      { numRuns: 5000 },
    );
  });
});
