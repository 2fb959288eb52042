import type { FindingState, LifecycleEvent, PendingEvent } from './model';

/** What a state keeps of the event its write produced (the rest is the state's own finding and episode). */
const pendingOf = (e: LifecycleEvent): PendingEvent => ({
  eventId: e.eventId,
  event: e.event,
  runId: e.runId,
  at: e.at,
  ...(e.reason === undefined ? {} : { reason: e.reason }),
});

/** The event a state still owes the log, rebuilt as its writer made it (same id, run and time). */
export const owedEvent = (st: FindingState): LifecycleEvent | undefined =>
  st.pendingEvent && {
    ...st.pendingEvent,
    finding: st.finding,
    episode: st.episode,
    ...(st.peakSeverity === undefined ? {} : { peakSeverity: st.peakSeverity }),
  };

/** The state to write for a transition: it carries its event until the log has it, and never another's. */
export function withPending(state: FindingState, event: LifecycleEvent | undefined): FindingState {
  const { pendingEvent: _previous, ...rest } = state;
  return event ? { ...rest, pendingEvent: pendingOf(event) } : rest;
}
