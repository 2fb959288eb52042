import fc from 'fast-check';
import { evaluateRule, type RuleInput, type RuleOutcome } from '../../../lambdas/core/rules/evaluate-rule';
import { formatBytes, formatDuration } from '../../../lambdas/core/rules/format-quantity';
import { parseRule } from '../../../lambdas/core/rules/parse-rule';
import type { ValueType } from '../../../lambdas/core/values/types';

type Given = string | { text: string; type?: ValueType; secret?: boolean };

function run(expression: string, values: Record<string, Given> = {}): RuleOutcome {
  const parsed = parseRule(expression);
  if (!parsed.ok) throw new Error(`${expression}: ${parsed.error}`);
  return evaluateRule(parsed.rule, (key): RuleInput => {
    const v = values[key];
    if (v === undefined) return { present: false };
    return typeof v === 'string' ? { present: true, text: v } : { present: true, ...v };
  });
}

const PASS: RuleOutcome = { result: 'pass' };
const fail = (detail: string): RuleOutcome => ({ result: 'fail', detail });
const error = (pattern: RegExp): RuleOutcome => ({ result: 'error', error: expect.stringMatching(pattern) });

describe('the spec rule: payment worst-case wait', () => {
  const rule = 'payment.timeout * payment.max.retries <= 120s';
  const env = (timeout: string, retries: string) => ({
    'payment.timeout': { text: timeout, type: 'duration' as const },
    'payment.max.retries': { text: retries, type: 'int' as const },
  });

  it.each<[string, Record<string, Given>, RuleOutcome]>([
    ['staging: 30 × 3', env('30', '3'), PASS],
    ['at the limit: 40 × 3', env('40', '3'), PASS],
    [
      'production: 60 × 5',
      env('60', '5'),
      fail('payment.timeout * payment.max.retries = 300s (payment.timeout = 60s, payment.max.retries = 5), not <= 120s'),
    ],
    [
      'written in minutes',
      env('1m', '3'),
      fail('payment.timeout * payment.max.retries = 3m (payment.timeout = 1m, payment.max.retries = 3), not <= 120s'),
    ],
    ['undeclared, written with a unit', { 'payment.timeout': '20s', 'payment.max.retries': '5' }, PASS],
    [
      'undeclared bare number',
      { 'payment.timeout': '60', 'payment.max.retries': '5' },
      error(/^cannot compare a number with a duration \(payment.timeout, payment.max.retries have no declared type/),
    ],
    ['no retries key', { 'payment.timeout': { text: '60', type: 'duration' } }, { result: 'skipped', missing: ['payment.max.retries'] }],
    ['neither key', {}, { result: 'skipped', missing: ['payment.timeout', 'payment.max.retries'] }],
    ['a timeout that is not a duration', env('soon', '5'), error(/payment.timeout: "soon" is not a duration/)],
  ])('%s', (_name, values, outcome) => {
    expect(run(rule, values)).toEqual(outcome);
  });
});

describe('constant rules', () => {
  it.each<[string, RuleOutcome]>([
    ['60s * 5 <= 120s', fail('60s * 5 = 300s, not <= 120s')],
    ['5 * 60s <= 120s', fail('5 * 60s = 300s, not <= 120s')],
    ['2Gi == 2048Mi', PASS],
    ['1m30s == 90s', PASS],
    ['1m == 60000ms', PASS],
    ['1h == 60m && 1d == 24h', PASS],
    ['500m == 500 * 1m', PASS],
    ['1G == 1000M && 1k * 1000 == 1M', PASS],
    ['1Gi / 1Mi == 1024', PASS],
    ['90s / 30s == 3', PASS],
    ['90s / 2 == 45s', PASS],
    ['90s % 60s == 30s', PASS],
    ['7 % 4 == 3', PASS],
    ['-5s < 0s', PASS],
    ['1m + 30s > 2m', fail('1m + 30s = 90s, not > 2m')],
    ['1Gi + 512Mi <= 1Gi', fail('1Gi + 512Mi = 1536Mi, not <= 1Gi')],
    ['0.1 + 0.2 == 0.3', PASS],
    ['1.5 * 2 == 3 && 1e3 == 1000', PASS],
    ["'a' < 'b' && 'b' >= 'b'", PASS],
    ['\'x\' == "x"', PASS],
    ['true != false', PASS],
    ['!(1 > 2)', PASS],
    ['1 > 2 || 2 > 1', PASS],
    ['1 > 2 || 3 > 4', fail('1, not > 2; and 3, not > 4')],
    ['1s < 2s && 2s > 3s', fail('2s, not > 3s')],
    ['1 < 2 ? 1s < 2s : false', PASS],
    ['1 > 2 ? true : 3s < 2s', fail('1 > 2 is false, and 3s, not < 2s')],
    ['!(1 < 2)', fail('!(1 < 2) is false')],
    ['1ms / 1h > 0.001', fail('1ms / 1h = 2.78e-7, not > 0.001')],
  ])('%s', (expression, outcome) => {
    expect(run(expression)).toEqual(outcome);
  });
});

describe('type and dimension errors', () => {
  it.each<[string, RegExp]>([
    ['5 <= 120s', /^cannot compare a number with a duration$/],
    ['1Gi > 1s', /^cannot compare a size with a duration$/],
    ["'1' == 1", /^cannot compare a string with a number$/],
    ['true == 1', /^cannot compare a bool with a number$/],
    ['60s * 5s <= 1s', /^cannot multiply a duration by a duration$/],
    ['2Gi * 2Gi > 0', /^cannot multiply a size by a size$/],
    ['1s + 1 > 0s', /^cannot add a number to a duration$/],
    ['1s - 1Gi > 0s', /^cannot subtract a size from a duration$/],
    ['1 / 1s > 0', /^cannot divide a number by a duration$/],
    ['1s / 1Gi > 0', /^cannot divide a duration by a size$/],
    ['1 / 0 == 1', /^division by zero$/],
    ['1s / 0s == 1', /^division by zero$/],
    ['5 % 0 == 1', /^modulo by zero$/],
    ["'a' + 'b' == 'ab'", /^"\+" needs numbers, durations or sizes, not a string$/],
    ['true < false', /^bools can only be compared with == and !=/],
    ['1 && true', /^"&&" needs a bool, not a number$/],
    ['false || 1s', /^"\|\|" needs a bool, not a duration$/],
    ['!1', /^"!" needs a bool, not a number$/],
    ["-'a' == 1", /^"-" needs a number, duration or size, not a string$/],
    ['1 ? true : false', /^the condition before "\?" needs a bool, not a number$/],
    ['1 + 1', /^a rule must be true or false, but this one gives 2 \(a number\)$/],
    ['60s * 5', /^a rule must be true or false, but this one gives 300s \(a duration\)$/],
    ["'x'", /gives "x" \(a string\)/],
    ['1e308 * 10 > 1', /^number out of range$/],
  ])('%s', (expression, message) => {
    expect(run(expression)).toEqual(error(message));
  });
});

describe('keys', () => {
  it.each<[string, Record<string, Given>, RuleOutcome]>([
    ['runtime.memory <= 1Gi', { 'runtime.memory': { text: '512Mi', type: 'bytes' } }, PASS],
    ['runtime.memory <= 1Gi', { 'runtime.memory': { text: '1536Mi', type: 'bytes' } }, fail('runtime.memory = 1536Mi, not <= 1Gi')],
    ['runtime.memory <= 1Gi', { 'runtime.memory': { text: '2147483648', type: 'bytes' } }, fail('runtime.memory = 2Gi, not <= 1Gi')],
    [
      'runtime.memory.limit >= runtime.memory',
      { 'runtime.memory.limit': '256Mi', 'runtime.memory': '512Mi' },
      fail('runtime.memory.limit = 256Mi, not >= runtime.memory = 512Mi'),
    ],
    ['runtime.cpu <= 1 && runtime.cpu == 0.5', { 'runtime.cpu': { text: '500m', type: 'cpu' } }, PASS],
    [
      'runtime.cpu.limit >= runtime.cpu * 2',
      { 'runtime.cpu.limit': { text: '1', type: 'cpu' }, 'runtime.cpu': { text: '250m', type: 'cpu' } },
      PASS,
    ],
    ['feature.on', { 'feature.on': { text: 'yes', type: 'bool' } }, PASS],
    ['feature.on', { 'feature.on': 'off' }, fail('feature.on is false')],
    ['!feature.on', { 'feature.on': 'on' }, fail('!feature.on is false (feature.on = true)')],
    ["log.level != 'DEBUG'", { 'log.level': 'DEBUG' }, fail('log.level = "DEBUG", not != \'DEBUG\'')],
    ["log.level == 'INFO'", { 'log.level': 'INFO' }, PASS],
    ['db.pool.size >= 10', { 'db.pool.size': { text: '20', type: 'int' } }, PASS],
    ['db.pool.size >= 10', { 'db.pool.size': { text: 'twenty', type: 'int' } }, error(/^db.pool.size: "twenty" is not an integer$/)],
    ['db.timeout < 1m', { 'db.timeout': '60000ms' }, fail('db.timeout = 60000ms, not < 1m')],
    ['db.timeout * 3 < 1m', { 'db.timeout': '20s' }, fail('db.timeout * 3 = 60s (db.timeout = 20s), not < 1m')],
    ["api.url == 'https://a.example/'", { 'api.url': { text: 'https://A.example', type: 'url' } }, PASS],
    ['n == 0 || 10s / n < 5s', { n: '0' }, PASS],
    ['n != 0 && 10s / n < 5s', { n: '2' }, fail('10s / n = 5s (n = 2), not < 5s')],
    [
      'a.enabled ? a.timeout <= 10s : true',
      { 'a.enabled': 'true', 'a.timeout': '30s' },
      fail('a.enabled is true, and a.timeout = 30s, not <= 10s'),
    ],
    ['a.enabled ? a.timeout <= 10s : true', { 'a.enabled': 'false', 'a.timeout': '30s' }, PASS],
    ['note == "x"', { note: 'line\nbreak\u202e' }, fail('note = "line\\nbreak\\u202e", not == "x"')],
  ])('%s with %j', (expression, values, outcome) => {
    expect(run(expression, values)).toEqual(outcome);
  });

  it('skips a rule whose keys are absent, naming all of them in order', () => {
    expect(run('c > 1 && a > 1 && b > 1', { a: '2' })).toEqual({ result: 'skipped', missing: ['c', 'b'] });
  });

  it('refuses to judge a secret, even where other keys are absent', () => {
    const outcome = run('payment.api.key == "x" && other', { 'payment.api.key': { text: '', secret: true } });
    expect(outcome).toEqual(error(/^payment.api.key is a secret/));
  });

  it('asks for each key once, by its canonical name, and nothing else', () => {
    const parsed = parseRule('constructor.constructor > 1 && a.b + a.b > 1 && prototype == 1');
    if (!parsed.ok) throw new Error(parsed.error);
    const asked: unknown[] = [];
    const outcome = evaluateRule(parsed.rule, (key) => {
      asked.push(key);
      return { present: false };
    });
    expect(asked).toEqual(['constructor.constructor', 'a.b', 'prototype']);
    expect(outcome).toEqual({ result: 'skipped', missing: asked });
  });
});

describe('formatting quantities', () => {
  it.each<[number, string | undefined, string]>([
    [300_000, 's', '300s'],
    [300_000, undefined, '5m'],
    [90_000, undefined, '1m30s'],
    [3_600_000, undefined, '1h'],
    [5_400_500, undefined, '1h30m0.5s'],
    [1500, undefined, '1.5s'],
    [250, undefined, '250ms'],
    [0.5, undefined, '0.5ms'],
    [0, 's', '0s'],
    [-90_000, undefined, '-1m30s'],
    [100_000 / 3, 's', '33.333s'],
    [30_000, 'm', '30s'], // half a minute reads better in seconds
  ])('duration %d in %s', (ms, unit, text) => {
    expect(formatDuration(ms, unit)).toBe(text);
  });

  it.each<[number, string | undefined, string]>([
    [2 * 1024 ** 3, undefined, '2Gi'],
    [2 * 1024 ** 3, 'Mi', '2048Mi'],
    [1536 * 1024 ** 2, undefined, '1536Mi'],
    [1.25 * 1024 ** 3 + 1, undefined, '1.25Gi'],
    [1e9, undefined, '1G'],
    [1536, undefined, '1.5Ki'],
    [512, undefined, '512B'],
    [0, undefined, '0B'],
  ])('size %d in %s', (bytes, unit, text) => {
    expect(formatBytes(bytes, unit)).toBe(text);
  });
});

describe('properties', () => {
  it('adds durations of one unit exactly', () => {
    fc.assert(
      fc.property(fc.nat({ max: 1_000_000 }), fc.nat({ max: 1_000_000 }), fc.constantFrom('ms', 's', 'm', 'h'), (a, b, u) => {
        expect(run(`${a}${u} + ${b}${u} == ${a + b}${u}`)).toEqual(PASS);
        expect(run(`${a}${u} + ${b}${u} != ${a + b}${u}`)).toEqual({ result: 'fail', detail: expect.any(String) });
      }),
    );
  });

  it('compares a duration however it is written', () => {
    fc.assert(
      fc.property(fc.nat({ max: 1000 }), fc.nat({ max: 59 }), (m, s) => {
        expect(run(`${m}m${s}s == ${m * 60 + s}s && ${m}m${s}s == ${(m * 60 + s) * 1000}ms`)).toEqual(PASS);
      }),
    );
  });

  it('never throws on any rule that parses, whatever the values', () => {
    const parts = [
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
    const texts = ['0', '1', '-1', '1.5', '60s', '2Gi', 'yes', 'off', 'x', '', '1e400', 'NaN'];
    const types = fc.constantFrom<ValueType | undefined>(undefined, 'int', 'number', 'duration', 'bytes', 'cpu', 'bool', 'string');
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...parts), { maxLength: 15 }),
        fc.dictionary(fc.constantFrom('a', 'b.c'), fc.record({ text: fc.constantFrom(...texts), type: types })),
        (tokens, values) => {
          const parsed = parseRule(tokens.join(''));
          if (!parsed.ok) return;
          const outcome = evaluateRule(parsed.rule, (key) => {
            const v = values[key];
            return v ? { present: true, text: v.text, ...(v.type ? { type: v.type } : {}) } : { present: false };
          });
          expect(['pass', 'fail', 'skipped', 'error']).toContain(outcome.result);
        },
      ),
      { numRuns: 3000 },
    );
  });
});
