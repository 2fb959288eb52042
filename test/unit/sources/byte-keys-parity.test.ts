import fc from 'fast-check';
import { configFileBytesObservations, dotenvObservations, parseConfigText } from '../../../lambdas/core/sources/config-file';
import type { ParseContext } from '../../../lambdas/core/sources/context';
import { Interner } from '../../../lambdas/core/sources/interner';
import type { ByteKeys } from '../../../lambdas/core/sources/byte-spellings';
import { readDotenv } from '../../../lambdas/core/sources/dotenv';
import type { SourceParseResult } from '../../../lambdas/core/sources/result';
import { ssmObservations, ssmParametersFromExport } from '../../../lambdas/core/sources/ssm';
import { ssmFileObservations } from '../../../lambdas/core/sources/ssm-file';
import { testContext, testLabel } from '../../helpers/context';
import type { SourceType } from '../../../lambdas/core/model';

// A few seconds as committed; explore with BYTE_KEY_RUNS=5000.
const RUNS = Number(process.env.BYTE_KEY_RUNS ?? 120);

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

/** One file a source reads: its name and its bytes (a dotenv source decodes them). */
interface Read {
  kind: 'file' | 'dotenv' | 'ssm';
  file: string;
  bytes: Uint8Array;
  /** An ssm source's path. */
  path?: string;
}

/** What a read gave, as its JSON (keyId is no part of it), or the error it threw. */
function outcome(read: () => SourceParseResult): unknown {
  try {
    const { observations, dangling, errors } = read();
    return JSON.parse(JSON.stringify({ observations, dangling, errors }));
  } catch (err) {
    return { threw: (err as Error).message };
  }
}

/** What a source reads from the file, its keys numbered from their bytes wherever its reader does. */
function readWith(read: Read, ctx: ParseContext): unknown {
  return outcome(() =>
    read.kind === 'file'
      ? configFileBytesObservations(read.bytes, read.file, ctx)
      : read.kind === 'dotenv'
        ? dotenvObservations(new TextDecoder().decode(read.bytes), read.file, ctx)
        : ssmFileObservations(read.bytes, read.file, read.path as string, ctx),
  );
}

/**
 * What a whole parse of the file gives, its keys made as strings: JSON.parse for a JSON file (keys declared `type: json`
 * take it, here none) and an SSM export, as each reader does with what it does not read itself; a dotenv file as its
 * reader reads it with no interner.
 */
function wholeRead(read: Read, ctx: ParseContext): unknown {
  if (read.kind === 'file') return outcome(() => configFileBytesObservations(read.bytes, read.file, { ...ctx, jsonKeys: new Set() }));
  if (read.kind === 'dotenv') return readWith(read, ctx);
  return outcome(() => {
    const errors: string[] = [];
    const params = ssmParametersFromExport(parseConfigText(new TextDecoder().decode(read.bytes), read.file), errors);
    const into = { observations: [], dangling: [], errors: errors.map((e) => `${read.file}: ${e}`) };
    return ssmObservations(params, read.path as string, ctx, {}, into);
  });
}

/** Every visit and error of reading a dotenv text. */
function dotenvVisits(text: string, keys?: ByteKeys): unknown[] {
  const seen: unknown[] = [];
  const errors = readDotenv(text, (key, value, line, quote) => seen.push([key, value, line, quote]), undefined, keys);
  return [...seen, ...errors];
}

const contextOf = (index: number, type: SourceType, intern?: Interner): ParseContext => {
  const label = testLabel(type, `${type} ${index}`, index);
  const ctx = testContext(label, ['token']);
  return intern ? { ...ctx, intern: intern.forSource(`${index}:${type}`) } : ctx;
};

/** Reads every environment (a list of sources, each a list of files) with one run's interner and with none: equal. */
function expectSameReads(environments: readonly (readonly Read[][])[]): void {
  const intern = new Interner();
  for (const sources of environments) {
    sources.forEach((files, index) => {
      for (const read of files) {
        const type = read.kind;
        const reference = wholeRead(read, contextOf(index, type));
        expect(readWith(read, contextOf(index, type, intern))).toEqual(reference);
        expect(readWith(read, contextOf(index, type))).toEqual(reference);
        if (type === 'dotenv') {
          // Its lines as read with keys made as strings (no ByteKeys), and with the run's table.
          const text = new TextDecoder().decode(read.bytes);
          expect(dotenvVisits(text, intern.forSource(`${index}:dotenv`).byteKeys())).toEqual(dotenvVisits(text));
        }
      }
    });
  }
}

// Segments: ASCII, dots, digits (array indices), non-ASCII, lone surrogates, the replacement character, empty.
const segmentText = fc.oneof(
  fc.constantFrom('a', 'A', 'b', 'db', 'DB_HOST', 'a.b', '', 'é', 'e\u0301', '\ud800', '\udc00', '\ud800\udc00', '😀', '\uFFFD'),
  fc.constantFrom('0', '1', '01', '4294967294', '4294967295', '__proto__', 'x y', '/', 'A/B', 'token', 'Token'),
  fc.string({ maxLength: 4 }),
  fc.string({ unit: 'grapheme', maxLength: 3 }),
  fc.string({ unit: 'binary', maxLength: 3 }),
);

/** A JSON string token's bytes for `text`, each character written raw or escaped at random. */
const jsonString = (text: string): fc.Arbitrary<number[]> =>
  fc.array(fc.nat(4), { minLength: text.length, maxLength: text.length }).map((ways) => {
    let out = '';
    for (let i = 0; i < text.length; i++) {
      const c = text[i] as string;
      const code = c.charCodeAt(0);
      const way = ways[i] as number;
      if (c === '"' || c === '\\' || code < 0x20 || (code >= 0xd800 && code <= 0xdfff) || way === 1) {
        const hex = code.toString(16).padStart(4, '0');
        out += `\\u${way === 2 ? hex.toUpperCase() : hex}`;
      } else if (c === '/' && way === 3) out += '\\/';
      else out += c;
    }
    return [0x22, ...utf8(out), 0x22];
  });

/** Raw bytes that are not UTF-8, put into a key as they are. */
const badBytes = fc.constantFrom([0xff], [0xc3], [0xed, 0xa0, 0x80], [0xc0, 0xaf], [0xef, 0xbf, 0xbd], [0xf0, 0x9f, 0x98]);

/** A key token: an escaped-or-not text, sometimes with bytes that are not UTF-8. */
const keyToken = fc.oneof(
  { weight: 5, arbitrary: segmentText.chain(jsonString) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(segmentText, badBytes, segmentText)
      .map(([a, bad, b]) => [
        0x22,
        ...utf8(a.replace(/["\\\p{Cc}\p{Cs}]/gu, '')),
        ...bad,
        ...utf8(b.replace(/["\\\p{Cc}\p{Cs}]/gu, '')),
        0x22,
      ]),
  },
);

type JsonTree = { key: number[]; value: JsonTree | string }[];
const tree: fc.Arbitrary<JsonTree> = fc.letrec((tie) => ({
  node: fc.array(
    fc.record({
      key: keyToken,
      value: fc.oneof(
        { weight: 3, arbitrary: fc.constantFrom('1', '"x"', 'null', 'true', '[1,"a"]', '{}', '"s3cr3t-T0ken-value-9f8a7b6c5d4e3f2a1b"') },
        { weight: 1, arbitrary: tie('node') as fc.Arbitrary<JsonTree> },
      ),
    }),
    { maxLength: 5 },
  ),
})).node as fc.Arbitrary<JsonTree>;

function jsonBytes(t: JsonTree, bom: boolean): Uint8Array {
  const out: number[] = bom ? [0xef, 0xbb, 0xbf] : [];
  const write = (node: JsonTree): void => {
    out.push(0x7b);
    node.forEach((m, i) => {
      if (i > 0) out.push(0x2c);
      out.push(...m.key, 0x3a);
      if (typeof m.value === 'string') out.push(...utf8(m.value));
      else write(m.value);
    });
    out.push(0x7d);
  };
  write(t);
  return Uint8Array.from(out);
}

const jsonFile: fc.Arbitrary<Read> = fc.tuple(tree, fc.boolean(), fc.constantFrom('config.json', 'app.JSON')).map(([t, bom, file]) => ({
  kind: 'file',
  file,
  bytes: jsonBytes(t, bom),
}));

const dotenvLine = fc.oneof(
  fc
    .tuple(
      fc.constantFrom('A', 'B', 'DB_HOST', 'a.b', 'a.', 'db.host', 'a-b', '_', 'TOKEN', 'x1', 'K\u00e9', 'export A', ' A', 'A '),
      fc.constantFrom('=1', '=', '="q"', "='s'", '= 2', '=$A', '=${B}x', '=v # c', '=a=b'),
    )
    .map(([k, v]) => k + v),
  fc.constantFrom('# comment', '', 'bad line', 'BARE', 'export BARE', '\r', 'A="multi\nline"'),
);
const dotenvFile: fc.Arbitrary<Read> = fc
  .tuple(fc.array(dotenvLine, { maxLength: 8 }), fc.boolean(), fc.constantFrom('.env', 'prod.env', 'application.properties'))
  .map(([lines, bom, file]) => ({ kind: 'dotenv', file, bytes: utf8((bom ? '\uFEFF' : '') + lines.join('\n')) }));

const ssmName = fc.oneof(
  fc
    .tuple(
      fc.constantFrom('/p/', '/p', '/q/', '/', '', '/pé/', '/p/a/'),
      fc.oneof(segmentText, fc.constantFrom('a', 'a/b', 'DB_HOST', 'x.y')),
    )
    .map(([f, s]) => f + s),
  fc.constantFrom('/p/', '/p', '/p//', '/p/é'),
);
const ssmFile: fc.Arbitrary<Read> = fc
  .tuple(
    fc.array(fc.tuple(ssmName.chain(jsonString), fc.constantFrom('String', 'SecureString', 'StringList', 'Bad'), fc.nat(3)), {
      maxLength: 6,
    }),
    fc.constantFrom('/p', '/p/', '/q/', '/', '/pé/', '/p/a'),
    fc.boolean(),
  )
  .map(([params, path, bom]) => {
    const list = params.map(
      ([name, type, v]) =>
        `{"Name":${new TextDecoder().decode(Uint8Array.from(name))},"Type":"${type}","Value":"v${v}","Version":${v + 1},"LastModifiedDate":"2026-11-01T00:00:00.000Z"}`,
    );
    return { kind: 'ssm', file: 'export.json', path, bytes: utf8(`${bom ? '\uFEFF' : ''}{"Parameters":[${list.join(',')}]}`) };
  });

const environment = fc.array(
  fc.oneof(
    fc.array(jsonFile, { minLength: 1, maxLength: 2 }),
    fc.array(dotenvFile, { minLength: 1, maxLength: 2 }),
    fc.array(ssmFile, { minLength: 1, maxLength: 2 }),
  ),
  { minLength: 1, maxLength: 4 },
);

describe('keys numbered from their bytes', () => {
  it('read every file, source and environment as keys read as strings do', () => {
    fc.assert(
      fc.property(fc.array(environment, { minLength: 1, maxLength: 4 }), (environments) =>
        expectSameReads([...environments, ...environments.slice().reverse(), ...environments, environments.flat()]),
      ),
      { numRuns: RUNS },
    );
  });
});

describe('keys numbered from their bytes, in bulk', () => {
  /** A deterministic shuffle. */
  const shuffled = <T>(list: readonly T[], seed: number): T[] => {
    const out = list.slice();
    let s = seed;
    for (let i = out.length - 1; i > 0; i--) {
      s = (s * 1103515245 + 12345) & 0x7fffffff;
      const j = s % (i + 1);
      [out[i], out[j]] = [out[j] as T, out[i] as T];
    }
    return out;
  };
  const esc = (k: string, seed: number): string => (seed % 3 === 0 ? k.replace(/[a-z]/, (c) => `\\u00${c.charCodeAt(0).toString(16)}`) : k);

  it('reads many keys, grown tables, long keys and shuffled orders as strings do', () => {
    const names = Array.from({ length: 1500 }, (_, i) => `svc${i % 41}_setting${i}${i % 97 === 0 ? 'é' : ''}`);
    const long = 'k'.repeat(70_000);
    const environments: Read[][][] = [];
    for (let e = 0; e < 4; e++) {
      const order = e % 2 === 0 ? names : shuffled(names, e);
      const groups = new Map<string, string[]>();
      for (const [i, n] of order.entries()) {
        const g = n.split('_')[0] as string;
        groups.set(g, [...(groups.get(g) ?? []), `"${esc(n.split('_')[1] as string, i + e)}":"v${(i * e) % 7}"`]);
      }
      const json = `{${[...groups].map(([g, m]) => `"${g}":{${m.join(',')}}`).join(',')},"${long}":1,"${long}x":{"${long}":2}}`;
      const dotenv = `${order.map((n, i) => `${n.replace('é', 'e')}=${(i * e) % 5}`).join('\n')}\n${long}=1\nexport ${long}y=2`;
      const ssm = `{"Parameters":[${order
        .map((n, i) => `{"Name":"/p/${esc(n.replace('é', '\\u00e9').replace('_', '/'), i * 7 + e)}","Type":"String","Value":"${i % 3}"}`)
        .concat([`{"Name":"/p/${long}","Type":"String","Value":"l"}`, `{"Name":"/p/","Type":"String","Value":"x"}`])
        .join(',')}]}`;
      environments.push([
        [{ kind: 'file', file: 'c.json', bytes: utf8(json) }],
        [{ kind: 'dotenv', file: '.env', bytes: utf8(dotenv) }],
        [
          { kind: 'ssm', file: 'e.json', path: '/p', bytes: utf8(ssm) },
          { kind: 'ssm', file: 'e.json', path: '/p/svc3', bytes: utf8(ssm) },
        ],
        [{ kind: 'ssm', file: 'e.json', path: `/p/svc${e}/`, bytes: utf8(ssm) }],
        [{ kind: 'file', file: 'c.json', bytes: utf8(json) }],
      ]);
    }
    expectSameReads(environments);
  });
});

describe('keys numbered from their bytes, fuzzed bytes', () => {
  const mutated = fc
    .tuple(
      fc.oneof(jsonFile, ssmFile, dotenvFile),
      fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 }), fc.nat(2)), { maxLength: 3 }),
    )
    .map(([read, edits]) => {
      const b = Array.from(read.bytes);
      for (const [at, byte, how] of edits) {
        const i = b.length === 0 ? 0 : at % b.length;
        if (how === 0) b[i] = byte;
        else if (how === 1) b.splice(i, 0, byte);
        else b.splice(i, 1);
      }
      return { ...read, bytes: Uint8Array.from(b) };
    });
  it('reads mutated files as strings do', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.array(mutated, { minLength: 1, maxLength: 2 }), { minLength: 1, maxLength: 3 }), {
          minLength: 1,
          maxLength: 3,
        }),
        (envs) => expectSameReads([...envs, ...envs]),
      ),
      { numRuns: RUNS },
    );
  });
});
