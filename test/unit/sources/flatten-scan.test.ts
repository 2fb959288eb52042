import fc from 'fast-check';
import { eachLeaf } from '../../../lambdas/core/sources/flatten';
import { scanLeaves } from '../../../lambdas/core/sources/flatten-scan';
import { Interner } from '../../../lambdas/core/sources/interner';

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);

/** What scanLeaves visits, or false. */
function scanned(input: string | Uint8Array, maxDepth?: number): Array<[string, string]> | false {
  const out: Array<[string, string]> = [];
  return scanLeaves(typeof input === 'string' ? bytes(input) : input, (k, v) => out.push([k, v]), maxDepth) ? out : false;
}

/** What eachLeaf gives from the whole parse, or undefined when it fails. */
function whole(text: string, maxDepth?: number): Array<[string, string]> | undefined {
  try {
    const out: Array<[string, string]> = [];
    eachLeaf(JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text), (path, v) => out.push([path.join('.'), v]), maxDepth);
    return out;
  } catch {
    return undefined;
  }
}

describe('scanLeaves', () => {
  it('reads nested mappings as dotted keys in document order, scalars as their text', () => {
    const text = JSON.stringify(
      {
        database: { host: 'db', port: 5432, pool_size: 1.5, tls: true, extra: null, empty: {} },
        'a.b': -0,
        big: 12345678901234567890,
        hosts: ['a', 1, { x: [2] }],
      },
      null,
      2,
    );
    expect(scanned(text)).toEqual([
      ['database.host', 'db'],
      ['database.port', '5432'],
      ['database.pool_size', '1.5'],
      ['database.tls', 'true'],
      ['database.extra', ''],
      ['a.b', '0'],
      ['big', '12345678901234567000'],
      ['hosts', '["a",1,{"x":[2]}]'],
    ]);
    expect(scanned(text)).toEqual(whole(text));
  });

  it('reads escapes, non-ASCII text, a BOM and exponents as a whole parse does', () => {
    const text = `\uFEFF{"k\\u00e9y": "v\\n\\"😀", "n": 1E2, "m": -2.5e-3, "é": {"x": "ü"}}`;
    expect(scanned(text)).toEqual(whole(text));
    expect(scanned(text)).toEqual([
      ['kéy', 'v\n"😀'],
      ['n', '100'],
      ['m', '-0.0025'],
      ['é.x', 'ü'],
    ]);
  });

  it.each([
    ['a top level that is not a mapping', '[1, 2]'],
    ['a null document', 'null'],
    ['a key given twice in one mapping', '{"a": {"x": 1}, "a": {"y": 2}}'],
    ['an array-index key, which JavaScript orders first', '{"b": 1, "10": 2}'],
    ['nesting deeper than allowed', `${'{"a":'.repeat(70)}1${'}'.repeat(70)}`],
    ['an array nested deeper than allowed', `{"a": ${'['.repeat(70)}${']'.repeat(70)}}`],
    ['invalid JSON', '{"a": 1,}'],
    ['an invalid array', '{"a": [1 2]}'],
    ['trailing text', '{"a": 1} x'],
  ])('gives up on %s, for the caller to parse it whole', (_n, text) => {
    expect(scanned(text)).toBe(false);
  });

  it('keeps keys of different mappings that flatten alike, as a whole parse does', () => {
    const text = '{"a.b": 1, "a": {"b": 2}, "x": {"1a": 3, "01": 4}}';
    expect(scanned(text)).toEqual(whole(text));
  });

  it('reads keys with a lone surrogate (an escape UTF-8 cannot spell) as a whole parse does, apart from the replacement character', () => {
    const text = '{"a\\ud800": 1, "a\\udc00": 2, "a\uFFFD": 3, "b": {"\\ud800": 4, "\\ud800\\udc00": 5}}';
    const intern = new Interner();
    for (let i = 0; i < 2; i++) {
      const out: Array<[string, string]> = [];
      expect(scanLeaves(bytes(text), (k, v) => out.push([k, v]), 64, intern.forSource('0:file').byteKeys())).toBe(true);
      expect(out).toEqual(whole(text));
    }
    expect(whole(text)?.map(([k]) => k)).toEqual(['a\ud800', 'a\udc00', 'a\uFFFD', 'b.\ud800', 'b.\ud800\udc00']);
  });

  it('gives up on a key given twice in one mapping once escaped and once not', () => {
    expect(scanned('{"key": 1, "k\\u0065y": 2}')).toBe(false);
    expect(scanned('{"a": {"\\u00e9": 1, "é": 2}}')).toBe(false);
  });

  it('reads documents one after another with the keys of a run numbered from their bytes, each as a whole parse does', () => {
    const name = fc.constantFrom('a', 'b', 'k\\u0065y', 'key', 'é', '\\u00e9', 'a.b', '');
    const member = (k: string, v: string): string => `"${k}": ${v}`;
    const inner = fc.array(name, { maxLength: 3 }).map((ks) => `{${ks.map((k) => member(k, '"v"')).join(', ')}}`);
    const doc = fc
      .array(fc.tuple(name, fc.oneof(fc.constant('1'), inner)), { maxLength: 5 })
      .map((members) => `{${members.map(([k, v]) => member(k, v)).join(', ')}}`);
    fc.assert(
      fc.property(fc.array(doc, { minLength: 1, maxLength: 4 }), (docs) => {
        const intern = new Interner();
        for (const text of docs) {
          const out: Array<[string, string]> = [];
          const read = scanLeaves(bytes(text), (k, v) => out.push([k, v]), 64, intern.forSource('0:file').byteKeys());
          expect(read ? out : false).toEqual(scanned(text));
          if (read) expect(out).toEqual(whole(text));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('gives up on an escaped array-index key too', () => {
    expect(scanned('{"b": 1, "\\u0031": 2}')).toBe(false);
    expect(scanned('{"b": {"\\u0031\\u0030": 2}}')).toBe(false);
  });

  it('reads long dotted paths and names plain, escaped and non-ASCII at any depth as a whole parse does', () => {
    const long = 'k'.repeat(300);
    const doc = { [long]: { [`${long}x`]: { é: { plain: 1, 'q"uote': { [long]: 2 } }, plain: { a: 3 } }, b: 4 }, 'c\n': { d: 5 } };
    const text = JSON.stringify(doc);
    expect(scanned(text)).toEqual(whole(text));
    expect(scanned(text)).toContainEqual([`${long}.${long}x.é.q"uote.${long}`, '2']);
  });

  it('never disagrees with a whole parse (any document, any printing, any depth limit)', () => {
    const name = fc.oneof(
      fc.string({ maxLength: 4 }),
      fc.string({ unit: 'grapheme', maxLength: 3 }),
      fc.constantFrom('a.b', '1', '\\', 'x'.repeat(200)),
    );
    const doc = fc.dictionary(name, fc.jsonValue({ maxDepth: 4 }), { maxKeys: 6 });
    fc.assert(
      fc.property(doc, fc.constantFrom(undefined, 2, '\t'), fc.constantFrom(undefined, 1, 3), (d, indent, depth) => {
        const text = JSON.stringify(d, null, indent);
        const result = scanned(text, depth);
        if (result !== false) expect(result).toEqual(whole(text, depth));
      }),
    );
  });

  it('never accepts what a whole parse rejects, nor reads a damaged document differently', () => {
    const text = JSON.stringify({ db: { host: 'h\u00e9\\"', port: 1, list: [1, 'x', { y: null }] }, flag: true, n: -1.5e3 }, null, 1);
    fc.assert(
      fc.property(fc.nat(text.length - 1), fc.nat(3), fc.string({ maxLength: 3 }), (at, cut, insert) => {
        const damaged = bytes(text.slice(0, at) + insert + text.slice(at + cut));
        const result = scanned(damaged);
        if (result !== false) expect(result).toEqual(whole(new TextDecoder().decode(damaged)));
      }),
      { numRuns: 3000 },
    );
  });
});
