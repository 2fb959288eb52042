import type { Estate } from '../core/estate/model';
import { eventMarks } from '../core/notify/channel-marks';
import { shouldPublish } from '../core/notify/should-publish';
import { snsMessage } from '../core/notify/sns-message';
import type { AuditStore, LifecycleEvent } from '../ports/audit-store';
import type { EventPublisher } from '../ports/event-publisher';
import { underLeaseForAll } from './lease';
import { shownEvents } from './shown-records';

export interface PublishEventsInput {
  store: AuditStore;
  estate: Estate;
  publisher: EventPublisher;
  /** The channel's name, which keeps its sent and skipped marks, its first-run boundary and its lease (eventMarks). */
  channel: string;
  now: Date;
  /** The run being notified: the first run the notifier sees decides the first-run marker. */
  runId: string;
  /** The run read only some of the estate's environments (a targeted run): it cannot end the installation's first run. */
  partial?: boolean;
}

export interface PublishEventsResult {
  sent: number;
  failed: number;
  /** Events this call decided never to send (filters, first run, an episode that was never ticketed). */
  skipped: number;
  /** `resolved` events held back because their episode's `opened` has not gone yet: tried next run. */
  deferred: number;
  errors: Array<{ eventId: string; error: string }>;
}

/** Events older than this are not sent any more, even if they never went (the log keeps them 90 days). */
export const SNS_WINDOW_DAYS = 30;

const DAY_MS = 86_400_000;
const episodeOf = (e: LifecycleEvent): string => `${e.finding.id}#${e.episode ?? 0}`;
type Marks = ReturnType<typeof eventMarks>;
/** Sent on the channel, or decided never to be. */
const done = (e: LifecycleEvent, marks: Marks): boolean => e.sent?.[marks.sent] !== undefined || e.sent?.[marks.skipped] !== undefined;

/**
 * The first-run boundary, the start of the last run before the channel's tickets began (events at
 * or before it are first-run events), fixed once at the notifier's first call (before anything is
 * sent, so a crash later does not move it). If the store shows no run before this one, this run is the
 * installation's first: its start. If it does (a store used before SNS was wired), those earlier
 * runs are the "first run" (pre-existing drift, never ticketed by default) and this run is not.
 * A targeted run that would be the first reads only some environments: the drift of the others is
 * first seen by the first full run, so the boundary waits for it, and the targeted runs notified
 * until then are part of the first run (their events and states are not earlier runs').
 */
async function firstRunUntil(input: PublishEventsInput, events: LifecycleEvent[], runStart: string): Promise<string> {
  const name = input.estate.name;
  // The boundary, and the start of the first targeted run notified while no full run had been (the installation's first run began there).
  const marks = eventMarks(input.channel);
  const known = await input.store.getMarker(name, marks.firstRunUntil);
  if (known !== undefined) return known;
  const partialSince = await input.store.getMarker(name, marks.partialFirstRunSince);
  const before = partialSince !== undefined && partialSince < runStart ? partialSince : runStart;
  const states = await input.store.loadFindingStates(name);
  const earlier = [...events.map((e) => e.at), ...states.map((s) => s.firstSeen)].filter((at) => at < before).sort();
  if (!earlier.length && input.partial) {
    if (partialSince === undefined) await input.store.putMarker(name, marks.partialFirstRunSince, runStart);
    return runStart;
  }
  await input.store.putMarker(name, marks.firstRunUntil, earlier[earlier.length - 1] ?? runStart);
  // Forward-only: a concurrent first call may have put a later value; everyone uses the stored one.
  return (await input.store.getMarker(name, marks.firstRunUntil)) ?? runStart;
}

/** Publishes and marks what went; returns the ids that failed. */
async function send(input: PublishEventsInput, listed: LifecycleEvent[], result: PublishEventsResult): Promise<Set<string>> {
  // Read again from each event: another notifier may have sent it just before this one took the lease, and the list lags.
  const marks = eventMarks(input.channel);
  const events: LifecycleEvent[] = [];
  for (const e of listed) if (!done({ ...e, sent: await input.store.eventSent(input.estate.name, e.eventId) }, marks)) events.push(e);
  if (!events.length) return new Set();
  const outcome = await input.publisher.publish(events.map((e) => snsMessage(e, { estate: input.estate })));
  const at = input.now.toISOString();
  const byId = new Map(events.map((e) => [e.eventId, e]));
  for (const id of outcome.sent) {
    const e = byId.get(id);
    if (!e) continue;
    // Marked only after SNS took it: a crash between the two re-sends it (consumers de-duplicate by eventId).
    await input.store.markEventSent(input.estate.name, id, marks.sent, at);
    e.sent = { ...e.sent, [marks.sent]: at };
    result.sent++;
  }
  for (const f of outcome.failed) result.errors.push({ eventId: f.id, error: f.error });
  result.failed += outcome.failed.length;
  return new Set(outcome.failed.map((f) => f.id));
}

async function skip(input: PublishEventsInput, events: LifecycleEvent[], result: PublishEventsResult): Promise<void> {
  const at = input.now.toISOString();
  const { skipped } = eventMarks(input.channel);
  for (const e of events) {
    await input.store.markEventSent(input.estate.name, e.eventId, skipped, at);
    e.sent = { ...e.sent, [skipped]: at };
    result.skipped++;
  }
}

/**
 * Whether a `resolved` goes: exactly when its episode was ticketed (its `opened` or an `escalated`
 * went), whatever the filters say now, so every ticket opened is closed and no ticket is closed
 * that was never opened. When the opening is older than the window, the filters decide, on the
 * episode's highest severity, with its start (from its state) for the first-run rule.
 */
async function resolvedDecision(
  input: PublishEventsInput,
  e: LifecycleEvent,
  openings: LifecycleEvent[],
  until: string,
): Promise<'send' | 'skip' | 'wait'> {
  const marks = eventMarks(input.channel);
  if (openings.some((o) => o.sent?.[marks.sent] !== undefined)) return 'send';
  if (openings.some((o) => !done(o, marks))) return 'wait';
  if (openings.some((o) => o.event === 'opened')) return 'skip';
  const state = await input.store.getFindingState(input.estate.name, e.finding.id);
  const openedAt = state !== undefined && state.episode === e.episode ? state.firstSeen : undefined;
  return shouldPublish(e, input.estate.notify.sns, openedAt !== undefined && openedAt <= until) ? 'send' : 'skip';
}

const nothingPublished = (): PublishEventsResult => ({ sent: 0, failed: 0, skipped: 0, deferred: 0, errors: [] });
const addPublished = (a: PublishEventsResult, b: PublishEventsResult): PublishEventsResult => ({
  sent: a.sent + b.sent,
  failed: a.failed + b.failed,
  skipped: a.skipped + b.skipped,
  // What the last pass still held back.
  deferred: b.deferred,
  errors: [...a.errors, ...b.errors],
});

/**
 * Sends on the channel the message of every lifecycle event not sent there yet that `notify.sns`
 * allows, once each: listed and sent under the channel's lease, so two runs notified at once (a
 * nightly and a targeted run) do not both send what neither had marked sent yet. The one that finds the lease taken sends nothing:
 * the holder sends what it recorded (underLeaseForAll).
 */
export async function publishEvents(input: PublishEventsInput): Promise<PublishEventsResult> {
  const { lease } = eventMarks(input.channel);
  return (
    (await underLeaseForAll(input.store, input.estate.name, lease, input.now, () => publishUnsent(input), addPublished, input.runId)) ??
    nothingPublished()
  );
}

async function publishUnsent(input: PublishEventsInput): Promise<PublishEventsResult> {
  const { store, estate, now } = input;
  const result = nothingPublished();
  const events = await shownEvents(store, estate, new Date(now.getTime() - SNS_WINDOW_DAYS * DAY_MS).toISOString());
  const runStart = (await store.getRun(estate.name, input.runId))?.startedAt ?? now.toISOString();
  const until = await firstRunUntil(input, events, runStart);
  const lifecycle = events.filter((e) => e.event !== 'changed');
  const marks = eventMarks(input.channel);

  // Openings first, so a `resolved` in the same call knows whether its ticket was opened.
  const openings = lifecycle.filter((e) => e.event !== 'resolved' && !done(e, marks));
  const allowed = openings.filter((e) => shouldPublish(e, estate.notify.sns, e.at <= until));
  await skip(
    input,
    openings.filter((e) => !allowed.includes(e)),
    result,
  );
  await send(input, allowed, result);

  const byEpisode = new Map<string, LifecycleEvent[]>();
  for (const e of lifecycle) if (e.event !== 'resolved') byEpisode.set(episodeOf(e), [...(byEpisode.get(episodeOf(e)) ?? []), e]);
  const closing: LifecycleEvent[] = [];
  const notClosing: LifecycleEvent[] = [];
  for (const e of lifecycle.filter((r) => r.event === 'resolved' && !done(r, marks))) {
    const decision = await resolvedDecision(input, e, byEpisode.get(episodeOf(e)) ?? [], until);
    if (decision === 'send') closing.push(e);
    else if (decision === 'skip') notClosing.push(e);
    else result.deferred++;
  }
  await skip(input, notClosing, result);
  await send(input, closing, result);
  return result;
}
