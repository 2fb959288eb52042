import { DriftError } from '../core/errors';
import { readBody } from './object-body';

/** An HTTP answer longer than its caller reads: the peer is not the service it claims to be, or is broken. */
export class AnswerTooLarge extends DriftError {
  override name = 'AnswerTooLarge';
  readonly userFacing = false;
  constructor(readonly maxBytes: number) {
    super(`the answer was larger than ${maxBytes / 1024 / 1024} MiB`, { context: { maxBytes } });
  }
}

// Statuses whose Response may carry no body.
const NULL_BODY = new Set([101, 103, 204, 205, 304]);

/**
 * `fetch` with each answer's body read here, at most `maxBytes` (by its declared length or by what
 * it streams; past it the stream is cancelled, so the rest is not downloaded, and AnswerTooLarge is
 * thrown). HTTP clients read bodies whole, within a timeout at best: an endless answer would fill memory.
 */
export function boundedFetch(base: typeof fetch, maxBytes: number): typeof fetch {
  return async (input, init) => {
    const res = await base(input, init);
    const declared = Number(res.headers.get('content-length') ?? NaN);
    const bytes = await readBody(res.body, { maxBytes, ...(Number.isFinite(declared) ? { contentLength: declared } : {}) });
    if (bytes === undefined) {
      await res.body?.cancel().catch(() => undefined);
      throw new AnswerTooLarge(maxBytes);
    }
    const body = NULL_BODY.has(res.status) ? null : new Uint8Array(bytes);
    return new Response(body, { status: res.status, statusText: res.statusText, headers: res.headers });
  };
}
