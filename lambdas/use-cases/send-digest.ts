import type { AuditResult } from '../core/engine/audit';
import { buildDigest } from '../core/digest/build-digest';
import { keyType } from '../core/engine/equality';
import { digestReadFrom, owedToDigest } from '../core/digest/digest-window';
import type { Estate } from '../core/estate/model';
import { kindOf } from '../core/kinds';
import type { LifecycleEvent } from '../core/lifecycle/model';
import { digestMarks } from '../core/notify/channel-marks';
import { ruleKeysOf } from '../core/related-findings';
import type { AuditStore } from '../ports/audit-store';
import type { Sink } from '../ports/sink';
import { underLease } from './lease';
import { shownEvents } from './shown-records';

export interface SendDigestInput {
  estate: Estate;
  /** What is open and suppressed now (a removed estate: nothing). */
  result: Pick<AuditResult, 'findings' | 'suppressed'>;
  /** The estate's last digest: the installation no longer audits it; only its resolutions are said. */
  removed?: boolean;
  /** Where the digest goes: any channel that takes digests. */
  sink: Sink<'digest'>;
  /** The channel's name, which keeps its window and its events' sent marks (digestMarks). */
  channel: string;
  now: Date;
  /** With a store: every event since the last digest, each sent once; without, only what is open now. */
  store?: AuditStore;
  /** The end of the previous window (undefined: none yet), when the caller has read it already to judge the digest due. */
  windowStart?: string;
  reportUrl?: string;
  /** The run notified: its retried stage takes back the lease an attempt that died held (see underLease). */
  runId?: string;
}

/**
 * Sends one digest covering everything since the channel's last one, then moves its window forward
 * and marks its events sent on it, so its next digest never repeats them. With a store, under the
 * channel's lease (two runs notified at once send it once): a notifier that finds another sending
 * (or the window moved) sends nothing (`sent: false`).
 */
export async function sendDigest(input: SendDigestInput): Promise<{ sent: boolean; events: number }> {
  const { estate, store, now } = input;
  if (!store) return sendWindow(input);
  const nothing = { sent: false, events: 0 };
  const marks = digestMarks(input.channel);
  const done = await underLease(
    store,
    estate.name,
    marks.lease,
    now,
    async () => {
      // Read under the lease: a notifier that sent meanwhile has moved it.
      const windowStart = await store.getMarker(estate.name, marks.window);
      // The caller judged the digest due from the window it read (absent too): moved since, it went.
      if (Object.hasOwn(input, 'windowStart') && windowStart !== input.windowStart) return nothing;
      return sendWindow({ ...input, windowStart });
    },
    input.runId,
  );
  return done ?? nothing;
}

async function sendWindow(input: SendDigestInput): Promise<{ sent: boolean; events: number }> {
  const { estate, result, store, now } = input;
  const windowEnd = now.toISOString();
  const windowStart = input.windowStart;
  const marks = digestMarks(input.channel);
  const logged = store ? await shownEvents(store, estate, digestReadFrom(windowStart)) : [];
  const events: LifecycleEvent[] = logged.filter((e) => owedToDigest(e, windowStart, marks.sent));
  const digest = buildDigest({
    estate: estate.name,
    windowStart,
    windowEnd,
    timezone: estate.notify.slack.timezone,
    events,
    // With a store, open is what it holds open: a finding listed without a status opened nothing (see RunScope.unconfirmed).
    open: result.findings.filter((f) => kindOf(f.kind).listedOpen && (!store || f.status !== undefined)),
    suppressed: result.suppressed,
    minSeverity: estate.notify.slack.minSeverity,
    // A removed estate with nothing left to say sends nothing: it has no later window to be all clear in.
    allClear: estate.notify.slack.allClear && !input.removed,
    removed: input.removed,
    reportUrl: input.reportUrl,
    ruleKeys: ruleKeysOf(estate.baseline.rules),
    keyType: keyType(estate),
    scopes: { environments: estate.environments.map((e) => e.name), groups: estate.parity.map((g) => g.name) },
  });
  if (digest) await input.sink.send({ kind: 'digest', digest });
  if (store) {
    // The window moves first, in one write: a digest that went is not sent again by the next run
    // because a later write failed. Events logged before its end are never listed again; marking
    // them sent keeps out of the next digest those logged while it was being read.
    await store.putMarker(estate.name, marks.window, windowEnd);
    try {
      for (const e of events) await store.markEventSent(estate.name, e.eventId, marks.sent, windowEnd);
    } catch {
      // Not a failed digest: it went, and what is left unmarked is behind the window.
    }
  }
  return { sent: digest !== undefined, events: events.length };
}
