import type { FindingState } from '../lifecycle/model';
import { eventId } from '../lifecycle/plan-lifecycle';
import { notTicketedWhy } from './plan-ticket-step';
import type { TicketEvent } from './ticket-event';
import type { TicketRef } from './ticket-model';
import type { TicketRecord } from './ticket-record';
import type { TicketRouting } from './ticket-routing';

/** What `drift tickets sync` finds: tickets owed to open findings, and tickets whose finding has gone. */
export interface TicketSyncPlan {
  /** Open findings the estate tickets, with no ticket for their episode: an `opened` each. */
  open: TicketEvent[];
  /** Tickets still open whose episode has resolved (or whose finding is gone): a `resolved` each. */
  close: Array<{ event: TicketEvent; ticket: TicketRef }>;
  /** Open findings whose episode has its ticket. */
  ticketed: number;
  /**
   * Tickets of findings still open that `notify.tickets` no longer tickets (its minSeverity raised,
   * its kinds narrowed, the finding lowered below them): left open, as the subscriber leaves a ticket
   * after a de-escalation, until the finding resolves. Closing them would mark the episode done, and
   * a later escalation could then never ticket it again.
   */
  kept: Array<{ ticket: TicketRef; finding: TicketEvent['finding']; episode: number; why: string }>;
  /** Open findings `notify.tickets` leaves out, with no ticket kept: what makes a plan that opens nothing say why. */
  notTicketed: number;
}

const key = (id: string, episode: number): string => `${id}\u0000${episode}`;

/**
 * The events the subscriber would have been given had it been on all along, from the stored finding
 * states and the ledger. Their ids are the lifecycle's own, so running them beside the subscriber
 * acts once: whichever applies an event first, the other finds it applied.
 */
export function planTicketSync(states: readonly FindingState[], records: readonly TicketRecord[], routing: TicketRouting): TicketSyncPlan {
  const byEpisode = new Map(records.map((r) => [key(r.findingId, r.episode), r]));
  const stateOf = new Map(states.map((s) => [s.id, s]));
  const plan: TicketSyncPlan = { open: [], close: [], ticketed: 0, kept: [], notTicketed: 0 };
  for (const st of states) {
    if (st.status !== 'open') continue;
    const record = byEpisode.get(key(st.id, st.episode));
    const why = notTicketedWhy(st.finding, routing);
    if (why !== undefined) {
      if (record?.status === 'open' && record.ticket)
        plan.kept.push({ ticket: record.ticket, finding: st.finding, episode: st.episode, why });
      else plan.notTicketed++;
      continue;
    }
    if (record && record.status !== 'claimed') plan.ticketed += record.status === 'open' ? 1 : 0;
    else
      plan.open.push({
        eventId: eventId(st.id, st.episode, 'opened'),
        event: 'opened',
        runId: st.openedRun,
        at: st.firstSeen,
        episode: st.episode,
        finding: st.finding,
      });
  }
  for (const r of records) {
    if (r.status !== 'open' || !r.ticket) continue;
    const st = stateOf.get(r.findingId);
    const gone = !st || st.episode > r.episode || st.status === 'resolved';
    if (!gone) continue;
    const sameEpisode = st?.episode === r.episode;
    plan.close.push({
      ticket: r.ticket,
      event: {
        eventId: eventId(r.findingId, r.episode, 'resolved'),
        event: 'resolved',
        runId: sameEpisode ? (st?.resolvedRun ?? st?.openedRun ?? '') : (st?.openedRun ?? ''),
        at: (sameEpisode ? st?.resolvedAt : undefined) ?? r.updatedAt,
        episode: r.episode,
        reason: sameEpisode ? (st?.reason ?? 'no longer seen') : 'no longer seen',
        finding: st?.finding ?? ({ id: r.findingId, estate: r.estate } as TicketEvent['finding']),
      },
    });
  }
  return plan;
}
