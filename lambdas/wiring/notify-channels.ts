import type { NotificationKind } from '../ports/sink';
import type { AnyChannel } from './channels/channel';
import { SLACK_CHANNEL } from './channels/slack';
import { SNS_CHANNEL } from './channels/sns';

/** The notification channels there are. */
export type ChannelName = 'slack' | 'sns';

/**
 * Every notification channel, in the order `drift audit --notify` uses them; both the CLI
 * (`lambdas/cli/notify.ts`) and the notify Lambda (`lambdas/wiring/lambda-notify.ts`) wire what is
 * here. Adding a channel is its file under `channels/` and its line here: any number of channels may
 * take one kind (a Teams digest beside Slack's), each keeping its own window and sent marks.
 */
export const CHANNELS = {
  slack: SLACK_CHANNEL,
  sns: SNS_CHANNEL,
} as const satisfies Record<ChannelName, AnyChannel>;

/** The channels' names, in the registry's order. */
export const CHANNEL_NAMES = Object.keys(CHANNELS) as ChannelName[];

/** The channels that take notifications of kind `K`. */
type Taking<K extends NotificationKind> = {
  [N in ChannelName]: K extends (typeof CHANNELS)[N]['takes'][number] ? N : never;
}[ChannelName];

/**
 * Each channel keeps its deliveries under its name (core/notify/channel-marks): a name with a `-`,
 * or a channel taking both digests and events (whose sent marks are both its name), does not compile.
 */
type MarksApart = [Extract<ChannelName, `${string}-${string}`> | Extract<Taking<'digest'>, Taking<'events'>>] extends [never]
  ? true
  : never;
true satisfies MarksApart;

/** The channels that take notifications of `kind`, in the registry's order: each keeps its own window and sent marks. */
export const channelsTaking = (kind: NotificationKind): ChannelName[] =>
  CHANNEL_NAMES.filter((name) => (CHANNELS[name].takes as readonly NotificationKind[]).includes(kind));
