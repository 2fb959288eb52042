import { gunzipSync, gzipSync } from 'node:zlib';
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

/**
 * Observations as gzip'd JSON cut into chunks of at most CHUNK_BYTES. Values are already safe to
 * store (secrets are fingerprints); gzip does what a hand-made compact format would, and keeps the
 * stored form self-describing.
 */
export function encodeObservations(observations: readonly Observation[]): Buffer[] {
  const envelope: Envelope = { v: FORMAT, o: observations.map(compact) };
  const zipped = gzipSync(JSON.stringify(envelope));
  const chunks: Buffer[] = [];
  for (let at = 0; at < zipped.length; at += CHUNK_BYTES) chunks.push(zipped.subarray(at, at + CHUNK_BYTES));
  return chunks;
}

/** The observations back from their chunks, in order. */
export function decodeObservations(chunks: readonly Uint8Array[]): Observation[] {
  const envelope = JSON.parse(gunzipSync(Buffer.concat(chunks)).toString('utf8')) as Partial<Envelope>;
  if (envelope.v !== FORMAT || !Array.isArray(envelope.o)) {
    throw new Error(`stored snapshot has format ${String(envelope.v)}, this drift reads format ${FORMAT}`);
  }
  return envelope.o;
}
