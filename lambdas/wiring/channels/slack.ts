import { SlackSink } from '../../adapters/slack/slack-sink';
import { SlackWebhook } from '../../adapters/slack/slack-webhook';
import { webhookSecretDecoder } from '../../adapters/slack/webhook-secret-decoder';
import { webhookHosts, webhookProblem } from '../../adapters/slack/webhook-target';
import { slackSecretArn } from '../lambda-config';
import type { ChannelEntry } from './channel';

/**
 * Slack: the immediate messages and the digest, through one incoming webhook so its pacing covers
 * both. The CLI posts to DRIFT_SLACK_WEBHOOK_URL (an allowed https host); the Lambda reads the
 * webhook from its secret at most once per invocation, and only when a message is due.
 */
export const SLACK_CHANNEL: ChannelEntry<'immediate' | 'digest'> = {
  label: 'Slack',
  takes: ['immediate', 'digest'],
  cli: {
    asks: 'DRIFT_SLACK_WEBHOOK_URL (the digest)',
    configured: (env) => Boolean(env.DRIFT_SLACK_WEBHOOK_URL),
    problem: (env) => {
      const url = env.DRIFT_SLACK_WEBHOOK_URL;
      const refused = url ? webhookProblem(url, webhookHosts(env)) : undefined;
      return refused ? `DRIFT_SLACK_WEBHOOK_URL ${refused}` : undefined;
    },
    open: (env) => {
      const sink = new SlackSink(new SlackWebhook({ url: env.DRIFT_SLACK_WEBHOOK_URL ?? '' }));
      return { immediate: sink, digest: sink };
    },
  },
  lambda: (context) => () => {
    const secretId = slackSecretArn(context.env);
    const webhook = context.secret(secretId, webhookSecretDecoder(secretId));
    let slack: Promise<SlackSink | undefined> | undefined;
    const sink = (): Promise<SlackSink | undefined> =>
      (slack ??= webhook().then((url) => (url === undefined ? undefined : new SlackSink(new SlackWebhook({ url })))));
    return { immediate: sink, digest: sink };
  },
};
