import { renderRunIndex } from '../adapters/reports/html-run-index';
import { reportHref } from '../adapters/s3/bucket-layout';
import { secretValue } from '../adapters/secrets-manager';
import type { NotificationKind } from '../ports/sink';
import type { NotifyRunDeps } from '../use-cases/notify-run';
import type { AnyChannel, LambdaChannelContext, LambdaPort } from './channels/channel';
import { bucket, config, http, once, secretsClient, store } from './lambda-base';
import { now } from './lambda-config';
import { CHANNEL_NAMES, CHANNEL_TAKING, CHANNELS, type ChannelName } from './notify-channels';
import { reportLink } from './report-url';
import { count, logger } from './lambda-observability';

const context: LambdaChannelContext = {
  // Read when a channel opens, as the wiring always read it.
  get env() {
    return process.env;
  },
  config,
  http,
  secret: (secretId, decoder) => secretValue(secretsClient(), secretId, decoder),
};

const channels: Readonly<Record<ChannelName, AnyChannel>> = CHANNELS;

/** Each channel's per-invocation opener, made at the first invocation. */
const openers = once(() => CHANNEL_NAMES.map((name) => [name, channels[name].lambda(context)] as const));

/** Opens every channel for one invocation, in the registry's order; each kind's port is its channel's (CHANNEL_TAKING). */
function channelPorts(): <K extends NotificationKind>(kind: K) => LambdaPort<K> {
  const opened = new Map(openers().map(([name, open]) => [name, open()]));
  return <K extends NotificationKind>(kind: K): LambdaPort<K> => {
    const port = opened.get(CHANNEL_TAKING[kind])?.[kind];
    // The registry's types promise it: CHANNEL_TAKING names a channel whose entry opens the kind.
    if (port === undefined) throw new TypeError(`the ${CHANNEL_TAKING[kind]} channel opened no ${kind} port`);
    return port;
  };
}

/** Per invocation: every channel is opened again (Slack reads its webhook secret at most once, and only when a message is due). */
export const notifyRunDeps = (): NotifyRunDeps => {
  const port = channelPorts();
  const [digestSink, immediateSink, publisher] = [port('digest'), port('immediate'), port('events')];
  const { estates, artifacts } = bucket();
  return {
    estates,
    artifacts,
    store: store(),
    publisher,
    digestSink,
    immediateSink,
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
