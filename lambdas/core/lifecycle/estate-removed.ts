import type { FindingState } from './model';
import { eventId, type Transition } from './plan-lifecycle';
import type { ResolutionReason } from './resolutions';
import { stateWithoutStalePlainValues } from './stale-plain-values';

/** The reason every finding of an estate a deploy removed is resolved with. */
export const ESTATE_REMOVED: ResolutionReason = 'estate removed';

/**
 * The open findings of an estate the installation no longer audits, resolved: one transition each,
 * with the `resolved` event of its episode (the id a resolution of that episode always has, so a
 * retry or a later run logs it once). Resolved states are left as they are. What was stored in plain
 * text of a key `isSecretKey` says is secret (or of a value secret by its content) is resolved, and
 * logged, without its values.
 */
export function removedEstateTransitions(
  states: Iterable<FindingState>,
  runId: string,
  at: string,
  isSecretKey: (key: string) => boolean,
): Transition[] {
  const transitions: Transition[] = [];
  for (const stored of states) {
    if (stored.status === 'resolved') continue;
    const st = stateWithoutStalePlainValues(stored, isSecretKey);
    const state: FindingState = {
      ...st,
      status: 'resolved',
      resolvedRun: runId,
      resolvedAt: at,
      reason: ESTATE_REMOVED,
      lastChangedAt: at,
      version: st.version + 1,
    };
    transitions.push({
      state,
      expectedVersion: st.version,
      event: {
        eventId: eventId(st.id, st.episode, 'resolved'),
        event: 'resolved',
        runId,
        at,
        finding: st.finding,
        episode: st.episode,
        ...(st.peakSeverity === undefined ? {} : { peakSeverity: st.peakSeverity }),
        reason: ESTATE_REMOVED,
      },
    });
  }
  return transitions;
}
