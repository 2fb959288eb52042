import { parseBytes, parseDurationMs, parseTyped, inferType } from '../../../lambdas/core/values/types';
import { BYTE_UNITS, DURATION_UNITS, DURATION_WITH_UNITS, durationWithUnitsMs, unitAlternation } from '../../../lambdas/core/values/units';

describe('units shared by typed values and rules', () => {
  it.each([
    ['250ms', 250],
    ['10s', 10_000],
    ['1m30s', 90_000],
    ['1ms', 1],
    ['2h', 7_200_000],
    ['1.5d', 129_600_000],
    ['500us', 0.5],
    ['1h1m1s1ms', 3_661_001],
  ])('reads the duration %s', (text, ms) => {
    expect(DURATION_WITH_UNITS.test(text)).toBe(true);
    expect(durationWithUnitsMs(text)).toBe(ms);
  });

  it.each(['', '10', ' 10s', '10 s', '1.s', 'ms', '10x', '1m30', '-5s', '1e3s'])('refuses %j as a duration with units', (text) => {
    expect(DURATION_WITH_UNITS.test(text)).toBe(false);
    expect(durationWithUnitsMs(text)).toBeUndefined();
  });

  // Java's Duration.parse and Spring Boot's duration properties read ISO 8601 (`PT30S`): a Java
  // service's timeout of PT30S is the baseline's 30s, not a value that is "not a duration".
  it.each([
    ['PT30S', 30_000],
    ['pt30s', 30_000],
    ['PT1M30S', 90_000],
    ['PT0.5S', 500],
    ['PT2H', 7_200_000],
    ['P1D', 86_400_000],
    ['P1DT12H', 129_600_000],
  ])('reads the ISO 8601 duration %s as a typed duration', (text, ms) => {
    expect(parseDurationMs(text)).toBe(ms);
    expect(parseTyped('duration', text)).toEqual(parseTyped('duration', `${ms}ms`));
    expect(inferType(text)).toBe('duration');
  });

  it.each(['P', 'PT', 'P1H', 'PT1D', 'P1Y', 'PT1S2', 'xPT1S', 'P1DT'])('refuses %j as an ISO 8601 duration', (text) => {
    expect(parseDurationMs(text)).toBeUndefined();
  });

  it('compares integers past 2^53 exactly, as int and as number, however they are written', () => {
    const canonical = (type: 'int' | 'number', text: string): string | undefined => {
      const t = parseTyped(type, text);
      return t.ok ? t.canonical : undefined;
    };
    for (const type of ['int', 'number'] as const) {
      expect(canonical(type, '1234567890123456789')).not.toBe(canonical(type, '1234567890123456788'));
      expect(canonical(type, '+01234567890123456789')).toBe(canonical(type, '1234567890123456789'));
      expect(canonical(type, '007')).toBe(canonical(type, '7'));
    }
    expect(canonical('number', '1e21')).toBe(canonical('number', '1000000000000000000000'));
    // One number however written: its exact decimal, not its double's digits against the text's.
    expect(canonical('number', '1234567890123456789.0')).toBe(canonical('number', '1234567890123456789'));
    expect(canonical('number', '1.23456789012345678901e20')).toBe(canonical('number', '123456789012345678901'));
    expect(canonical('number', '12345678901234567890e-1')).toBe(canonical('number', '1234567890123456789'));
    expect(canonical('number', '-1234567890123456789.50')).toBe(canonical('number', '-1234567890123456789.5'));
    expect(canonical('number', '12345678901234567.25')).not.toBe(canonical('number', '12345678901234567.5'));
    expect(canonical('number', '0.1')).toBe(canonical('number', '0.10000000000000000555'));
    expect(parseTyped('int', '1234567890123456789')).toMatchObject({ num: 1234567890123456789 });
  });

  it('lists longer units first, so a scan takes ms before m', () => {
    expect(unitAlternation(['m', 's', 'ms'])).toBe('ms|m|s');
    expect(new RegExp(`^(?:${unitAlternation(Object.keys(DURATION_UNITS))})$`).test('µs')).toBe(true);
  });

  it('parses every size unit of the table, and `m` only on typed values', () => {
    for (const [unit, factor] of Object.entries(BYTE_UNITS)) expect(parseBytes(`2${unit}`)).toBe(2 * factor);
    expect(BYTE_UNITS.m).toBeUndefined();
    expect(parseBytes('1500m')).toBe(1.5);
    expect(parseBytes('512')).toBe(512);
  });

  it('keeps what inference has always read', () => {
    expect(inferType('90s')).toBe('duration');
    expect(inferType('512Mi')).toBe('bytes');
    expect(inferType('1 G')).toBe('bytes');
    expect(inferType('1k')).toBe('string');
    expect(parseDurationMs('30')).toBe(30_000);
  });
});
