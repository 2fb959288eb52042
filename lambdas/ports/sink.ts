import type { Digest } from '../core/digest/digest-model';
import type { LifecycleEvent } from '../core/lifecycle/model';
import type { ImmediateNotice } from '../core/notify/immediate';

/**
 * What a channel is given: one window's digest, one finding a change just opened (an immediate
 * message, sent at once instead of waiting for the digest), or lifecycle events (tickets).
 */
export type Notification =
  | { kind: 'digest'; digest: Digest }
  | { kind: 'immediate'; notice: ImmediateNotice }
  | { kind: 'events'; events: readonly LifecycleEvent[] };

/** The kinds of notification there are. */
export type NotificationKind = Notification['kind'];

/**
 * A channel findings go to (Slack today; GitHub or Jira tickets next), taking the notifications of
 * the kinds `K` and rendering the neutral model its own way. `send` throws when the channel did not
 * take one: the caller then marks nothing sent, so it goes next run.
 */
export interface Sink<K extends NotificationKind = NotificationKind> {
  send(notification: Extract<Notification, { kind: K }>): Promise<void>;
}
