import { brotliCompressSync, brotliDecompressSync, constants, gunzipSync } from 'node:zlib';
import type { Observation } from '../../core/model';

/** Largest chunk of a stored snapshot: with its keys, far under DynamoDB's 400 KB item limit. */
export const CHUNK_BYTES = 300 * 1024;

const FORMAT = 1;

interface Envelope {
  v: number;
  o: Observation[];
}

/** Keeps what a stored observation needs: the origin's source as `{ index, type, label }`. */
function compact(o: Observation): Observation {
  const { index, type, label } = o.origin.source;
  return { ...o, origin: { ...o.origin, source: { index, type, label } } };
}

// Brotli at its fastest setting compresses these repetitive documents about as small as gzip's
// default, four to five times faster: a big first run compresses a million observations.
const BROTLI_FAST = { params: { [constants.BROTLI_PARAM_QUALITY]: 1 } };

/** gzip's magic bytes: snapshots stored before brotli are read back too. */
const isGzip = (data: Uint8Array): boolean => data[0] === 0x1f && data[1] === 0x8b;

/** A stored binary attribute's bytes, uncompressed: a snapshot (brotli, or gzip before it) or a cache entry (gzip). */
export const inflateStored = (data: Uint8Array): Buffer => (isGzip(data) ? gunzipSync(data) : brotliDecompressSync(data));

/**
 * Observations as compressed JSON (brotli) cut into chunks of at most CHUNK_BYTES. Values are
 * already safe to store (secrets are fingerprints); compression does what a hand-made compact
 * format would, and keeps the stored form self-describing.
 */
export function encodeObservations(observations: readonly Observation[]): Buffer[] {
  const envelope: Envelope = { v: FORMAT, o: observations.map(compact) };
  const zipped = brotliCompressSync(JSON.stringify(envelope), BROTLI_FAST);
  const chunks: Buffer[] = [];
  for (let at = 0; at < zipped.length; at += CHUNK_BYTES) chunks.push(zipped.subarray(at, at + CHUNK_BYTES));
  return chunks;
}

/** The observations back from their chunks, in order. */
export function decodeObservations(chunks: readonly Uint8Array[]): Observation[] {
  const data = Buffer.concat(chunks);
  const json = inflateStored(data).toString('utf8');
  const envelope = JSON.parse(json) as Partial<Envelope>;
  if (envelope.v !== FORMAT || !Array.isArray(envelope.o)) {
    throw new Error(`stored snapshot has format ${String(envelope.v)}, this drift reads format ${FORMAT}`);
  }
  return envelope.o;
}
