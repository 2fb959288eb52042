/** The most of a body to read, and the length S3 declared for it (checked before reading any). */
export interface BodyLimit {
  maxBytes: number;
  contentLength?: number | undefined;
}

/** What reading an object's body as text gave: its text, or why there is none (never its content). */
export type BodyText = { text: string } | { problem: string };

/**
 * Reads a GetObject body whole. With a limit, it is undefined as soon as the body passes it, by its
 * declared length or by what it streams, and the rest is not downloaded.
 */
export function readBody(body: unknown): Promise<Buffer>;
export function readBody(body: unknown, limit: BodyLimit): Promise<Buffer | undefined>;
export async function readBody(body: unknown, limit?: BodyLimit): Promise<Buffer | undefined> {
  const max = limit?.maxBytes ?? Infinity;
  if (limit?.contentLength !== undefined && limit.contentLength > max) {
    destroy(body);
    return undefined;
  }
  return readBytes(body, max);
}

/** Reads a GetObject body as UTF-8 text, stopping as soon as it passes the limit. */
export async function readBodyText(body: unknown, limit: BodyLimit): Promise<BodyText> {
  const bytes = await readBody(body, limit);
  if (bytes === undefined) return { problem: `larger than ${limit.maxBytes / 1024 / 1024} MiB` };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    return { problem: 'not UTF-8 text' };
  }
}

async function readBytes(body: unknown, max: number): Promise<Buffer | undefined> {
  if (body === undefined || body === null) return Buffer.alloc(0);
  if (typeof body === 'object' && Symbol.asyncIterator in body) {
    const chunks: Uint8Array[] = [];
    let size = 0;
    // Leaving the loop early destroys the stream, so an oversized object is not downloaded.
    for await (const chunk of body as AsyncIterable<Uint8Array | string>) {
      const part = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      size += part.byteLength;
      if (size > max) return undefined;
      chunks.push(part);
    }
    return Buffer.concat(chunks);
  }
  const all = await (body as { transformToByteArray(): Promise<Uint8Array> }).transformToByteArray();
  return all.byteLength > max ? undefined : Buffer.from(all.buffer, all.byteOffset, all.byteLength);
}

function destroy(body: unknown): void {
  const stream = body as { destroy?: () => void } | undefined;
  if (typeof stream?.destroy === 'function') stream.destroy();
}
