import { parseChangeEvent } from '../core/events/parse-event';
import { routeChanges, type Touches } from '../core/events/route-changes';
import { targetedRunInput, targetedRunName } from '../core/events/targeted-run';
import type { ChangeEvent } from '../core/events/change-event';
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
}

function changesOf(messages: readonly EventMessage[]): { changes: ChangeEvent[]; unreadable: number } {
  const changes: ChangeEvent[] = [];
  let unreadable = 0;
  for (const m of messages) {
    let parsed: ChangeEvent[] = [];
    try {
      parsed = parseChangeEvent(JSON.parse(m.body));
    } catch {
      // Not JSON: nothing the rules forward; counted with the dropped.
    }
    if (!parsed.length) unreadable += 1;
    changes.push(...parsed);
  }
  return { changes, unreadable };
}

/**
 * Maps a batch of change events to the estates and environments whose declared reads they touch,
 * drops the rest (counted) and starts one targeted run per estate touched.
 */
export async function routeEvents(messages: readonly EventMessage[], deps: RouteEventsDeps): Promise<RouteEventsOutput> {
  const { changes, unreadable } = changesOf(messages);
  const { estates, unreadable: unreadableEstates } = changes.length
    ? await loadReadableEstates(deps.estates)
    : { estates: [], unreadable: 0 };
  const routing = routeChanges(estates, changes, deps.touches);
  const oldest = new Date(Math.min(...messages.map((m) => m.sentAt.getTime())));
  const ids = messages.map((m) => m.id);
  const started: string[] = [];
  for (const run of routing.runs) {
    const name = targetedRunName(oldest, run.estate, ids);
    await deps.runs.start(name, targetedRunInput(run));
    started.push(name);
  }
  const dropped = routing.dropped + unreadable;
  deps.count?.(ROUTE_METRICS.changes, changes.length);
  deps.count?.(ROUTE_METRICS.dropped, dropped);
  deps.count?.(ROUTE_METRICS.runs, started.length);
  deps.count?.(ROUTE_METRICS.unreadableEstates, unreadableEstates);
  return { started, changes: changes.length, dropped };
}
