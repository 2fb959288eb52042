import type { AuditResult } from '../core/engine/audit';
import { buildDigest } from '../core/digest/build-digest';
import { DIGEST_CHANNEL, digestReadFrom, owedToDigest } from '../core/digest/digest-window';
import type { Estate } from '../core/estate/model';
import { kindOf } from '../core/kinds';
import type { LifecycleEvent } from '../core/lifecycle/model';
import { ruleKeysOf } from '../core/related-findings';
import type { AuditStore } from '../ports/audit-store';
import type { Sink } from '../ports/sink';
import { underLease } from './lease';

export interface SendDigestInput {
  estate: Estate;
  /** What is open and suppressed now (a removed estate: nothing). */
  result: Pick<AuditResult, 'findings' | 'suppressed'>;
  /** The estate's last digest: the installation no longer audits it; only its resolutions are said. */
  removed?: boolean;
  /** Where the digest goes: any channel that takes digests. */
  sink: Sink<'digest'>;
  now: Date;
  /** With a store: every event since the last digest, each sent once; without, only what is open now. */
  store?: AuditStore;
  /** The end of the previous window (undefined: none yet), when the caller has read it already to judge the digest due. */
  windowStart?: string;
  reportUrl?: string;
}

/** The marker that says where the last digest window ended. */
export const DIGEST_MARKER = 'slack-digest';
/** The lease one notifier holds while it sends a digest: two runs notified at once send it once. */
const DIGEST_LEASE = 'slack-digest-sending';

/**
 * Sends one digest covering everything since the last one, then moves the window forward and
 * marks its events sent, so the next digest never repeats them. With a store, under a lease: a
 * notifier that finds another sending (or the window moved) sends nothing (`sent: false`).
 */
export async function sendDigest(input: SendDigestInput): Promise<{ sent: boolean; events: number }> {
  const { estate, store, now } = input;
  if (!store) return sendWindow(input);
  const nothing = { sent: false, events: 0 };
  const done = await underLease(store, estate.name, DIGEST_LEASE, now, async () => {
    // Read under the lease: a notifier that sent meanwhile has moved it.
    const windowStart = await store.getMarker(estate.name, DIGEST_MARKER);
    // The caller judged the digest due from the window it read (absent too): moved since, it went.
    if (Object.hasOwn(input, 'windowStart') && windowStart !== input.windowStart) return nothing;
    return sendWindow({ ...input, windowStart });
  });
  return done ?? nothing;
}

async function sendWindow(input: SendDigestInput): Promise<{ sent: boolean; events: number }> {
  const { estate, result, store, now } = input;
  const windowEnd = now.toISOString();
  const windowStart = input.windowStart;
  const logged = store ? await store.listEvents(estate.name, digestReadFrom(windowStart)) : [];
  const events: LifecycleEvent[] = logged.filter((e) => owedToDigest(e, windowStart));
  const digest = buildDigest({
    estate: estate.name,
    windowStart,
    windowEnd,
    timezone: estate.notify.slack.timezone,
    events,
    open: result.findings.filter((f) => kindOf(f.kind).listedOpen),
    suppressed: result.suppressed,
    minSeverity: estate.notify.slack.minSeverity,
    // A removed estate with nothing left to say sends nothing: it has no later window to be all clear in.
    allClear: estate.notify.slack.allClear && !input.removed,
    removed: input.removed,
    reportUrl: input.reportUrl,
    ruleKeys: ruleKeysOf(estate.baseline.rules),
    scopes: { environments: estate.environments.map((e) => e.name), groups: estate.parity.map((g) => g.name) },
  });
  if (digest) await input.sink.send({ kind: 'digest', digest });
  if (store) {
    // The window moves first, in one write: a digest that went is not sent again by the next run
    // because a later write failed. Events logged before its end are never listed again; marking
    // them sent keeps out of the next digest those logged while it was being read.
    await store.putMarker(estate.name, DIGEST_MARKER, windowEnd);
    try {
      for (const e of events) await store.markEventSent(estate.name, e.eventId, DIGEST_CHANNEL, windowEnd);
    } catch {
      // Not a failed digest: it went, and what is left unmarked is behind the window.
    }
  }
  return { sent: digest !== undefined, events: events.length };
}
