import type { NotificationKind } from '../ports/sink';
import type { AnyChannel } from './channels/channel';
import { SLACK_CHANNEL } from './channels/slack';
import { SNS_CHANNEL } from './channels/sns';

/** The notification channels there are. */
export type ChannelName = 'slack' | 'sns';

/**
 * Every notification channel, in the order `drift audit --notify` uses them; both the CLI
 * (`lambdas/cli/notify.ts`) and the notify Lambda (`lambdas/wiring/lambda-notify.ts`) wire what is
 * here. Adding a channel is its file under `channels/` and its line here.
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
type IsUnion<T, U = T> = T extends unknown ? ([U] extends [T] ? false : true) : never;
/** `N` when it is one channel; never when none or several. */
type Sole<N> = [N] extends [never] ? never : true extends IsUnion<N> ? never : N;

/**
 * The one channel each kind goes to. The use cases keep one digest window and one "sent" mark per
 * kind (DIGEST_MARKER, the events' `sns` mark), so a kind with no channel, or a second channel
 * taking one (a second digest channel), does not compile until they keep one per channel.
 */
export const CHANNEL_TAKING: { readonly [K in NotificationKind]: Sole<Taking<K>> } = {
  digest: 'slack',
  immediate: 'slack',
  events: 'sns',
};
