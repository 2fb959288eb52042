import { keyType } from '../core/engine/equality';
import type { Estate } from '../core/estate/model';
import { immediateMarks } from '../core/notify/channel-marks';
import { immediateNotices } from '../core/notify/immediate';
import { immediateSettings } from '../core/notify/immediate-settings';
import type { AuditStore } from '../ports/audit-store';
import type { Sink } from '../ports/sink';
import { underLeaseForAll } from './lease';
import { shownEvents } from './shown-records';

export interface SendImmediateInput {
  store: AuditStore;
  estate: Estate;
  /** Opened only when there is something to send (Slack's reads the webhook secret); undefined when none is configured. */
  sink(): Promise<Sink<'immediate'> | undefined>;
  /** The channel's name, which keeps each message's sent mark (immediateMarks). */
  channel: string;
  now: Date;
  /** The run notified: its retried stage takes back the lease an attempt that died held (see underLease). */
  runId?: string;
}

/** How far back an undelivered immediate message is still worth sending; older ones are left to the digest. */
export const IMMEDIATE_WINDOW_HOURS = 24;

/**
 * Sends one message per finding a change just opened (`notify.slack.immediate`), each at most once
 * on the channel (marked as its immediate message, so the digest still lists it). Stops at the first refusal and throws:
 * what did not go is tried on the next notify.
 */
export async function sendImmediate(input: SendImmediateInput): Promise<{ sent: number }> {
  const settings = immediateSettings(input.estate.notify.slack);
  if (settings === false) return { sent: 0 };
  // Listed and sent under the channel's lease: two runs notified at once send each message once, the holder both runs' messages.
  const { lease } = immediateMarks(input.channel);
  const sendAll = () => sendUnsent(input, settings);
  const addSent = (a: { sent: number }, b: { sent: number }) => ({ sent: a.sent + b.sent });
  return (await underLeaseForAll(input.store, input.estate.name, lease, input.now, sendAll, addSent, input.runId)) ?? { sent: 0 };
}

async function sendUnsent(
  input: SendImmediateInput,
  settings: Exclude<ReturnType<typeof immediateSettings>, false>,
): Promise<{ sent: number }> {
  const { store, estate, now } = input;
  const since = new Date(now.getTime() - IMMEDIATE_WINDOW_HOURS * 3_600_000).toISOString();
  const groups = new Map(estate.parity.map((g) => [g.name, g.environments]));
  const { sent: mark } = immediateMarks(input.channel);
  const notices = immediateNotices(await shownEvents(store, estate, since), settings, groups, mark, keyType(estate));
  if (!notices.length) return { sent: 0 };
  const sink = await input.sink();
  if (!sink) return { sent: 0 };
  let sent = 0;
  for (const notice of notices) {
    // Another notifier may have sent it just before this one took the lease, and the list lags.
    if ((await store.eventSent(estate.name, notice.eventId))[mark] !== undefined) continue;
    await sink.send({ kind: 'immediate', notice });
    await store.markEventSent(estate.name, notice.eventId, mark, now.toISOString());
    sent++;
  }
  return { sent };
}
