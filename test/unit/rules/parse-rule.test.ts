import fc from 'fast-check';
import jsep from 'jsep';
import { MAX_RULE_DEPTH, MAX_RULE_LENGTH, parseRule } from '../../../lambdas/core/rules/parse-rule';
import { printRule } from '../../../lambdas/core/rules/print-rule';
import type { CompiledRule, RuleNode, RuleValue } from '../../../lambdas/core/rules/rule-ast';

function compiled(expression: string): CompiledRule {
  const parsed = parseRule(expression);
  if (!parsed.ok) throw new Error(`expected ${expression} to parse: ${parsed.error}`);
  return parsed.rule;
}

function literal(expression: string): RuleValue {
  const { ast } = compiled(expression);
  if (ast.kind !== 'literal') throw new Error(`${expression} is not a literal`);
  return ast.value;
}

describe('parseRule: accepted rules', () => {
  it.each<[string, string[], string]>([
    [
      'payment.timeout * payment.max.retries <= 120s',
      ['payment.timeout', 'payment.max.retries'],
      'payment.timeout * payment.max.retries <= 120s',
    ],
    ['(a + b) * c', ['a', 'b', 'c'], '(a + b) * c'],
    ['a + b * c', ['a', 'b', 'c'], 'a + b * c'],
    ['a - (b - c)', ['a', 'b', 'c'], 'a - (b - c)'],
    ['a.b + a.b + c', ['a.b', 'c'], 'a.b + a.b + c'],
    ['a === b', ['a', 'b'], 'a == b'],
    ['a !== b', ['a', 'b'], 'a != b'],
    ['!enabled || x > 1', ['enabled', 'x'], '!enabled || x > 1'],
    ['!(a && b)', ['a', 'b'], '!(a && b)'],
    ['-x < 0', ['x'], '-x < 0'],
    ['a ? b : c', ['a', 'b', 'c'], 'a ? b : c'],
    ['a ? b : c ? d : e', ['a', 'b', 'c', 'd', 'e'], 'a ? b : c ? d : e'],
    [
      "log.level == 'DEBUG' && log.include.sensitive == false",
      ['log.level', 'log.include.sensitive'],
      "log.level == 'DEBUG' && log.include.sensitive == false",
    ],
    ['db.pool.size % 2 == 0', ['db.pool.size'], 'db.pool.size % 2 == 0'],
    ['  runtime.memory.limit >= runtime.memory\n', ['runtime.memory.limit', 'runtime.memory'], 'runtime.memory.limit >= runtime.memory'],
    ['http2.enabled', ['http2.enabled'], 'http2.enabled'],
    [
      'enable.new.checkout || retry.with.backoff && new.relic.in',
      ['enable.new.checkout', 'retry.with.backoff', 'new.relic.in'],
      'enable.new.checkout || retry.with.backoff && new.relic.in',
    ],
    ['1.5 < 2 && 1e3 == 1000 && .5 < 1', [], '1.5 < 2 && 1e3 == 1000 && .5 < 1'],
  ])('%s', (expression, keys, printed) => {
    const rule = compiled(expression);
    expect(rule.expression).toBe(expression);
    expect(rule.keys).toEqual(keys);
    expect(printRule(rule.ast)).toBe(printed);
    // What we print parses back to the same tree, so details quote rules faithfully.
    expect(compiled(printed).ast).toEqual(rule.ast);
  });

  it.each<[string, RuleValue]>([
    ['5', { type: 'number', value: 5 }],
    ['1.5', { type: 'number', value: 1.5 }],
    ['1e3', { type: 'number', value: 1000 }],
    ['2.5E-1', { type: 'number', value: 0.25 }],
    ['.5', { type: 'number', value: 0.5 }],
    ['120s', { type: 'duration', value: 120_000, unit: 's' }],
    ['250ms', { type: 'duration', value: 250, unit: 'ms' }],
    ['1m30s', { type: 'duration', value: 90_000, unit: 's' }],
    ['2h', { type: 'duration', value: 7_200_000, unit: 'h' }],
    ['1d', { type: 'duration', value: 86_400_000, unit: 'd' }],
    ['1.5h', { type: 'duration', value: 5_400_000, unit: 'h' }],
    ['500m', { type: 'duration', value: 30_000_000, unit: 'm' }], // minutes, never millicores
    ['512Mi', { type: 'bytes', value: 512 * 1024 ** 2, unit: 'Mi' }],
    ['2Gi', { type: 'bytes', value: 2 * 1024 ** 3, unit: 'Gi' }],
    ['1G', { type: 'bytes', value: 1e9, unit: 'G' }],
    ['10M', { type: 'bytes', value: 1e7, unit: 'M' }],
    ['1k', { type: 'bytes', value: 1000, unit: 'k' }],
    ['1Ei', { type: 'bytes', value: 1024 ** 6, unit: 'Ei' }],
    ['"a b"', { type: 'string', value: 'a b' }],
    ['true', { type: 'bool', value: true }],
    ['false', { type: 'bool', value: false }],
  ])('literal %s', (expression, value) => {
    expect(literal(expression)).toEqual(value);
  });

  it('keeps the stock jsep grammar for anyone else in the process', () => {
    compiled('1s < 2s');
    expect(jsep('1 + 2')).toMatchObject({ type: 'BinaryExpression', operator: '+' });
    expect(() => jsep('120s')).toThrow(/Variable names cannot start with a number/);
  });

  it('registers its jsep hook once however often it parses', () => {
    for (let i = 0; i < 5; i++) compiled('1s < 2s');
    expect(Object.keys(jsep.plugins.registered).filter((n) => n === 'drift-quantities')).toHaveLength(1);
    expect((jsep.hooks as unknown as Record<string, unknown[]>)['gobble-token']).toHaveLength(1);
  });
});

describe('parseRule: refused rules', () => {
  it.each<[string, RegExp]>([
    ["constructor.constructor('return process')()", /function call is not supported/],
    ['process.exit()', /function call is not supported/],
    ['this', /"this" is not supported/],
    ['this.x > 1', /"this" is not supported/],
    ['a[0]', /computed access/],
    ["a['b']", /computed access/],
    ['__proto__', /not a key name/],
    ['a.__proto__ == 1', /not a key name/],
    ['$x > 1', /not a key name/],
    ['DB_TIMEOUT > 1s', /write "db.timeout", not "DB_TIMEOUT"/],
    ['Payment.Timeout > 1s', /write "payment.timeout"/],
    ['a?.b', /optional chaining/],
    ["'x'.length > 1", /property access is only for key names/],
    ['(a + b).c', /property access/],
    ['[1, 2]', /an array is not supported/],
    ['a in b', /"in" is not supported/],
    ['new Date()', /"new" is not supported/],
    ['typeof a', /"typeof" is not supported/],
    ['undefined == a', /"undefined" is not supported/],
    ['in', /"in" is not supported/],
    ['null', /null is not supported/],
    ['a | b', /operator "\|" is not supported/],
    ['a & b', /operator "&" is not supported/],
    ['a ^ b', /operator "\^" is not supported/],
    ['a << 2', /operator "<<" is not supported/],
    ['a ** 2', /operator "\*\*" is not supported/],
    ['a ?? b', /operator "\?\?" is not supported/],
    ['~a', /unary operator "~"/],
    ['+a', /unary operator "\+"/],
    ['a = 1', /Unexpected/],
    ['a => 1', /Unexpected|not supported/],
    ['`x`', /Unexpected/],
    ['/a/.test(b)', /Unexpected|not supported/],
    ['a; b', /one expression/],
    ['a, b', /one expression/],
    ['a b', /one expression/],
    ['(a, b)', /comma sequence/],
    ["'it''s'", /one expression/],
    ['10parsecs > 1', /unknown unit in "10parsecs"/],
    ['1mb > 1', /unknown unit/],
    ['0x10 > 1', /unknown unit/],
    ['1_000 > 1', /unknown unit/],
    ['1.5.5 > 1', /unknown unit/],
    ['5.toString()', /unknown unit/],
    ['a >', /Expected expression/],
    ['(a', /Unclosed/],
    ['"abc', /Unclosed quote/],
    ['a ? b', /Expected :/],
    ['', /empty/],
    ['   ', /empty/],
    ['()', /expected an expression/],
  ])('%s', (expression, message) => {
    const parsed = parseRule(expression);
    expect(parsed).toMatchObject({ ok: false });
    if (!parsed.ok) expect(parsed.error).toMatch(message);
  });

  it('says where an unknown unit is', () => {
    expect(parseRule('a.b <= 10parsecs')).toEqual({ ok: false, error: expect.stringMatching(/unknown unit/), index: 7 });
  });

  it.each<[string, string]>([
    ['longer than the limit', `${'a + '.repeat(MAX_RULE_LENGTH / 4)}a`],
    ['deeply bracketed', `${'('.repeat(MAX_RULE_DEPTH + 1)}a${')'.repeat(MAX_RULE_DEPTH + 1)}`],
    ['deeply bracketed and unclosed', '('.repeat(1990)],
    ['a long chain of negations', `${'!'.repeat(MAX_RULE_DEPTH + 1)}a`],
    ['a long sum', `${'a + '.repeat(MAX_RULE_DEPTH + 1)}a`],
    ['huge', 'x'.repeat(1_000_000)],
  ])('refuses a rule that is %s', (_name, expression) => {
    expect(parseRule(expression)).toMatchObject({ ok: false, error: expect.stringMatching(/limit is 2000|deeper than 64/) });
  });

  it('accepts nesting up to the limit', () => {
    expect(parseRule(`${'('.repeat(30)}a${')'.repeat(30)}`)).toMatchObject({ ok: true });
  });

  it('never throws, whatever the input', () => {
    const alphabet = [
      ...'abcxyz019.()[]{}!?:;,+-*/%<>=&|^~\'"`\\$_ \n',
      's',
      'ms',
      'Mi',
      'this',
      'new',
      '__proto__',
      'constructor',
      '(',
      ')',
    ];
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: fc.constantFrom(...alphabet), maxLength: 80 })), (s) => {
        const parsed = parseRule(s);
        expect(typeof parsed.ok).toBe('boolean');
        if (!parsed.ok) expect(parsed.error.length).toBeGreaterThan(0);
      }),
      { numRuns: 2000 },
    );
  });

  it('only ever builds our own node kinds', () => {
    const kinds = new Set(['literal', 'key', 'unary', 'arithmetic', 'comparison', 'logical', 'conditional']);
    const visit = (n: RuleNode): void => {
      expect(kinds.has(n.kind)).toBe(true);
      if (n.kind === 'unary') visit(n.arg);
      else if (n.kind === 'conditional') [n.test, n.then, n.else].forEach(visit);
      else if (n.kind !== 'literal' && n.kind !== 'key') [n.left, n.right].forEach(visit);
    };
    const alphabet = ['a', 'b.c', '1', '2s', '3Gi', "'x'", 'true', ' + ', ' * ', ' <= ', ' == ', ' && ', ' ? ', ' : ', '!', '-', '(', ')'];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...alphabet), { maxLength: 20 }), (parts) => {
        const parsed = parseRule(parts.join(''));
        if (parsed.ok) visit(parsed.rule.ast);
      }),
      { numRuns: 2000 },
    );
  });
});
