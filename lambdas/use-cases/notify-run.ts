import type { AuditResult } from '../core/engine/audit';
import { digestDue } from '../core/digest/digest-window';
import { NOTIFY_METRICS } from './metric-names';
import { checkRunId, type PlannedEstate } from './plan-run';
import { type EstateSource } from '../ports/estate-source';
import { publishEvents } from './publish-events';
import { type EventPublisher } from '../ports/event-publisher';
import { DIGEST_MARKER, sendDigest } from './send-digest';
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
  sns: { sent: number; failed: number };
  /** `failed` when the digest was due and could not be delivered. */
  slack: Array<{ estate: string; sent: boolean; failed?: true }>;
  /** Immediate messages (`notify.slack.immediate`) sent, and estates whose messages could not all go. */
  immediate: { sent: number; failed: number };
}

export interface NotifyRunDeps {
  estates: EstateSource;
  artifacts: RunArtifacts;
  store: AuditStore;
  publisher: EventPublisher;
  /**
   * The channel digests go to, opened at most once per invocation (Slack's reads the webhook secret);
   * undefined when the installation has none configured (no digest, and no failure either).
   */
  digestSink(): Promise<Sink<'digest'> | undefined>;
  /** The channel immediate messages go to, opened only when one is owed; without it (or none configured) none are sent. */
  immediateSink?(): Promise<Sink<'immediate'> | undefined>;
  /** The run's page when it audited several estates: an index of their reports. */
  runIndex(runId: string, estates: readonly string[]): RenderedReport;
  /** A link to the report that does not expire, when the installation serves one. */
  reportUrl?(runId: string, estate: string): string | undefined;
  now(): Date;
  /** A delivery that failed: reported, never thrown (it is tried again next run). */
  onDeliveryError?(channel: 'sns' | 'slack', estate: string, error: Error): void;
  count?(name: string, value: number): void;
}

/** Thrown after every estate was tried, when some could not be notified: the state machine retries the stage (nothing is sent twice). */
export class NotifyRunError extends DriftError {
  override name = 'NotifyRunError';
  readonly userFacing = false;
}

type DigestSinkOnce = { get(): Promise<Sink<'digest'> | undefined> };

/** How a digest stage ended: not due (the window is still open), done (sent, or nothing to send, the window moved), or failed. */
type DigestOutcome = 'not-due' | 'done' | 'failed';

const NOTHING_OPEN: Pick<AuditResult, 'findings' | 'suppressed'> = { findings: [], suppressed: [] };

/**
 * The estate's digest when its window says so: `report` (read only when due) says what is open; a
 * removed estate has none, its digest says only its resolutions and why.
 */
async function digestIfDue(
  estate: Estate,
  runId: string,
  deps: NotifyRunDeps,
  sink: DigestSinkOnce,
  out: NotifyRunOutput,
  report: () => Promise<Pick<AuditResult, 'findings' | 'suppressed'> | undefined>,
  removed = false,
): Promise<DigestOutcome> {
  const now = deps.now();
  const { window, timezone } = estate.notify.slack;
  const windowStart = await deps.store.getMarker(estate.name, DIGEST_MARKER);
  const result = digestDue(window, timezone, windowStart, now) ? await report() : undefined;
  let sent = false;
  let outcome: DigestOutcome = 'not-due';
  if (result) {
    try {
      const channel = await sink.get();
      if (channel === undefined) {
        // No channel, by choice: the window moves, so the events it would list do not pile up for ever.
        await deps.store.putMarker(estate.name, DIGEST_MARKER, now.toISOString());
      } else {
        sent = (
          await sendDigest({
            estate,
            result,
            sink: channel,
            now,
            store: deps.store,
            windowStart,
            reportUrl: removed ? undefined : deps.reportUrl?.(runId, estate.name),
            removed,
          })
        ).sent;
      }
      outcome = 'done';
    } catch (err) {
      // The window does not move, so the next run sends this digest.
      outcome = 'failed';
      deps.onDeliveryError?.('slack', estate.name, err as Error);
    }
  }
  out.slack.push({ estate: estate.name, sent, ...(outcome === 'failed' ? { failed: true as const } : {}) });
  return outcome;
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
  sink: DigestSinkOnce,
  out: NotifyRunOutput,
): Promise<void> {
  const { estate } = await deps.estates.load(ref);
  // Its events are found by name: a file read at another version than the one audited could name another estate.
  if (estate.name !== removed.estate)
    throw new NotifyRunError(`${ref.key} no longer reads as the removed estate ${removed.estate} (it says ${estate.name})`);
  const now = deps.now();
  const published = await publishEvents({ store: deps.store, estate, publisher: deps.publisher, now, runId });
  out.sns.sent += published.sent;
  out.sns.failed += published.failed;
  const digest = await digestIfDue(estate, runId, deps, sink, out, async () => NOTHING_OPEN, true);
  if (published.failed || published.deferred) {
    deps.onDeliveryError?.(
      'sns',
      removed.estate,
      new Error(`${published.failed + published.deferred} SNS message(s) of a removed estate did not go; they go next run`),
    );
    return;
  }
  // Planned again until its digest has gone too (its window due, or no channel).
  if (digest === 'done') await deps.store.settleRemoved(removed.estate, removed.run, now.toISOString());
}

async function notifyEstate(
  ref: PlannedEstate,
  runId: string,
  deps: NotifyRunDeps,
  sink: DigestSinkOnce,
  out: NotifyRunOutput,
): Promise<void> {
  const { estate } = await deps.estates.load(ref);
  const now = deps.now();
  const read = ref.environments;
  const partial = read !== undefined && estate.environments.some((e) => !read.includes(e.name));
  const published = await publishEvents({ store: deps.store, estate, publisher: deps.publisher, now, runId, partial });
  out.sns.sent += published.sent;
  out.sns.failed += published.failed;
  if (published.failed)
    deps.onDeliveryError?.('sns', estate.name, new Error(`${published.failed} SNS message(s) failed; they go next run`));
  if (deps.immediateSink) {
    try {
      out.immediate.sent += (await sendImmediate({ store: deps.store, estate, sink: deps.immediateSink, now })).sent;
    } catch (err) {
      // Marked sent one by one: what did not go is tried next run, and the digest lists it anyway.
      out.immediate.failed++;
      deps.onDeliveryError?.('slack', estate.name, err as Error);
    }
  }
  await digestIfDue(
    estate,
    runId,
    deps,
    sink,
    out,
    async () => (await deps.artifacts.getReport(runId, estate.name)) as AuditResult | undefined,
  );
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
 * Sends each estate's SNS lifecycle events not sent yet, and its Slack digest when the window says
 * so. One estate that cannot be notified (its file, the store) stops no other; the invocation fails
 * afterwards so the stage is retried.
 */
export async function notifyRun(input: NotifyRunInput, deps: NotifyRunDeps): Promise<NotifyRunOutput> {
  const runId = checkRunId(input.runId);
  const out: NotifyRunOutput = { sns: { sent: 0, failed: 0 }, slack: [], immediate: { sent: 0, failed: 0 } };
  let opened: Promise<Sink<'digest'> | undefined> | undefined;
  const sink: DigestSinkOnce = { get: () => (opened ??= deps.digestSink()) };
  const failed: string[] = [];
  for (const ref of input.estates) {
    try {
      if (ref.removed) await notifyRemoved(ref, ref.removed, runId, deps, sink, out);
      else await notifyEstate(ref, runId, deps, sink, out);
    } catch (err) {
      failed.push(`${ref.key} (${(err as Error).name})`);
    }
  }
  try {
    await writeRunPage(
      runId,
      out.slack.map((s) => s.estate),
      deps,
    );
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
