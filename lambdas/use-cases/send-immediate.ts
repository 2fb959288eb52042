import type { Estate } from '../core/estate/model';
import { IMMEDIATE_CHANNEL, immediateNotices } from '../core/notify/immediate';
import { immediateSettings } from '../core/notify/immediate-settings';
import type { AuditStore } from '../ports/audit-store';
import type { Sink } from '../ports/sink';
import { underLease } from './lease';

export interface SendImmediateInput {
  store: AuditStore;
  estate: Estate;
  /** Opened only when there is something to send (Slack's reads the webhook secret); undefined when none is configured. */
  sink(): Promise<Sink<'immediate'> | undefined>;
  now: Date;
}

/** How far back an undelivered immediate message is still worth sending; older ones are left to the digest. */
export const IMMEDIATE_WINDOW_HOURS = 24;
const IMMEDIATE_LEASE = 'slack-immediate-sending';

/**
 * Sends one message per finding a change just opened (`notify.slack.immediate`), each at most once
 * (marked on its own channel, so the digest still lists it). Stops at the first refusal and throws:
 * what did not go is tried on the next notify.
 */
export async function sendImmediate(input: SendImmediateInput): Promise<{ sent: number }> {
  const settings = immediateSettings(input.estate.notify.slack);
  if (settings === false) return { sent: 0 };
  // Listed and sent under a lease: two runs notified at once send each message once.
  return (await underLease(input.store, input.estate.name, IMMEDIATE_LEASE, input.now, () => sendUnsent(input, settings))) ?? { sent: 0 };
}

async function sendUnsent(
  input: SendImmediateInput,
  settings: Exclude<ReturnType<typeof immediateSettings>, false>,
): Promise<{ sent: number }> {
  const { store, estate, now } = input;
  const since = new Date(now.getTime() - IMMEDIATE_WINDOW_HOURS * 3_600_000).toISOString();
  const groups = new Map(estate.parity.map((g) => [g.name, g.environments]));
  const notices = immediateNotices(await store.listEvents(estate.name, since), settings, groups);
  if (!notices.length) return { sent: 0 };
  const sink = await input.sink();
  if (!sink) return { sent: 0 };
  let sent = 0;
  for (const notice of notices) {
    // Another notifier may have sent it just before this one took the lease, and the list lags.
    if ((await store.eventSent(estate.name, notice.eventId))[IMMEDIATE_CHANNEL] !== undefined) continue;
    await sink.send({ kind: 'immediate', notice });
    await store.markEventSent(estate.name, notice.eventId, IMMEDIATE_CHANNEL, now.toISOString());
    sent++;
  }
  return { sent };
}
