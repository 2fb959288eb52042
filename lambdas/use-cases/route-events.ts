import { changeEventKey, parseChangeEvent } from '../core/events/parse-event';
import { routeChanges, type Touches } from '../core/events/route-changes';
import { targetedRunInput, targetedRunName } from '../core/events/targeted-run';
import type { ChangeEvent } from '../core/events/change-event';
import type { Estate } from '../core/estate/model';
import type { EstateSource } from '../ports/estate-source';
import type { RunStarter } from '../ports/run-starter';
import { loadReadableEstates } from './load-estates';
import { ROUTE_METRICS } from './metric-names';

/** One buffered message: an EventBridge event as the queue delivered it. */
export interface EventMessage {
  id: string;
  body: string;
  /** When the queue received it: a batch's run is named from its oldest message, the same on a redelivery. */
  sentAt: Date;
}

export interface RouteEventsDeps {
  estates: EstateSource;
  touches: Touches;
  runs: RunStarter;
  count?(name: string, value: number): void;
}

export interface RouteEventsOutput {
  /** The targeted runs started (their execution names). */
  started: string[];
  changes: number;
  /** Changes touching nothing declared, and messages that announce no change drift reads. */
  dropped: number;
  /**
   * The messages that led to a run that could not start: only they go back to the queue (SQS's
   * partial batch response), so the runs that did start are not started again from a new batch.
   */
  batchItemFailures: Array<{ itemIdentifier: string }>;
}

interface ParsedMessage {
  id: string;
  changes: ChangeEvent[];
  /** Another message of the batch delivered the same event: its changes are counted and routed there. */
  duplicate?: true;
}

function parsed(messages: readonly EventMessage[]): ParsedMessage[] {
  const seen = new Set<string>();
  return messages.map((m) => {
    let body: unknown;
    try {
      body = JSON.parse(m.body);
    } catch {
      // Not JSON: nothing the rules forward; counted with the dropped.
      return { id: m.id, changes: [] };
    }
    const key = changeEventKey(body);
    if (key !== undefined && seen.has(key)) return { id: m.id, changes: [], duplicate: true };
    if (key !== undefined) seen.add(key);
    return { id: m.id, changes: parseChangeEvent(body) };
  });
}

/** Each estate's messages: those with a change that touches it. */
function messagesByEstate(estates: readonly Estate[], messages: readonly ParsedMessage[], touches: Touches): Map<string, string[]> {
  const by = new Map<string, string[]>();
  for (const m of messages) {
    for (const run of routeChanges(estates, m.changes, touches).runs) {
      const ids = by.get(run.estate);
      if (ids) ids.push(m.id);
      else by.set(run.estate, [m.id]);
    }
  }
  return by;
}

/**
 * Maps a batch of change events to the estates and environments whose declared reads they touch,
 * drops the rest (counted) and starts one targeted run per estate touched. A run that cannot start
 * fails its own messages only; when none can, the batch fails whole. An event delivered twice in one
 * batch counts once; twice in two batches, it starts a second run, which reads the same state and
 * doubles no finding: remembering event ids across batches would cost a write per event for that.
 */
export async function routeEvents(messages: readonly EventMessage[], deps: RouteEventsDeps): Promise<RouteEventsOutput> {
  const each = parsed(messages);
  const changes = each.flatMap((m) => m.changes);
  const unreadable = each.filter((m) => !m.changes.length && !m.duplicate).length;
  const { estates, unreadable: unreadableEstates } = changes.length
    ? await loadReadableEstates(deps.estates)
    : { estates: [], unreadable: 0 };
  const routing = routeChanges(estates, changes, deps.touches);
  const oldest = new Date(Math.min(...messages.map((m) => m.sentAt.getTime())));
  const ids = messages.map((m) => m.id);
  const started: string[] = [];
  const failed: Array<{ estate: string; error: unknown }> = [];
  for (const run of routing.runs) {
    const name = targetedRunName(oldest, run.estate, ids);
    try {
      await deps.runs.start(name, targetedRunInput(run));
      started.push(name);
    } catch (error) {
      failed.push({ estate: run.estate, error });
    }
  }
  if (failed.length && !started.length) throw failed[0]!.error;
  const byEstate = failed.length ? messagesByEstate(estates, each, deps.touches) : new Map<string, string[]>();
  const failedIds = new Set(failed.flatMap((f) => byEstate.get(f.estate) ?? []));
  const dropped = routing.dropped + unreadable;
  deps.count?.(ROUTE_METRICS.changes, changes.length);
  deps.count?.(ROUTE_METRICS.dropped, dropped);
  deps.count?.(ROUTE_METRICS.runs, started.length);
  deps.count?.(ROUTE_METRICS.failedRuns, failed.length);
  deps.count?.(ROUTE_METRICS.unreadableEstates, unreadableEstates);
  return {
    started,
    changes: changes.length,
    dropped,
    batchItemFailures: ids.filter((id) => failedIds.has(id)).map((itemIdentifier) => ({ itemIdentifier })),
  };
}
