/** The most an environment file may hold; ECS itself refuses files over 5 MiB, ours are far smaller. */
export const MAX_ENV_FILE_BYTES = 1024 * 1024;

/** `arn:aws:s3:::bucket/path/app.env` → its bucket and key; undefined for anything else. */
export function parseS3ObjectArn(arn: string): { bucket: string; key: string } | undefined {
  const m = /^arn:aws[a-z-]*:s3:::([^/]+)\/(.+)$/.exec(arn);
  return m ? { bucket: m[1] as string, key: m[2] as string } : undefined;
}

/** What reading an object's body gave: its text, or why there is none (never its content). */
export type BodyText = { text: string } | { problem: string };

const tooLarge = (max: number): BodyText => ({ problem: `larger than ${max / 1024 / 1024} MiB` });

/** Reads a GetObject body as UTF-8 text, stopping as soon as it passes `max` bytes. */
export async function readBodyText(body: unknown, contentLength: number | undefined, max = MAX_ENV_FILE_BYTES): Promise<BodyText> {
  if (contentLength !== undefined && contentLength > max) {
    destroy(body);
    return tooLarge(max);
  }
  const bytes = await readBytes(body, max);
  if (bytes === undefined) return tooLarge(max);
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    return { problem: 'not UTF-8 text' };
  }
}

async function readBytes(body: unknown, max: number): Promise<Uint8Array | undefined> {
  if (body === undefined || body === null) return new Uint8Array();
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
  return all.byteLength > max ? undefined : all;
}

function destroy(body: unknown): void {
  const stream = body as { destroy?: () => void } | undefined;
  if (typeof stream?.destroy === 'function') stream.destroy();
}
