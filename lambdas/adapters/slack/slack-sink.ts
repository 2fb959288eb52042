import type { Notification, Sink } from '../../ports/sink';
import { slackDigest } from './slack-digest';
import type { SlackWebhook } from './slack-webhook';

/** Slack as a channel: each digest rendered as one Block Kit message and posted to the webhook. */
export class SlackSink implements Sink<'digest'> {
  constructor(private readonly webhook: Pick<SlackWebhook, 'send'>) {}

  /** Renders and posts one digest; throws when Slack did not take it. */
  send(notification: Extract<Notification, { kind: 'digest' }>): Promise<void> {
    return this.webhook.send(slackDigest(notification.digest));
  }
}
