import { Interner } from '../../../lambdas/core/sources/interner';
import { testFingerprinter } from '../../helpers/context';

const fp = testFingerprinter();

describe('Interner.forSource', () => {
  const read = (intern: Interner, pairs: Array<[string, string]>) => {
    const source = intern.forSource('0:dotenv');
    return pairs.map(([raw, text]) => ({ key: source.key(raw), value: source.text(text, fp) }));
  };

  it('gives every environment the keys and values of the shared tables, the same objects for the same text', () => {
    const intern = new Interner();
    const first = read(intern, [
      ['DB_HOST', 'a'],
      ['DB_PORT', '5432'],
      ['LOG_LEVEL', 'INFO'],
    ]);
    // The next environment changes one value, swaps two keys and adds one.
    const next = read(intern, [
      ['LOG_LEVEL', 'INFO'],
      ['DB_HOST', 'b'],
      ['NEW_KEY', '5432'],
      ['DB_PORT', '5432'],
    ]);
    expect(next.map((o) => o.key)).toEqual(['log.level', 'db.host', 'new.key', 'db.port']);
    expect(next.map((o) => o.value)).toEqual([
      { kind: 'text', text: 'INFO' },
      { kind: 'text', text: 'b' },
      { kind: 'text', text: '5432' },
      { kind: 'text', text: '5432' },
    ]);
    expect(next[0]?.value).toBe(first[2]?.value);
    expect(next[2]?.value).toBe(first[1]?.value);
    expect(next[3]?.value).toBe(intern.text('5432', fp));
  });

  it('spells every key as it was read (one copy is kept of equal spellings)', () => {
    const intern = new Interner();
    for (const raws of [
      ['A_B', 'C'],
      ['C', 'A_B', 'D'],
    ]) {
      const source = intern.forSource('0:file');
      for (const raw of raws) {
        source.key(raw);
        expect(source.spelling(raw)).toBe(raw);
      }
    }
  });

  it('predicts a value only from the text its own key had', () => {
    const intern = new Interner();
    read(intern, [
      ['A', '1'],
      ['B', '2'],
    ]);
    const next = read(intern, [
      ['B', '1'],
      ['A', '2'],
    ]);
    expect(next.map((o) => [o.key, o.value])).toEqual([
      ['b', { kind: 'text', text: '1' }],
      ['a', { kind: 'text', text: '2' }],
    ]);
  });
});

describe('Interner.forSource secrecy', () => {
  it("remembers a key's secrecy from the first environment, and decides afresh for any other key", () => {
    const intern = new Interner();
    const asked: string[] = [];
    const policy = (key: string) => {
      asked.push(key);
      return key.includes('password');
    };
    for (let env = 0; env < 3; env++) {
      const source = intern.forSource('0:dotenv');
      expect(source.secrecy(source.key('DB_PASSWORD'), policy)).toBe(true);
      expect(source.secrecy(source.key('DB_HOST'), policy)).toBe(false);
      // Asked of a key other than the last one read: never answered from memory.
      source.key('LOG_LEVEL');
      expect(source.secrecy('db.password', policy)).toBe(true);
    }
    expect(asked.filter((k) => k === 'db.host')).toHaveLength(1);
    expect(asked.filter((k) => k === 'db.password')).toHaveLength(4);
  });
});
