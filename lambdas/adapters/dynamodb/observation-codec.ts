import { promisify } from 'node:util';
import { brotliCompress, brotliCompressSync, brotliDecompressSync, constants, gunzipSync } from 'node:zlib';
import type { Observation, SourceLabel } from '../../core/model';
import { plainObservation } from '../../core/sources/observations';

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

/** Each distinct source of the observations and its position in the envelope's `s` (sources alike share one). */
function sourcePositions(observations: readonly Observation[]): { sources: SourceLabel[]; positions: Map<SourceLabel, number> } {
  const sources: SourceLabel[] = [];
  const positions = new Map<SourceLabel, number>();
  const byText = new Map<string, number>();
  for (const { origin } of observations) {
    const src = origin.source;
    if (positions.has(src)) continue;
    const { index, type, label } = src;
    const text = JSON.stringify([index, type, label]);
    let at = byText.get(text);
    if (at === undefined) {
      at = sources.push({ index, type, label }) - 1;
      byText.set(text, at);
    }
    positions.set(src, at);
  }
  return { sources, positions };
}

/**
 * The envelope's text, the plain way: the observations copied with their sources written once (a
 * snapshot's observations share one source, and repeating it was a third of the JSON). The reference
 * `envelopeText` is held to.
 */
export function plainEnvelopeText(observations: readonly Observation[]): string {
  const { sources, positions } = sourcePositions(observations);
  const o = observations.map((x): StoredObservation => {
    const plain = plainObservation(x);
    return { ...plain, origin: { ...plain.origin, source: positions.get(plain.origin.source)! } };
  });
  return JSON.stringify({ v: FORMAT, s: sources, o } satisfies Envelope);
}

/** Observations a piece of the text holds: pieces small enough that no string as big as the snapshot is made. */
const PIECE = 100;

/**
 * Writes the envelope's text through `write`, in pieces, without copying a million observations
 * (half a big first run's encoding time, and its garbage): while the text is written, each source
 * stands for its position through a `toJSON` of its own, taken off again before anything else runs.
 * Sources that cannot take one (frozen, or with a toJSON already) take the plain way. In pieces:
 * JSON.stringify of a whole snapshot is a rope that V8 copies into one flat string of its size before
 * it can be encoded (a big first run: 150 MB, and the collections after).
 */
function writeEnvelope(observations: readonly Observation[], write: (text: string) => void): void {
  const { sources, positions } = sourcePositions(observations);
  const standIns = [...positions.keys()] as Array<SourceLabel & { toJSON?: unknown }>;
  if (!standIns.every((src) => Object.isExtensible(src) && !('toJSON' in src))) {
    write(plainEnvelopeText(observations));
    return;
  }
  try {
    for (const [src, at] of positions) Object.defineProperty(src, 'toJSON', { value: () => at, configurable: true });
    // What JSON.stringify({ v, s, o }) writes, `o` a piece at a time.
    write(`{"v":${FORMAT},"s":${JSON.stringify(sources)},"o":[`);
    for (let i = 0; i < observations.length; i += PIECE) {
      if (i > 0) write(',');
      write(JSON.stringify(observations.slice(i, i + PIECE)).slice(1, -1));
    }
    write(']}');
  } finally {
    for (const src of standIns) delete src.toJSON;
  }
}

/** The envelope's text: what `plainEnvelopeText` writes, the fast way (writeEnvelope). */
export function envelopeText(observations: readonly Observation[]): string {
  const pieces: string[] = [];
  writeEnvelope(observations, (text) => pieces.push(text));
  return pieces.join('');
}

/**
 * Buffers the envelopes are written into as UTF-8, kept for the next: a big first run encodes 150 MB
 * of text, and fresh memory for it cost a page fault per 4 KiB and, as memory outside the heap, full
 * collections. A buffer is out from its text's writing until its compression has read it.
 */
const idleBuffers: Buffer[] = [];
const KEPT_BUFFERS = 4;

/** The envelope as UTF-8 in a buffer of the pool: its bytes, and how to give the buffer back. */
function envelopeBytes(observations: readonly Observation[]): { bytes: Buffer; release: () => void } {
  // Sized for the snapshot at first (what a stored observation takes, about), so it seldom grows by copying.
  const expected = 256 * observations.length + 1024;
  const fits = idleBuffers.findIndex((b) => b.length >= expected);
  let buf = fits >= 0 ? idleBuffers.splice(fits, 1)[0]! : Buffer.allocUnsafeSlow(expected);
  let at = 0;
  writeEnvelope(observations, (text) => {
    // Room for the longest encoding (3 bytes a UTF-16 unit), not measured: measuring walks the text once more.
    const room = at + 3 * text.length;
    if (buf.length < room) {
      const bigger = Buffer.allocUnsafeSlow(Math.max(room, 2 * buf.length));
      buf.copy(bigger, 0, 0, at);
      buf = bigger;
    }
    at += buf.write(text, at, 'utf8');
  });
  const held = buf;
  const release = (): void => {
    idleBuffers.push(held);
    // The biggest are kept: a small one would grow by copying again.
    if (idleBuffers.length > KEPT_BUFFERS) idleBuffers.sort((a, b) => b.length - a.length).pop();
  };
  return { bytes: held.subarray(0, at), release };
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
  return cut(deflateStored(envelopeText(observations)));
}

/** The compression whose turn it is: every later one waits for it (see encodeObservationsAsync). */
let turn: Promise<unknown> = Promise.resolve();

/**
 * The same chunks, compressed on libuv's thread pool one at a time in this process: the text is
 * written at once (as UTF-8, into a pooled buffer), the compression waits its turn. A run saves
 * several sources at once, and letting their compressions overlap on two cores took twice the CPU
 * of the same work in turn (a big first run's snapshots); this way the next text is written while
 * the one before compresses.
 */
export function encodeObservationsAsync(observations: readonly Observation[]): Promise<Buffer[]> {
  const { bytes, release } = envelopeBytes(observations);
  const mine = turn.then(() => brotliCompressAsync(bytes, BROTLI_FAST)).finally(release);
  turn = mine.catch(() => undefined);
  return mine.then(cut);
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
