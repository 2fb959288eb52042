import { renderRunIndex } from '../adapters/reports/html-run-index';
import { reportHref } from '../adapters/s3/bucket-layout';
import { secretValue } from '../adapters/secrets-manager';
import type { NotificationKind } from '../ports/sink';
import type { ChannelPort, NotifyRunDeps } from '../use-cases/notify-run';
import type { AnyChannel, LambdaChannelContext, LambdaPort } from './channels/channel';
import { bucket, config, http, once, secretsClient, store } from './lambda-base';
import { now } from './lambda-config';
import { CHANNEL_NAMES, CHANNELS, channelsTaking, type ChannelName } from './notify-channels';
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

/** Opens every channel for one invocation, in the registry's order; each kind's ports are those of the channels that take it. */
function channelPorts(): <K extends NotificationKind>(kind: K) => Array<ChannelPort<LambdaPort<K>>> {
  const opened = new Map(openers().map(([name, open]) => [name, open()]));
  return <K extends NotificationKind>(kind: K) =>
    channelsTaking(kind).map((name) => {
      const port = opened.get(name)?.[kind];
      // The registry's types promise it: a channel's entry opens each kind it takes.
      if (port === undefined) throw new TypeError(`the ${name} channel opened no ${kind} port`);
      return { name, label: channels[name].label, port };
    });
}

/** Per invocation: every channel is opened again (Slack reads its webhook secret at most once, and only when a message is due). */
export const notifyRunDeps = (): NotifyRunDeps => {
  const port = channelPorts();
  const { estates, artifacts } = bucket();
  return {
    estates,
    artifacts,
    store: store(),
    events: port('events'),
    digests: port('digest'),
    immediates: port('immediate'),
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
