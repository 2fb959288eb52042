import { IncomingWebhook, type FetchFunction, type IncomingWebhookSendArguments } from '@slack/webhook';
import { DriftError } from '../../core/errors';
import { readBody } from '../object-body';
import type { SlackMessage } from './slack-digest';
import { parseRetryAfter } from '../retry-after';

export interface SlackWebhookOptions {
  /** The webhook URL: a secret, never logged or put in an error. */
  url: string;
  sleep?: (ms: number) => Promise<void>;
  /** Milliseconds since the epoch; injected by tests together with `sleep`. */
  now?: () => number;
  /** The HTTP client; defaults to the global fetch. */
  fetch?: FetchFunction;
}

/** A Slack webhook that did not take the message. Carries the status only: the URL is a secret. */
export class SlackWebhookError extends DriftError {
  override name = 'SlackWebhookError';
  readonly userFacing = false;
  // No `cause`: the HTTP client's errors can quote the webhook URL.
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message, status !== undefined ? { context: { status } } : {});
  }
}

const MAX_RETRIES = 3;
// Slack allows about one message a second per webhook.
const MIN_INTERVAL_MS = 1000;
// A longer Retry-After would outlive a Lambda invocation: fail and let the run's retry handle it.
const MAX_RETRY_AFTER_MS = 60_000;
const TIMEOUT_MS = 10_000;
// Slack answers `ok` or an error word; an endpoint that streams more is not Slack, and is not read on.
const MAX_ANSWER_BYTES = 64 * 1024;

type FetchResponse = Awaited<ReturnType<FetchFunction>>;

const realSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Retry-After in seconds or as an HTTP date; one second when absent or unreadable. */
export const retryAfterMs = (header: string | null, now: number): number => parseRetryAfter(header, now) ?? MIN_INTERVAL_MS;

/** Posts messages to a Slack incoming webhook: paced to one a second, 429s retried after Retry-After. */
export class SlackWebhook {
  private readonly webhook: IncomingWebhook;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly now: () => number;
  private lastSentAt: number | undefined;
  private lastRetryAfter: string | null = null;
  private queue: Promise<void> = Promise.resolve();

  constructor(options: SlackWebhookOptions) {
    this.sleep = options.sleep ?? realSleep;
    this.now = options.now ?? Date.now;
    const base: FetchFunction = options.fetch ?? (globalThis.fetch as unknown as FetchFunction);
    // @slack/webhook 8 keeps only status and body on its HTTP error: read Retry-After on the way through.
    const fetch: FetchFunction = async (url, init) => {
      const response = await base(url, init);
      this.lastRetryAfter = response.headers.get('retry-after');
      return boundedAnswer(response);
    };
    this.webhook = new IncomingWebhook(options.url, { fetch, timeout: TIMEOUT_MS });
  }

  /** Sends one message; sends are serialised so pacing holds for concurrent callers too. */
  send(message: SlackMessage): Promise<void> {
    const next = this.queue.then(() => this.deliver(message));
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async deliver(slack: SlackMessage): Promise<void> {
    const message = { text: slack.text, blocks: slack.blocks } as IncomingWebhookSendArguments;
    for (let attempt = 0; ; attempt++) {
      await this.pace();
      this.lastSentAt = this.now();
      const status = await this.post(message);
      if (status === undefined) return;
      const wait = retryAfterMs(this.lastRetryAfter, this.now());
      if (status !== 429 || attempt >= MAX_RETRIES || wait > MAX_RETRY_AFTER_MS) {
        throw new SlackWebhookError(`slack webhook answered ${status}`, status);
      }
      await this.sleep(wait);
    }
  }

  private async pace(): Promise<void> {
    if (this.lastSentAt === undefined) return;
    const wait = this.lastSentAt + MIN_INTERVAL_MS - this.now();
    if (wait > 0) await this.sleep(wait);
  }

  /** The HTTP status of a refusal, or undefined on success; errors are rebuilt so none carries the URL. */
  private async post(message: IncomingWebhookSendArguments): Promise<number | undefined> {
    this.lastRetryAfter = null;
    try {
      await this.webhook.send(message);
      return undefined;
    } catch (err) {
      const status = (err as { statusCode?: unknown }).statusCode;
      if (typeof status === 'number') return status;
      throw new SlackWebhookError(`slack webhook request failed${errorCode(err)}`);
    }
  }
}

/**
 * The response with its body read here, at most MAX_ANSWER_BYTES (the rest is not downloaded: the
 * stream is cancelled), as @slack/webhook reads a body whole, even an endless one.
 */
async function boundedAnswer(response: FetchResponse): Promise<FetchResponse> {
  const stream = (response as { body?: unknown }).body;
  // A fetch without a body stream (one a test injects) is read as it reads itself.
  const bytes =
    stream === undefined
      ? Buffer.from(await response.arrayBuffer())
      : ((await readBody(stream, { maxBytes: MAX_ANSWER_BYTES })) ?? Buffer.alloc(0));
  const text = (): Promise<string> => Promise.resolve(bytes.toString('utf8'));
  return {
    ok: response.ok,
    status: response.status,
    statusText: response.statusText,
    url: response.url,
    headers: response.headers,
    text,
    json: async () => JSON.parse(await text()) as unknown,
    arrayBuffer: () => Promise.resolve(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer),
  };
}

/** A network error's code (ECONNREFUSED, …), never its message: those may quote the address. */
function errorCode(err: unknown): string {
  let e: unknown = err;
  for (let depth = 0; e && depth < 4; depth++) {
    const c = (e as { code?: unknown }).code;
    if (typeof c === 'string' && /^[A-Z_]+$/.test(c)) return ` (${c})`;
    if (e instanceof Error && (e.name === 'TimeoutError' || e.name === 'AbortError')) return ' (timeout)';
    e = (e as { cause?: unknown }).cause;
  }
  return '';
}
