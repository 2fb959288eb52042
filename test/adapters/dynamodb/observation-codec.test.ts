import { brotliCompressSync, brotliDecompressSync, constants, gzipSync } from 'node:zlib';
import {
  CHUNK_BYTES,
  decodeObservations,
  encodeObservations,
  encodeObservationsAsync,
} from '../../../lambdas/adapters/dynamodb/observation-codec';
import type { Observation } from '../../../lambdas/core/model';
import { noise, observation } from './fixtures';

const many: Observation[] = Array.from({ length: 20_000 }, (_, i) =>
  observation(`service${i % 97}.setting.${i}`, { kind: 'text', text: `${i}s` }),
);

// Chunks compared as text: jest compares a Buffer byte by byte as an object's keys, seconds for a snapshot's.
const asText = (chunks: Buffer[]): string[] => chunks.map((c) => c.toString('base64'));

describe('stored snapshots: observations compressed and cut into chunks', () => {
  test('round-trips the observations, every chunk within CHUNK_BYTES', () => {
    const random = Array.from({ length: 300 }, (_, i) => observation(`k${i}`, { kind: 'text', text: noise(4000, i) }));
    for (const observations of [many, random, []]) {
      const chunks = encodeObservations(observations);
      for (const c of chunks) expect(c.length).toBeLessThanOrEqual(CHUNK_BYTES);
      expect(decodeObservations(chunks)).toEqual(observations);
    }
  });

  test('a repetitive snapshot compresses at least as well as gzip would (a tenth of its JSON or less)', () => {
    const size = encodeObservations(many).reduce((n, c) => n + c.length, 0);
    const json = Buffer.byteLength(JSON.stringify({ v: 1, o: many }));
    expect(size).toBeLessThan(json / 10);
  });

  test('reads back a snapshot stored gzip-compressed by an earlier drift', () => {
    const legacy = gzipSync(JSON.stringify({ v: 1, o: many }));
    const chunks = [legacy.subarray(0, 1000), legacy.subarray(1000)];
    expect(decodeObservations(chunks)).toEqual(many);
  });

  test('writes each source once, and reads back observations of several sources with their own', () => {
    const other = { index: 3, type: 'dotenv', label: 'dotenv .env' } as const;
    const mixed = many.slice(0, 50).map((o, i) => (i % 2 ? { ...o, origin: { ...o.origin, source: { ...other } } } : o));
    const chunks = encodeObservations(mixed);
    expect(decodeObservations(chunks)).toEqual(mixed);
    const stored = JSON.parse(brotliDecompressSync(Buffer.concat(chunks)).toString('utf8')) as { v: number; s: unknown[] };
    expect(stored.v).toBe(2);
    expect(stored.s).toEqual([mixed[0]!.origin.source, other]);
  });

  test('compressed off the main thread, the same chunks', async () => {
    expect(asText(await encodeObservationsAsync(many))).toEqual(asText(encodeObservations(many)));
  });

  test('several compressed at once take turns, each its own chunks', async () => {
    const sets = [many, many.slice(0, 7), [], many.slice(100, 5_000)];
    const chunks = await Promise.all(sets.map((set) => encodeObservationsAsync(set)));
    chunks.forEach((c, i) => expect(asText(c)).toEqual(asText(encodeObservations(sets[i]!))));
  });

  test('reads back a snapshot of the format before (each observation with its source, brotli)', () => {
    expect(
      decodeObservations([brotliCompressSync(JSON.stringify({ v: 1, o: many }), { params: { [constants.BROTLI_PARAM_QUALITY]: 1 } })]),
    ).toEqual(many);
  });

  test('refuses a format it does not know, naming it', () => {
    expect(() => decodeObservations([gzipSync(JSON.stringify({ v: 9, o: [] }))])).toThrow('stored snapshot has format 9');
  });
});
