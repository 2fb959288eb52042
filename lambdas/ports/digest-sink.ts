import type { SlackDigest } from '../core/digest/build-digest';

/** Where a digest goes: Slack's webhook in production, anything with `send` in tests. */
export interface DigestSink {
  send(digest: SlackDigest): Promise<void>;
}
