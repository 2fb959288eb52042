import type { Notification, Sink } from '../../ports/sink';
import { slackDigest } from './slack-digest';
import { slackImmediate } from './slack-immediate';
import type { SlackWebhook } from './slack-webhook';

/** Slack as a channel: a digest or an immediate message, each rendered as one Block Kit message and posted to the webhook. */
export class SlackSink implements Sink<'digest' | 'immediate'> {
  constructor(private readonly webhook: Pick<SlackWebhook, 'send'>) {}

  /** Renders and posts one notification; throws when Slack did not take it. */
  send(notification: Extract<Notification, { kind: 'digest' | 'immediate' }>): Promise<void> {
    return this.webhook.send(notification.kind === 'digest' ? slackDigest(notification.digest) : slackImmediate(notification.notice));
  }
}
