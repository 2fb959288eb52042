import fc from 'fast-check';
import { ByteSpellings } from '../../../lambdas/core/sources/byte-spellings';

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

/** The number of a dotted path (`['a', 'b']`), each segment found under the one before it. */
function numberOf(table: ByteSpellings, path: readonly string[]): number {
  let parent = -1;
  for (const segment of path) {
    // Each segment read from its own place in a bigger buffer, as a scanner reads it from a file.
    const bytes = utf8(`"${segment}"`);
    parent = table.find(parent, bytes, 1, bytes.length - 1);
  }
  return parent;
}

describe('ByteSpellings', () => {
  it('numbers each dotted spelling once, from 0, and spells it as its parent, a dot and its segment', () => {
    const table = new ByteSpellings();
    expect(numberOf(table, ['db'])).toBe(0);
    expect(numberOf(table, ['db', 'host'])).toBe(1);
    expect(numberOf(table, ['host'])).toBe(2);
    expect(numberOf(table, ['db', 'host'])).toBe(1);
    expect(numberOf(table, ['é', ''])).toBe(4);
    expect([0, 1, 2, 3, 4].map((id) => table.text(id))).toEqual(['db', 'db.host', 'host', 'é', 'é.']);
    expect(table.size).toBe(5);
  });

  it('tells a segment under another parent, or of another length, from the same bytes elsewhere', () => {
    const table = new ByteSpellings();
    const a = numberOf(table, ['a', 'x']);
    const b = numberOf(table, ['b', 'x']);
    const ax = numberOf(table, ['a', 'xx']);
    expect(new Set([a, b, ax]).size).toBe(3);
    expect([a, b, ax].map((id) => table.text(id))).toEqual(['a.x', 'b.x', 'a.xx']);
  });

  it('finds every spelling again after growing, in the order first read or any other', () => {
    const table = new ByteSpellings();
    const paths = Array.from({ length: 5000 }, (_, i) => [`service${i % 37}`, `setting_${i}`]);
    const numbers = paths.map((p) => numberOf(table, p));
    const shuffled = paths
      .map((p, i) => [p, numbers[i]] as const)
      .sort((x, y) => (((x[1] as number) * 7919) % 5003) - (((y[1] as number) * 7919) % 5003));
    for (const [path, id] of shuffled) expect(numberOf(table, path)).toBe(id);
    for (let i = 0; i < paths.length; i++) expect(numberOf(table, paths[i] as string[])).toBe(numbers[i]);
    expect(table.size).toBe(5037);
    expect(table.text(numbers[4999] as number)).toBe('service4.setting_4999');
  });

  it('gives two paths one number exactly when their segments are equal (any segments, any order of reading)', () => {
    const segment = fc.oneof(fc.constantFrom('a', 'b', 'ab', '', 'é', 'a.b'), fc.string({ maxLength: 3 }));
    fc.assert(
      fc.property(fc.array(fc.array(segment, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 30 }), (paths) => {
        const table = new ByteSpellings();
        const read = paths.map((p) => ({ path: p.join('\u0000'), id: numberOf(table, p) }));
        for (const x of read) {
          for (const y of read) expect(x.id === y.id).toBe(x.path === y.path);
          expect(table.text(x.id)).toBe(x.path.replaceAll('\u0000', '.'));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('numbers a segment of an ASCII text as the same segment read as bytes', () => {
    const table = new ByteSpellings();
    const long = 'K'.repeat(300);
    const text = `DB_HOST=db\n${long}=1`;
    const a = table.findAscii(-1, text, 0, 7);
    expect(numberOf(table, ['DB_HOST'])).toBe(a);
    expect(table.findAscii(a, text, 11, 11 + long.length)).toBe(numberOf(table, ['DB_HOST', long]));
    expect(table.text(a)).toBe('DB_HOST');
  });

  it('tells a key met twice in one mapping, and not one met in another mapping', () => {
    const table = new ByteSpellings();
    const id = numberOf(table, ['k']);
    const first = table.opened();
    expect(table.twice(id, first)).toBe(false);
    const inner = table.opened();
    expect(table.twice(id, inner)).toBe(false);
    expect(table.twice(id, inner)).toBe(true);
    const next = table.opened();
    expect(table.twice(id, next)).toBe(false);
  });
});
