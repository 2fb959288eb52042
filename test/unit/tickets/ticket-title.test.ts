import type { Finding } from '../../../lambdas/core/model';
import { oneLine } from '../../../lambdas/core/one-line';
import { ticketTitle } from '../../../lambdas/core/tickets/ticket-title';

const base = { id: 'f', severity: 'high', estate: 'checkout-api' } as const;

const mismatch: Finding = {
  ...base,
  kind: 'mismatch',
  environment: 'production-us',
  key: 'db.timeout',
  expected: '10s',
  actual: '60s',
  message: 'db.timeout is 60s in production-us; the baseline expects 10s',
};

describe('ticketTitle', () => {
  test.each<[string, Finding, string]>([
    ['a mismatch: the value and the baseline', mismatch, 'production-us: db.timeout is 60s, baseline 10s'],
    [
      'a parity finding: the group first, named once',
      {
        ...base,
        kind: 'parity',
        group: 'us-vs-eu',
        key: 'pool',
        values: { 'production-us': '20', 'production-eu': null },
        message: 'pool differs across us-vs-eu: production-us 20, production-eu absent',
      },
      'us-vs-eu: pool differs: production-us 20, production-eu absent',
    ],
    [
      'a missing key',
      { ...base, kind: 'missing', environment: 'staging', key: 'db.host', message: 'db.host is required and not set in staging' },
      'staging: db.host is required and not set',
    ],
    [
      'a constraint: not syncable, so the message says it',
      { ...mismatch, kind: 'constraint', message: 'db.timeout is 60s in production-us, above the max 30s' },
      'production-us: db.timeout is 60s, above the max 30s',
    ],
    [
      'a rule',
      {
        ...base,
        kind: 'rule',
        environment: 'production-eu',
        rule: 'payment-worst-case-wait',
        message: 'rule payment-worst-case-wait is false in production-eu',
      },
      'production-eu: rule payment-worst-case-wait is false',
    ],
    [
      'a source error',
      {
        ...base,
        kind: 'source-error',
        environment: 'production-us',
        source: { type: 'ssm', location: '/production/api/' },
        message: 'ssm /production/api/ could not be read in production-us: AccessDenied',
      },
      'production-us: ssm /production/api/ could not be read: AccessDenied',
    ],
    [
      'an estate-wide finding: the message alone',
      { ...base, kind: 'rule', rule: 'r', message: 'rule r is false in every environment' },
      'rule r is false in every environment',
    ],
  ])('%s', (_name, finding, expected) => {
    expect(ticketTitle(finding)).toBe(expected);
  });

  test.each([
    ['newlines', 'a\nb\r\nc', 'production-us: db.timeout is a b c, baseline 10s'],
    ['control characters and tabs', 'a\u0007\u0000b\tc\u2028d', 'production-us: db.timeout is a b c d, baseline 10s'],
  ])('is one line whatever the values hold: %s', (_name, actual, expected) => {
    const title = ticketTitle({ ...mismatch, actual });
    expect(title).toBe(expected);
    expect(title).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/);
  });

  test('a long title is cut at 200 code points with …, never inside an emoji', () => {
    const full = `production-us: db.timeout is ${'😀'.repeat(300)}, baseline 10s`;
    const title = ticketTitle({ ...mismatch, actual: '😀'.repeat(300) });
    expect(Array.from(title)).toHaveLength(200);
    expect(title.endsWith('…')).toBe(true);
    expect(full.startsWith(title.slice(0, -1))).toBe(true);
    expect(title).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
  });

  test('a title of exactly 200 code points is kept whole', () => {
    const message = 'x'.repeat(200);
    expect(ticketTitle({ ...base, kind: 'rule', rule: 'r', message })).toBe(message);
    expect(ticketTitle({ ...base, kind: 'rule', rule: 'r', message: `${message}y` })).toBe(`${'x'.repeat(199)}…`);
  });
});

describe('oneLine', () => {
  test('collapses runs of whitespace and trims', () => {
    expect(oneLine('  a \n\n b  ', 10)).toBe('a b');
  });
});
