import { cutFinding } from '../../lambdas/core/finding-cut';
import { cutEnd } from '../../lambdas/core/values/text-cut';

describe('cutEnd', () => {
  test('never keeps half of a surrogate pair', () => {
    const text = `ab${'😀'.repeat(10)}`;
    for (let max = 1; max < text.length; max++) {
      const kept = cutEnd(text, max);
      expect(kept.length).toBeLessThanOrEqual(max);
      expect(/[\uD800-\uDBFF]$/.test(kept)).toBe(false);
    }
  });

  test('never keeps part of a secret fingerprint marker: it goes whole or not at all', () => {
    const text = 'postgres://orders:<secret:1a2b3c4d>@db:5432/orders';
    const start = text.indexOf('<secret:');
    const end = start + '<secret:1a2b3c4d>'.length;
    for (let max = start + 1; max < end; max++) expect(cutEnd(text, max)).toBe(text.slice(0, start));
    expect(cutEnd(text, end)).toBe(text.slice(0, end));
  });
});

describe('cutFinding', () => {
  test("cuts what people read and says how long it was, never the finding's subject", () => {
    const long = 'k'.repeat(1000);
    const cut = cutFinding({ id: 'f', kind: 'parity', key: long, group: 'g', message: long, values: { a: long, b: null } }, 32) as Record<
      string,
      unknown
    >;
    expect(cut).toMatchObject({ id: 'f', kind: 'parity', key: long, group: 'g', values: { b: null } });
    expect(cut.message).toBe(`${'k'.repeat(32)}… (cut from 1000 characters)`);
  });
});
