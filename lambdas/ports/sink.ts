import type { Digest } from '../core/digest/digest-model';
import type { LifecycleEvent } from '../core/lifecycle/model';

/** What a channel is given: one window's digest, or lifecycle events to announce as they happen (immediate messages, tickets). */
export type Notification = { kind: 'digest'; digest: Digest } | { kind: 'events'; events: readonly LifecycleEvent[] };

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
