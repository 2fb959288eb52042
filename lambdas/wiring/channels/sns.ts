import { SNSClient } from '@aws-sdk/client-sns';
import { SnsPublisher } from '../../adapters/sns/sns-publisher';
import { sdkHttp, timeoutsFrom } from '../timeouts';
import type { ChannelEntry } from './channel';

/**
 * SNS: lifecycle events (tickets) to a topic. The CLI publishes to DRIFT_SNS_TOPIC_ARN, with a
 * client of its own for the one audit; the Lambda to the installation's topic, with one client per
 * cold start.
 */
export const SNS_CHANNEL: ChannelEntry<'events'> = {
  label: 'SNS',
  takes: ['events'],
  cli: {
    asks: 'DRIFT_SNS_TOPIC_ARN (lifecycle events, with --store dynamodb:TABLE)',
    configured: (env) => Boolean(env.DRIFT_SNS_TOPIC_ARN),
    open: (env) => {
      const sns = new SNSClient(sdkHttp(timeoutsFrom(env)));
      return { events: new SnsPublisher({ sns, topicArn: env.DRIFT_SNS_TOPIC_ARN ?? '' }), close: () => sns.destroy() };
    },
  },
  lambda: (context) => {
    let publisher: SnsPublisher | undefined;
    return () => ({
      events: (publisher ??= new SnsPublisher({ sns: new SNSClient(context.http()), topicArn: context.config().topicArn })),
    });
  },
};
