import fc from 'fast-check';
import { canonicalKey } from '../../../lambdas/core/keys';
import { Interner, MAX_SHARED_TEXT, plainInterner, type KeyValueInterner } from '../../../lambdas/core/sources/interner';
import { acceptingMarkers, makeFingerprinter } from '../../../lambdas/core/fingerprint';
import { secretMarker } from '../../../lambdas/core/values/secret-marker';
import { testFingerprinter } from '../../helpers/context';

const fp = testFingerprinter();

describe('Interner.forSource', () => {
  const read = (intern: Interner, pairs: Array<[string, string]>) => {
    const source = intern.forSource('0:dotenv');
    return pairs.map(([raw, text]) => {
      const key = source.key(raw);
      return { key, value: source.text(key, text, fp) };
    });
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
    expect(next[3]?.value).toBe(intern.text('db.port', '5432', fp));
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

describe('Interner.keyId', () => {
  it('numbers each canonical key once for the run, from 0, the same number for every source and spelling of it', () => {
    const intern = new Interner();
    const ssm = intern.forSource('0:ssm');
    const dotenv = intern.forSource('1:dotenv');
    const numbered = (source: KeyValueInterner, raw: string) => source.keyId(source.key(raw));
    expect(['db/host', 'db/port', 'log_level'].map((raw) => numbered(ssm, raw))).toEqual([0, 1, 2]);
    expect(['LOG_LEVEL', 'DB_HOST', 'NEW_KEY', 'DB_PORT'].map((raw) => numbered(dotenv, raw))).toEqual([2, 0, 3, 1]);
    // Asked about a key other than the one last read, it still answers for that key.
    expect(dotenv.keyId('db.port')).toBe(1);
    expect(plainInterner.keyId('db.port')).toBeUndefined();
  });
});

describe('Interner: what it remembers is by key, whatever the order or the length of the value', () => {
  const LONG = `https://payments.internal.example.com/api/v2/charges?timeout=30s&region=eu-west-1&${'x'.repeat(40)}`;

  it('judges a long value once per key: the next environment holding the same text under the key gets the same value object', () => {
    const intern = new Interner();
    const first = intern.forSource('0:file');
    const a = first.text(first.key('PAYMENT_URL'), LONG, fp);
    first.key('OTHER');
    const next = intern.forSource('0:file');
    next.key('OTHER');
    const b = next.text(next.key('PAYMENT_URL'), LONG, fp);
    expect(LONG.length).toBeGreaterThan(MAX_SHARED_TEXT);
    expect(b).toBe(a);
    // A different text under the key is judged afresh.
    const c = next.text('payment.url', `${LONG}&v=2`, fp);
    expect(c).not.toBe(a);
    expect(c).toEqual({ kind: 'text', text: `${LONG}&v=2` });
  });

  it('a source whose keys come in another order in every environment gets the same keys and values as one in order', () => {
    const keys = Array.from({ length: 50 }, (_, i) => `SETTING_${i}`);
    const shuffled = (seed: number) =>
      [...keys].sort((x, y) => ((x.length * seed + x.charCodeAt(8)) % 7) - ((y.length * seed + y.charCodeAt(8)) % 7));
    const intern = new Interner();
    for (let env = 0; env < 4; env++) {
      const source = intern.forSource('0:dotenv');
      for (const raw of env === 0 ? keys : shuffled(env)) {
        const key = source.key(raw);
        expect(key).toBe(canonicalKey(raw));
        expect(source.text(key, `${raw}-value-${'v'.repeat(70)}`, fp)).toEqual({ kind: 'text', text: `${raw}-value-${'v'.repeat(70)}` });
      }
    }
  });
});

describe('Interner.forSource secrecy', () => {
  it("remembers a key's secrecy from the first environment, whichever key was read last", () => {
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
      // Asked of a key other than the last one read: found by the key, not by the order of calls.
      source.key('LOG_LEVEL');
      expect(source.secrecy('db.password', policy)).toBe(true);
    }
    // Decided once, in the first environment.
    expect(asked.filter((k) => k === 'db.host')).toHaveLength(1);
    expect(asked.filter((k) => k === 'db.password')).toHaveLength(1);
  });
});

describe('Interner secrets', () => {
  it('fingerprints a secret once per key and text: the next environment holding it under the key gets the same value', () => {
    const intern = new Interner();
    const read = (text: string, fingerprinter = fp) => {
      const source = intern.forSource('2:ssm');
      return source.secret(source.key('db/password'), text, fingerprinter);
    };
    const first = read('CANARY-s3cret-1');
    expect(first).toEqual({ kind: 'secret', fingerprint: fp.fingerprint('CANARY-s3cret-1'), keyId: fp.keyId });
    expect(read('CANARY-s3cret-1')).toBe(first);
    // A rotated secret, and one fingerprinted with another key, are fingerprinted again.
    expect(read('CANARY-s3cret-2')).toEqual({ kind: 'secret', fingerprint: fp.fingerprint('CANARY-s3cret-2'), keyId: fp.keyId });
    const other = makeFingerprinter(Buffer.alloc(32, 9));
    expect(read('CANARY-s3cret-2', other)).toEqual({
      kind: 'secret',
      fingerprint: other.fingerprint('CANARY-s3cret-2'),
      keyId: other.keyId,
    });
  });
});

describe('Interner and fingerprint markers', () => {
  // drift's own recording writes a secret as a marker; a live source holding the same text holds a secret of its own.
  const named = { kind: 'secret' as const, fingerprint: 'ab'.repeat(32), keyId: fp.keyId };
  const marker = secretMarker(named);
  const recording = acceptingMarkers(fp);
  const own = { kind: 'secret', fingerprint: fp.fingerprint(marker), keyId: fp.keyId };

  test.each([
    ['the recording first', [recording, fp] as const, [named, own]],
    ['the live source first', [fp, recording] as const, [own, named]],
  ])('a marker stands for its secret only in a recording, whichever the run reads first (%s)', (_name, order, expected) => {
    for (const call of ['secret', 'text'] as const) {
      const intern = new Interner();
      const values = order.map((fingerprinter) => {
        const source = intern.forSource('1:ssm');
        return source[call](source.key('db/password'), marker, fingerprinter);
      });
      expect(values).toEqual(expected);
    }
  });
});

describe('the interners answer as plainInterner does, in any order of calls', () => {
  const policy = (key: string) => key.endsWith('password');
  const raws = ['DB_HOST', 'db.host', 'DB_PASSWORD', 'STRIPE_KEY', 'AUTH_HEADER', 'LOG_LEVEL', 'API__URL', 'x'];
  const texts = [
    'INFO',
    '30s',
    'sk_live_CANARYstr1pe9xQ2mLk7PzR4vW',
    'x9F2kQ7mZp4LwT8vRb3N',
    'Bearer CANARYopaque7f3k9QzX2mWp4',
    'a'.repeat(80),
  ];
  const prefixes = ['taskdef api:4 container app environment ', 'taskdef api:5 container app environment '];
  type Call =
    | { op: 'key'; raw: string }
    | { op: 'spelling'; raw: string }
    | { op: 'value'; raw: string; text: string }
    | { op: 'located'; prefix: string; raw: string }
    | { op: 'secret'; raw: string; text: string }
    | { op: 'bytes'; raw: string };
  const call: fc.Arbitrary<Call> = fc.oneof(
    fc.record({ op: fc.constant<'key'>('key'), raw: fc.constantFrom(...raws) }),
    fc.record({ op: fc.constant<'spelling'>('spelling'), raw: fc.constantFrom(...raws) }),
    fc.record({ op: fc.constant<'value'>('value'), raw: fc.constantFrom(...raws), text: fc.constantFrom(...texts) }),
    fc.record({ op: fc.constant<'located'>('located'), prefix: fc.constantFrom(...prefixes), raw: fc.constantFrom(...raws) }),
    fc.record({ op: fc.constant<'secret'>('secret'), raw: fc.constantFrom(...raws), text: fc.constantFrom(...texts) }),
    fc.record({ op: fc.constant<'bytes'>('bytes'), raw: fc.constantFrom(...raws) }),
  );
  /** What one call answers: a key, a spelling, or what valueOf's steps make of a text. */
  function answer(intern: KeyValueInterner, c: Call): unknown {
    if (c.op === 'key') return intern.key(c.raw);
    if (c.op === 'spelling') return intern.spelling(c.raw);
    if (c.op === 'located') return intern.located(c.prefix, c.raw);
    if (c.op === 'bytes') {
      // A spelling a scanner numbered from its bytes, then asked about as the key just read.
      const keys = intern.byteKeys();
      const utf8 = new TextEncoder().encode(c.raw);
      const spelling = keys.spelling(keys.table.find(-1, utf8, 0, utf8.length));
      return [spelling, intern.key(spelling), intern.keyId(intern.key(spelling)) === intern.keyId(canonicalKey(c.raw))];
    }
    const key = canonicalKey(c.raw);
    if (c.op === 'secret') return intern.secret(key, c.text, fp);
    const secrecy = intern.secrecy(key, policy);
    if (secrecy !== true && secrecy !== false) return [secrecy, intern.secretInContext(key, secrecy, c.text), intern.text(key, c.text, fp)];
    return [secrecy, intern.text(key, c.text, fp)];
  }

  it('whatever the calls and their order, in every environment', () => {
    fc.assert(
      fc.property(fc.array(fc.array(call, { maxLength: 20 }), { minLength: 1, maxLength: 4 }), (environments) => {
        const intern = new Interner();
        for (const calls of environments) {
          const source = intern.forSource('0:file');
          for (const c of calls) expect(answer(source, c)).toEqual(answer(plainInterner, c));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('and places a spelling under the prefix asked for, when environments alternate prefixes', () => {
    const intern = new Interner();
    const place = (prefix: string) => {
      const source = intern.forSource('0:ecs');
      return raws.map((raw) => {
        source.key(raw);
        return source.located(prefix, raw);
      });
    };
    for (const prefix of [prefixes[0], prefixes[1], prefixes[0]] as string[])
      expect(place(prefix)).toEqual(raws.map((raw) => `${prefix}${raw}`));
  });

  it('and shares values between environments read in the usual order', () => {
    const intern = new Interner();
    const read = () => {
      const source = intern.forSource('0:file');
      return raws.map((raw) => {
        const key = source.key(raw);
        source.spelling(raw);
        return source.text(key, `${key}=INFO`, fp);
      });
    };
    const first = read();
    read().forEach((value, i) => expect(value).toBe(first[i]));
  });
});
