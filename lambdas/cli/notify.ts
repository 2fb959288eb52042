import { SNSClient } from '@aws-sdk/client-sns';
import { SlackSink } from '../adapters/slack/slack-sink';
import { SlackWebhook } from '../adapters/slack/slack-webhook';
import { webhookHosts, webhookProblem } from '../adapters/slack/webhook-target';
import { SnsPublisher } from '../adapters/sns/sns-publisher';
import type { AuditResult } from '../core/engine/audit';
import type { Estate } from '../core/estate/model';
import { publishEvents } from '../use-cases/publish-events';
import { sendDigest } from '../use-cases/send-digest';
import { sendImmediate } from '../use-cases/send-immediate';
import type { OpenStore } from '../wiring/open-store';
import { sdkHttp, timeoutsFrom } from '../wiring/timeouts';
import { UsageError, type CliIo } from './io';

/** `--notify` needs somewhere to send, and a digest only an allowed https host: checked before anything is collected. */
export function checkNotify(notify: boolean | undefined, env: NodeJS.ProcessEnv, asOf?: string): void {
  if (!notify) return;
  // A what-if judged on another day: its digest would tell the team that day's expiries and retirements as today's.
  if (asOf !== undefined)
    throw new UsageError(`--notify: an audit --as-of ${asOf} is a what-if; it notifies no one, as it writes no history`);
  if (!env.DRIFT_SLACK_WEBHOOK_URL && !env.DRIFT_SNS_TOPIC_ARN) {
    throw new UsageError(
      '--notify: set DRIFT_SLACK_WEBHOOK_URL (the digest) or DRIFT_SNS_TOPIC_ARN (lifecycle events, with --store dynamodb:TABLE)',
    );
  }
  const refused = env.DRIFT_SLACK_WEBHOOK_URL ? webhookProblem(env.DRIFT_SLACK_WEBHOOK_URL, webhookHosts(env)) : undefined;
  if (refused) throw new UsageError(`--notify: DRIFT_SLACK_WEBHOOK_URL ${refused}`);
}

/**
 * Sends the immediate Slack messages a store says are owed (`notify.slack.immediate`, each once),
 * then the Slack digest now, whatever the window, and publishes SNS lifecycle events — the latter
 * only with an installation's table, so a laptop or a CI job with a throwaway store never opens
 * duplicate tickets. A failed delivery is reported and retried next time; it never hides the audit.
 * Returns how many deliveries failed (a Slack message, the digest, SNS messages), for the exit code.
 */
export async function notifyNow(input: {
  estate: Estate;
  result: AuditResult;
  store?: OpenStore;
  runId: string;
  at: Date;
  io: CliIo;
}): Promise<number> {
  const { estate, result, store, runId, at, io } = input;
  let failed = 0;
  const webhook = io.env.DRIFT_SLACK_WEBHOOK_URL;
  if (webhook) {
    const sink = new SlackSink(new SlackWebhook({ url: webhook }));
    if (store) {
      try {
        await sendImmediate({ store: store.store, estate, sink: async () => sink, now: at });
      } catch (err) {
        failed++;
        io.stderr.write(`drift: an immediate Slack message was not sent (it goes next time): ${(err as Error).message}\n`);
      }
    }
    try {
      await sendDigest({ estate, result, sink, now: at, store: store?.store });
    } catch (err) {
      failed++;
      io.stderr.write(`drift: the Slack digest was not sent: ${(err as Error).message}\n`);
    }
  }
  const topicArn = io.env.DRIFT_SNS_TOPIC_ARN;
  if (!topicArn) return failed;
  if (store?.kind !== 'dynamodb') {
    io.stderr.write("drift: SNS events are published only with --store dynamodb:TABLE (an installation's table), not from this store\n");
    return failed;
  }
  const sns = new SNSClient(sdkHttp(timeoutsFrom(io.env)));
  try {
    const out = await publishEvents({ store: store.store, estate, publisher: new SnsPublisher({ sns, topicArn }), now: at, runId });
    if (out.failed) io.stderr.write(`drift: ${out.failed} SNS message(s) failed and will be sent on the next run\n`);
    return failed + out.failed;
  } finally {
    sns.destroy();
  }
}
