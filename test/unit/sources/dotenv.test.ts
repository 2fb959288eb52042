import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import type { ByteKeys } from '../../../lambdas/core/sources/byte-spellings';
import { parseDotenv, readDotenv } from '../../../lambdas/core/sources/dotenv';
import { Interner } from '../../../lambdas/core/sources/interner';

const values = (text: string): Record<string, string> => Object.fromEntries(parseDotenv(text).entries.map((e) => [e.key, e.value]));

describe('parseDotenv', () => {
  it.each([
    ['plain', 'A=1', { A: '1' }],
    ['export prefix', 'export DB_HOST=db.internal', { DB_HOST: 'db.internal' }],
    ['spaces around =', 'A = 1  ', { A: '1' }],
    ['empty value', 'A=', { A: '' }],
    ['empty quoted value', 'A=""\nB=\'\'', { A: '', B: '' }],
    ['trailing comment after blank', 'A=1 # one', { A: '1' }],
    ['# without a blank before it is data', 'A=abc#def\nB=#x', { A: 'abc#def', B: '#x' }],
    ['comment right after =', 'A= # nothing', { A: '' }],
    ['single quotes are literal', "A='a\\nb # not a comment'", { A: 'a\\nb # not a comment' }],
    ['double-quote escapes', 'A="a\\nb\\tc\\"d\\\\e"', { A: 'a\nb\tc"d\\e' }],
    ['unknown escapes stay', 'A="a\\qb"', { A: 'a\\qb' }],
    ['comment after a quoted value', 'A="x # y" # z', { A: 'x # y' }],
    ['equals in value', 'URL=postgres://u@h/db?x=1', { URL: 'postgres://u@h/db?x=1' }],
    ['inner quotes of an unquoted value', 'A=it\'s "fine"', { A: 'it\'s "fine"' }],
    ['dots and dashes in keys', 'db.pool-size=5', { 'db.pool-size': '5' }],
    ['a key named export', 'export=1', { export: '1' }],
    ['indented lines', '   A=1\n\tB=2', { A: '1', B: '2' }],
  ])('%s', (_name, text, expected) => {
    const r = parseDotenv(text);
    expect(r.errors).toEqual([]);
    expect(values(text)).toEqual(expected);
  });

  it('skips blank lines and comments and numbers lines', () => {
    const r = parseDotenv('# header\n\nA=1\n   # indented comment\nB=2\n');
    expect(r.entries).toEqual([
      { key: 'A', value: '1', line: 3 },
      { key: 'B', value: '2', line: 5 },
    ]);
  });

  it('reads multi-line quoted values and keeps counting lines', () => {
    const r = parseDotenv('A="line one\nline two"\nB=\'x\ny\'\nC=3');
    expect(r.entries).toEqual([
      { key: 'A', value: 'line one\nline two', line: 1 },
      { key: 'B', value: 'x\ny', line: 3 },
      { key: 'C', value: '3', line: 5 },
    ]);
  });

  it('handles CRLF and a BOM', () => {
    const r = parseDotenv('\uFEFFA=1\r\nB="x\r\ny"\r\nC=3\r\n');
    expect(r.errors).toEqual([]);
    expect(r.entries).toEqual([
      { key: 'A', value: '1', line: 1 },
      { key: 'B', value: 'x\ny', line: 2 },
      { key: 'C', value: '3', line: 4 },
    ]);
  });

  it('lets later duplicates win, without an error', () => {
    const r = parseDotenv('A=1\nB=2\nA=3');
    expect(r.errors).toEqual([]);
    expect(r.entries).toEqual([
      { key: 'B', value: '2', line: 2 },
      { key: 'A', value: '3', line: 3 },
    ]);
  });

  it('keeps control characters in values', () => {
    expect(values('A=x\u0007\u001b[2Jy\nB="\u0000"')).toEqual({ A: 'x\u0007\u001b[2Jy', B: '\u0000' });
  });

  it('reports malformed lines by number only, and keeps the good ones', () => {
    const r = parseDotenv('A=1\nthis is not an assignment\n=novalue\n9KEY=x\nexport B\nC=3');
    expect(r.errors).toEqual([
      'line 2: expected KEY=VALUE',
      'line 3: expected KEY=VALUE',
      'line 4: expected KEY=VALUE',
      'line 5: expected KEY=VALUE',
    ]);
    expect(values('A=1\nbroken\nC=3')).toEqual({ A: '1', C: '3' });
  });

  it('reports text after a closing quote', () => {
    const r = parseDotenv('A="x"y\nB=2');
    expect(r.errors).toEqual(['line 1: unexpected text after the closing quote']);
    expect(r.entries).toEqual([{ key: 'B', value: '2', line: 2 }]);
  });

  it.each([
    ['double', 'A=1\nB="never closed\nC=3', 'line 2: unterminated double-quoted value'],
    ['single', "A=1\nB='never closed\nC=3", 'line 2: unterminated single-quoted value'],
  ])('stops at an unterminated %s quote', (_n, text, error) => {
    const r = parseDotenv(text);
    expect(r.errors).toEqual([error]);
    expect(r.entries).toEqual([{ key: 'A', value: '1', line: 1 }]);
  });

  it('never quotes a broken line in its errors', () => {
    const canary = 'CANARY-s3cr3t-7f1e';
    const r = parseDotenv(`${canary}\nA="${canary}"x\nB="${canary}`);
    expect(r.errors).toHaveLength(3);
    expect(JSON.stringify(r.errors)).not.toContain(canary);
  });

  it("reads Docker Compose's own quoted.env as Compose does: 'Let\\'s go!' is Let's go!", () => {
    // compose-spec/compose-go dotenv/fixtures/quoted.env, with the values its tests expect.
    const text = readFileSync(path.join(__dirname, '../../fixtures/realworld/compose-go-dotenv/quoted.env'), 'utf8');
    const r = parseDotenv(text);
    expect(r.errors).toEqual([]);
    expect(values(text)).toEqual({
      OPTION_A: '1',
      OPTION_B: '2',
      OPTION_C: '',
      OPTION_D: '\\n',
      OPTION_E: '1',
      OPTION_F: '2',
      OPTION_G: '',
      OPTION_H: '\n',
      OPTION_I: "echo 'asd'",
      OPTION_J: 'first line\nsecond line\nthird line\nand so on',
      OPTION_K: "Let's go!",
      OPTION_Z: 'last value',
    });
  });

  it.each([
    ['an escaped quote inside', "A='it\\'s' # c\nB=2", { A: "it's", B: '2' }],
    ['other backslashes kept', "A='C:\\dir\\'s'", { A: "C:\\dir's" }],
    ['a backslash that ends a value that reads cleanly', "A='C:\\'\nB='x'", { A: 'C:\\', B: 'x' }],
  ])('single-quoted, %s', (_n, text, expected) => {
    expect(parseDotenv(text).errors).toEqual([]);
    expect(values(text)).toEqual(expected);
  });

  it('reads a large file whole', () => {
    const text = Array.from({ length: 100_000 }, (_, i) => `KEY_${i}="value ${i}\\n" # c`).join('\n');
    const { entries } = parseDotenv(text);
    expect(entries).toHaveLength(100_000);
    expect(entries[99_999]).toEqual({ key: 'KEY_99999', value: 'value 99999\n', line: 100_000 });
  });
});

describe('readDotenv with the keys of a run numbered from their text', () => {
  /** Every visit and error of reading `text`. */
  function visits(text: string, keys?: ByteKeys): unknown[] {
    const seen: unknown[] = [];
    const errors = readDotenv(text, (key, value, line, quote) => seen.push([key, value, line, quote]), undefined, keys);
    return [...seen, ...errors];
  }

  it('visits every file as without them, in any order of keys', () => {
    const line = fc.oneof(
      fc.constantFrom('A=1', 'DB_HOST=db', 'db.pool-size=5', 'export A=2', ' B = 3', 'A="x"', '# c', '', 'bad line', 'K\u00e9=1', '_=x'),
      fc.tuple(fc.constantFrom('A', 'B', 'A_B', 'a.b', 'DB_HOST'), fc.string({ maxLength: 4 })).map(([k, v]) => `${k}=${v}`),
    );
    fc.assert(
      fc.property(fc.array(fc.array(line, { maxLength: 8 }), { minLength: 1, maxLength: 4 }), (files) => {
        const intern = new Interner();
        for (const lines of files) {
          const text = lines.join('\n');
          expect(visits(text, intern.forSource('0:dotenv').byteKeys())).toEqual(visits(text));
        }
      }),
      { numRuns: 300 },
    );
  });
});
