import type { AuditResult } from '../core/engine/audit';
import { digestDue } from '../core/digest/digest-window';
import { NOTIFY_METRICS } from './metric-names';
import { checkRunId, type PlannedEstate } from './plan-run';
import { type EstateSource } from '../ports/estate-source';
import { publishEvents } from './publish-events';
import { type EventPublisher } from '../ports/event-publisher';
import { digestMarks } from '../core/notify/channel-marks';
import { sendDigest } from './send-digest';
import { sendImmediate } from './send-immediate';
import type { Sink } from '../ports/sink';
import type { RenderedReport, RunArtifacts } from '../ports/run-artifacts';
import type { AuditStore } from '../ports/audit-store';
import { DriftError } from '../core/errors';
import type { Estate } from '../core/estate/model';

export interface NotifyRunInput {
  runId: string;
  /** As planned: a targeted run's estates name the environments it read. */
  estates: PlannedEstate[];
}

export interface NotifyRunOutput {
  /** Lifecycle events sent and failed, on every channel that takes them. */
  sns: { sent: number; failed: number };
  /** Each estate's digest on each digest channel, in the channels' order; `failed` when it was due and could not be delivered. */
  slack: Array<{ estate: string; sent: boolean; failed?: true }>;
  /** Immediate messages (`notify.slack.immediate`) sent, and estates whose messages could not all go. */
  immediate: { sent: number; failed: number };
}

/**
 * A channel's port for one kind of notification: `name` (the channel's, in the wiring's registry)
 * keeps its window and sent marks in the store (core/notify/channel-marks), `label` names it in messages.
 */
export interface ChannelPort<P> {
  name: string;
  label: string;
  port: P;
}

/** A sink opened when first needed; undefined when the installation configured none (nothing is sent, and nothing failed). */
export type SinkOpener<K extends 'digest' | 'immediate'> = () => Promise<Sink<K> | undefined>;

export interface NotifyRunDeps {
  estates: EstateSource;
  artifacts: RunArtifacts;
  store: AuditStore;
  /** The channels lifecycle events go to (SNS), each sending every event once. */
  events: ReadonlyArray<ChannelPort<EventPublisher>>;
  /** The channels digests go to, each with its own window; each opened at most once per invocation (Slack's reads the webhook secret). */
  digests: ReadonlyArray<ChannelPort<SinkOpener<'digest'>>>;
  /** The channels immediate messages go to, each opened only when one is owed there; without any, none are sent. */
  immediates?: ReadonlyArray<ChannelPort<SinkOpener<'immediate'>>>;
  /** The run's page when it audited several estates: an index of their reports. */
  runIndex(runId: string, estates: readonly string[]): RenderedReport;
  /** A link to the report that does not expire, when the installation serves one. */
  reportUrl?(runId: string, estate: string): string | undefined;
  now(): Date;
  /** A delivery that failed on the channel named `channel`: reported, never thrown (it is tried again next run). */
  onDeliveryError?(channel: string, estate: string, error: Error): void;
  count?(name: string, value: number): void;
}

/** Thrown after every estate was tried, when some could not be notified: the state machine retries the stage (nothing is sent twice). */
export class NotifyRunError extends DriftError {
  override name = 'NotifyRunError';
  readonly userFacing = false;
}

/** How a digest stage ended: not due (the window is still open), done (sent, or nothing to send, the window moved), or failed. */
type DigestOutcome = 'not-due' | 'done' | 'failed';

const NOTHING_OPEN: Pick<AuditResult, 'findings' | 'suppressed'> = { findings: [], suppressed: [] };

/**
 * The estate's digest on one channel when the channel's window says so: `report` (read only when
 * due) says what is open; a removed estate has none, its digest says only its resolutions and why.
 */
async function digestIfDue(
  estate: Estate,
  runId: string,
  deps: NotifyRunDeps,
  channel: ChannelPort<SinkOpener<'digest'>>,
  out: NotifyRunOutput,
  report: () => Promise<Pick<AuditResult, 'findings' | 'suppressed'> | undefined>,
  removed = false,
): Promise<DigestOutcome> {
  const now = deps.now();
  const { window, timezone } = estate.notify.slack;
  const marks = digestMarks(channel.name);
  const windowStart = await deps.store.getMarker(estate.name, marks.window);
  const result = digestDue(window, timezone, windowStart, now) ? await report() : undefined;
  let sent = false;
  let outcome: DigestOutcome = 'not-due';
  if (result) {
    try {
      const sink = await channel.port();
      if (sink === undefined) {
        // No channel, by choice: the window moves, so the events it would list do not pile up for ever.
        await deps.store.putMarker(estate.name, marks.window, now.toISOString());
      } else {
        sent = (
          await sendDigest({
            estate,
            result,
            sink,
            channel: channel.name,
            now,
            store: deps.store,
            windowStart,
            reportUrl: removed ? undefined : deps.reportUrl?.(runId, estate.name),
            removed,
            runId,
          })
        ).sent;
      }
      outcome = 'done';
    } catch (err) {
      // The window does not move, so the next run sends this digest.
      outcome = 'failed';
      deps.onDeliveryError?.(channel.name, estate.name, err as Error);
    }
  }
  out.slack.push({ estate: estate.name, sent, ...(outcome === 'failed' ? { failed: true as const } : {}) });
  return outcome;
}

/** `read` done at most once, when first asked for: a channel opened, an estate's report read for its digests. */
const once = <T>(read: () => Promise<T>): (() => Promise<T>) => {
  let pending: Promise<T> | undefined;
  return () => (pending ??= read());
};

/** The estate's digest on each digest channel, in order; whether each is done (sent, nothing to send, or no channel). */
async function digestsIfDue(
  estate: Estate,
  runId: string,
  deps: NotifyRunDeps,
  out: NotifyRunOutput,
  report: () => Promise<Pick<AuditResult, 'findings' | 'suppressed'> | undefined>,
  removed = false,
): Promise<boolean> {
  const outcomes: DigestOutcome[] = [];
  const read = once(report);
  for (const channel of deps.digests) outcomes.push(await digestIfDue(estate, runId, deps, channel, out, read, removed));
  return outcomes.every((o) => o === 'done');
}

/** Publishes the estate's lifecycle events on each events channel; how many did not go (failed or held back), per channel. */
async function publishAll(
  estate: Estate,
  runId: string,
  deps: NotifyRunDeps,
  out: NotifyRunOutput,
  now: Date,
  partial?: boolean,
): Promise<Array<{ channel: ChannelPort<EventPublisher>; failed: number; deferred: number }>> {
  const results = [];
  for (const channel of deps.events) {
    const published = await publishEvents({
      store: deps.store,
      estate,
      publisher: channel.port,
      channel: channel.name,
      now,
      runId,
      ...(partial === undefined ? {} : { partial }),
    });
    out.sns.sent += published.sent;
    out.sns.failed += published.failed;
    results.push({ channel, failed: published.failed, deferred: published.deferred });
  }
  return results;
}

/**
 * A removed estate's resolutions, published as any others (its file read at the version last
 * audited, which the bucket keeps), and its last digest, at its window, saying them: no immediate
 * message, no report. Once all went, its removal is settled and later runs list it no more.
 */
async function notifyRemoved(
  ref: PlannedEstate,
  removed: NonNullable<PlannedEstate['removed']>,
  runId: string,
  deps: NotifyRunDeps,
  out: NotifyRunOutput,
): Promise<string> {
  const { estate } = await deps.estates.load(ref);
  // Its events are found by name: a file read at another version than the one audited could name another estate.
  if (estate.name !== removed.estate)
    throw new NotifyRunError(`${ref.key} no longer reads as the removed estate ${removed.estate} (it says ${estate.name})`);
  const now = deps.now();
  const published = await publishAll(estate, runId, deps, out, now);
  const digested = await digestsIfDue(estate, runId, deps, out, async () => NOTHING_OPEN, true);
  const undelivered = published.filter((p) => p.failed || p.deferred);
  for (const { channel, failed, deferred } of undelivered)
    deps.onDeliveryError?.(
      channel.name,
      removed.estate,
      new Error(`${failed + deferred} ${channel.label} message(s) of a removed estate did not go; they go next run`),
    );
  // Planned again until its digests have gone too (each window due, or no channel).
  if (!undelivered.length && digested) await deps.store.settleRemoved(removed.estate, removed.run, now.toISOString());
  return estate.name;
}

/** Notifies one estate; its name once notified. */
async function notifyEstate(ref: PlannedEstate, runId: string, deps: NotifyRunDeps, out: NotifyRunOutput): Promise<string> {
  const { estate } = await deps.estates.load(ref);
  const now = deps.now();
  const read = ref.environments;
  const partial = read !== undefined && estate.environments.some((e) => !read.includes(e.name));
  for (const { channel, failed } of await publishAll(estate, runId, deps, out, now, partial))
    if (failed)
      deps.onDeliveryError?.(channel.name, estate.name, new Error(`${failed} ${channel.label} message(s) failed; they go next run`));
  for (const channel of deps.immediates ?? []) {
    try {
      out.immediate.sent += (
        await sendImmediate({ store: deps.store, estate, sink: channel.port, channel: channel.name, now, runId })
      ).sent;
    } catch (err) {
      // Marked sent one by one: what did not go is tried next run, and the digest lists it anyway.
      out.immediate.failed++;
      deps.onDeliveryError?.(channel.name, estate.name, err as Error);
    }
  }
  await digestsIfDue(estate, runId, deps, out, async () => (await deps.artifacts.getReport(runId, estate.name)) as AuditResult | undefined);
  return estate.name;
}

/**
 * The run's page (`runs/{runId}/report.html`, spec §AWS): its one estate's HTML report, or an index
 * of its estates' reports. Estates whose audit wrote no page are left out; none, no page.
 */
async function writeRunPage(runId: string, estates: readonly string[], deps: NotifyRunDeps): Promise<void> {
  const pages: Array<{ estate: string; page: string }> = [];
  for (const estate of estates) {
    const page = await deps.artifacts.getHtmlReport(runId, estate);
    if (page !== undefined) pages.push({ estate, page });
  }
  const [only] = pages;
  if (!only) return;
  const page =
    pages.length === 1
      ? { body: only.page, mediaType: 'text/html; charset=utf-8' }
      : deps.runIndex(
          runId,
          pages.map((p) => p.estate),
        );
  await deps.artifacts.putRunPage(runId, page);
}

/**
 * Sends each estate's lifecycle events not sent yet (SNS), its immediate messages, and its digest on
 * each digest channel (Slack) when that channel's window says so. One estate that cannot be notified (its file, the store) stops no other; the invocation fails
 * afterwards so the stage is retried.
 */
export async function notifyRun(input: NotifyRunInput, deps: NotifyRunDeps): Promise<NotifyRunOutput> {
  const runId = checkRunId(input.runId);
  const out: NotifyRunOutput = { sns: { sent: 0, failed: 0 }, slack: [], immediate: { sent: 0, failed: 0 } };
  // Each digest channel opened at most once per invocation, whatever the number of estates.
  deps = { ...deps, digests: deps.digests.map((channel) => ({ ...channel, port: once(channel.port) })) };
  const failed: string[] = [];
  const notified: string[] = [];
  for (const ref of input.estates) {
    try {
      notified.push(ref.removed ? await notifyRemoved(ref, ref.removed, runId, deps, out) : await notifyEstate(ref, runId, deps, out));
    } catch (err) {
      failed.push(`${ref.key} (${(err as Error).name})`);
    }
  }
  try {
    await writeRunPage(runId, notified, deps);
  } catch (err) {
    failed.push(`the run's page (${(err as Error).name})`);
  }
  deps.count?.(NOTIFY_METRICS.snsSent, out.sns.sent);
  deps.count?.(NOTIFY_METRICS.snsFailed, out.sns.failed);
  deps.count?.(NOTIFY_METRICS.digestsSent, out.slack.filter((s) => s.sent).length);
  deps.count?.(NOTIFY_METRICS.digestsFailed, out.slack.filter((s) => s.failed).length);
  deps.count?.(NOTIFY_METRICS.immediateSent, out.immediate.sent);
  deps.count?.(NOTIFY_METRICS.immediateFailed, out.immediate.failed);
  if (failed.length) throw new NotifyRunError(`could not notify ${failed.join(', ')}`);
  return out;
}
