import { promisify } from 'node:util';
import { brotliCompress, brotliCompressSync, brotliDecompressSync, constants, gunzipSync } from 'node:zlib';
import type { Observation, SourceLabel } from '../../core/model';

/** Largest chunk of a stored snapshot: with its keys, far under DynamoDB's 400 KB item limit. */
export const CHUNK_BYTES = 300 * 1024;

/** 1: each observation with its origin's source; 2: the sources once (`s`), each origin naming its own by position. */
const FORMAT = 2;

/** An observation as format 2 stores it: its origin's source is a position in the envelope's `s`. */
type StoredObservation = Omit<Observation, 'origin'> & { origin: Omit<Observation['origin'], 'source'> & { source: number } };

interface Envelope {
  v: number;
  /** Format 2: the sources, as `{ index, type, label }`. */
  s?: SourceLabel[];
  o: Observation[] | StoredObservation[];
}

/**
 * The observations with their sources written once: a snapshot's observations share one source, and
 * repeating it was a third of the JSON a big first run stringified and compressed.
 */
function compact(observations: readonly Observation[]): Envelope {
  const sources: SourceLabel[] = [];
  const known = new Map<SourceLabel, number>();
  const byText = new Map<string, number>();
  const positionOf = (src: SourceLabel): number => {
    let at = known.get(src);
    if (at !== undefined) return at;
    const { index, type, label } = src;
    const text = JSON.stringify([index, type, label]);
    at = byText.get(text);
    if (at === undefined) {
      at = sources.push({ index, type, label }) - 1;
      byText.set(text, at);
    }
    known.set(src, at);
    return at;
  };
  const o = observations.map((x): StoredObservation => ({ ...x, origin: { ...x.origin, source: positionOf(x.origin.source) } }));
  return { v: FORMAT, s: sources, o };
}

// Brotli at its fastest setting compresses these repetitive documents about as small as gzip's
// default, four to five times faster: a big first run compresses a million observations.
const BROTLI_FAST = { params: { [constants.BROTLI_PARAM_QUALITY]: 1 } };

const brotliCompressAsync = promisify(brotliCompress);

/** gzip's magic bytes: snapshots stored before brotli are read back too. */
const isGzip = (data: Uint8Array): boolean => data[0] === 0x1f && data[1] === 0x8b;

/** A stored binary attribute's bytes, uncompressed: a snapshot (brotli, or gzip before it) or a cache entry (gzip). */
export const inflateStored = (data: Uint8Array): Buffer => (isGzip(data) ? gunzipSync(data) : brotliDecompressSync(data));

/** Text as a stored binary attribute (brotli, fastest): what `inflateStored` reads back. */
export const deflateStored = (text: string): Buffer => brotliCompressSync(text, BROTLI_FAST);

/**
 * Observations as compressed JSON (brotli) cut into chunks of at most CHUNK_BYTES. Values are
 * already safe to store (secrets are fingerprints); compression does what a hand-made compact
 * format would, and keeps the stored form self-describing.
 */
export function encodeObservations(observations: readonly Observation[]): Buffer[] {
  return cut(deflateStored(JSON.stringify(compact(observations))));
}

/**
 * The same chunks, compressed on libuv's thread pool: a run saving many sources at once stringifies
 * the next while this one compresses.
 */
export async function encodeObservationsAsync(observations: readonly Observation[]): Promise<Buffer[]> {
  return cut(await brotliCompressAsync(JSON.stringify(compact(observations)), BROTLI_FAST));
}

function cut(zipped: Buffer): Buffer[] {
  const chunks: Buffer[] = [];
  for (let at = 0; at < zipped.length; at += CHUNK_BYTES) chunks.push(zipped.subarray(at, at + CHUNK_BYTES));
  return chunks;
}

/** The observations back from their chunks, in order. */
export function decodeObservations(chunks: readonly Uint8Array[]): Observation[] {
  const data = Buffer.concat(chunks);
  const json = inflateStored(data).toString('utf8');
  const envelope = JSON.parse(json) as Partial<Envelope>;
  if (envelope.v === 1 && Array.isArray(envelope.o)) return envelope.o as Observation[];
  if (envelope.v !== FORMAT || !Array.isArray(envelope.o) || !Array.isArray(envelope.s)) {
    throw new Error(`stored snapshot has format ${String(envelope.v)}, this drift reads formats 1 and ${FORMAT}`);
  }
  const sources = envelope.s;
  // Parsed just now and owned by no one else: each origin takes its source back in place.
  for (const o of envelope.o as Array<{ origin: { source: unknown } }>) o.origin.source = sources[o.origin.source as number];
  return envelope.o as Observation[];
}
