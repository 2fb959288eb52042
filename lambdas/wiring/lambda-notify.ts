import { SNSClient } from '@aws-sdk/client-sns';
import { SlackSink } from '../adapters/slack/slack-sink';
import { SlackWebhook } from '../adapters/slack/slack-webhook';
import { webhookFromSecretsManager } from '../adapters/slack/webhook-secret';
import { SnsPublisher } from '../adapters/sns/sns-publisher';
import { renderRunIndex } from '../adapters/reports/html-run-index';
import { reportHref } from '../adapters/s3/bucket-layout';
import type { NotifyRunDeps } from '../use-cases/notify-run';
import { bucket, config, http, once, secretsClient, store } from './lambda-base';
import { now, slackSecretArn } from './lambda-config';
import { reportLink } from './report-url';
import { count, logger } from './lambda-observability';

const publisher = once(() => new SnsPublisher({ sns: new SNSClient(http()), topicArn: config().topicArn }));

/** Per invocation: the webhook secret is read at most once per invocation, and only when a digest is due. */
export const notifyRunDeps = (): NotifyRunDeps => {
  const webhook = webhookFromSecretsManager(secretsClient(), slackSecretArn(process.env));
  // One webhook for the digest and the immediate messages, so its pacing covers both.
  let slack: Promise<SlackSink | undefined> | undefined;
  const slackSink = (): Promise<SlackSink | undefined> =>
    (slack ??= webhook().then((url) => (url === undefined ? undefined : new SlackSink(new SlackWebhook({ url })))));
  const { estates, artifacts } = bucket();
  return {
    estates,
    artifacts,
    store: store(),
    publisher: publisher(),
    digestSink: slackSink,
    immediateSink: slackSink,
    runIndex: (runId, estates) =>
      renderRunIndex(
        runId,
        estates.map((estate) => ({ estate, href: reportHref(estate) })),
      ),
    reportUrl: reportLink(config()),
    now,
    onDeliveryError: (channel, estate, error) =>
      logger.warn('delivery failed; it is tried again next run', { channel, estate, error: error.name, detail: error.message }),
    count,
  };
};
