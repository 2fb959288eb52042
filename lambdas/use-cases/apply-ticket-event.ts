import { DriftError } from '../core/errors';
import { escalationComment, resolutionComment, ticketDraft } from '../core/tickets/ticket-content';
import { TicketGone, TrackerRateLimited } from '../core/tickets/ticket-errors';
import { ticketMarker, type TicketEvent } from '../core/tickets/ticket-event';
import type { TicketRecord } from '../core/tickets/ticket-record';
import type { TicketRouting } from '../core/tickets/ticket-routing';
import { planTicketStep, type TicketStep } from '../core/tickets/plan-ticket-step';
import type { TicketLedger } from '../ports/ticket-ledger';
import type { TicketRef, TicketTracker } from '../ports/ticket-tracker';

/** Another consumer is at work on the episode, or won the race for it too often: the message is retried later. */
export class TicketEpisodeBusy extends DriftError {
  override name = 'TicketEpisodeBusy';
  readonly userFacing = false;
}

export interface ApplyTicketDeps {
  tracker: TicketTracker;
  ledger: TicketLedger;
  routing: TicketRouting;
  reportUrl?: string;
  now(): Date;
  /** A fresh token per claim, to tell claims apart. */
  newToken(): string;
}

export type TicketOutcome = 'created' | 'found' | 'updated' | 'closed' | 'remembered-resolved' | 'skipped' | 'superseded';

type Acted = { outcome: TicketOutcome; status: 'open' | 'closed'; ticket?: TicketRef; severity?: TicketRecord['severity'] };

const ATTEMPTS = 5;

async function act(
  step: Extract<TicketStep, { from: unknown }>,
  event: TicketEvent,
  rec: TicketRecord | undefined,
  deps: ApplyTicketDeps,
): Promise<Acted> {
  const { tracker } = deps;
  const f = event.finding;
  // A new ticket for the episode, linking the previous episode's.
  const create = async (): Promise<TicketRef> => {
    const previous = (await deps.ledger.previous(f.estate, f.id, event.episode))?.ticket;
    return tracker.create(ticketDraft(event, { routing: deps.routing, reportUrl: deps.reportUrl, previous }));
  };
  const commentOnce = async (ticket: TicketRef, body: ReturnType<typeof resolutionComment>) => {
    if (step.takeover && (await tracker.hasComment(ticket, event.eventId))) return;
    await tracker.comment(ticket, { eventId: event.eventId, body });
  };
  switch (step.do) {
    case 'create': {
      // The ledger may have lost the mapping, or a consumer died after creating: the tracker is asked first.
      const found = await tracker.find(ticketMarker(f.id, event.episode));
      if (found) return { outcome: 'found', status: 'open', ticket: found, severity: rec?.severity ?? f.severity };
      return { outcome: 'created', status: 'open', ticket: await create(), severity: f.severity };
    }
    case 'update': {
      const ticket = rec?.ticket as TicketRef;
      try {
        await commentOnce(ticket, escalationComment(event, rec?.severity, deps.reportUrl));
        if (rec?.severity !== f.severity) await tracker.setSeverity(ticket, f.severity, rec?.severity);
      } catch (err) {
        // Someone deleted the ticket while the finding is still open: it gets a new one, at its severity now.
        if (!(err instanceof TicketGone)) throw err;
        return { outcome: 'created', status: 'open', ticket: await create(), severity: f.severity };
      }
      return { outcome: 'updated', status: 'open', ticket, severity: f.severity };
    }
    case 'close':
    case 'close-found': {
      const ticket = step.do === 'close' ? rec?.ticket : await tracker.find(ticketMarker(f.id, event.episode));
      if (!ticket) return { outcome: 'remembered-resolved', status: 'closed', severity: rec?.severity };
      try {
        await commentOnce(ticket, resolutionComment(event, deps.reportUrl));
        await tracker.close(ticket, event.reason ?? 'no longer seen');
      } catch (err) {
        // Someone deleted the ticket: nothing is left to close, and the episode is done.
        if (!(err instanceof TicketGone)) throw err;
        return { outcome: 'remembered-resolved', status: 'closed', severity: rec?.severity };
      }
      return { outcome: 'closed', status: 'closed', ticket, severity: rec?.severity };
    }
  }
}

/**
 * Applies one lifecycle event to its episode's ticket, exactly once as people see it: the episode is
 * claimed with a conditional write before the tracker is touched, so concurrent consumers and
 * duplicate deliveries never act twice; the outcome is written conditionally on the claim.
 */
export async function applyTicketEvent(event: TicketEvent, deps: ApplyTicketDeps): Promise<TicketOutcome> {
  const { ledger } = deps;
  const { estate, id } = event.finding;
  for (let attempt = 0; attempt < ATTEMPTS; attempt += 1) {
    const rec = await ledger.get(estate, id, event.episode);
    const step = planTicketStep(event, rec, deps.routing, deps.now().getTime());
    if (step.do === 'skip') return 'skipped';
    if (step.do === 'wait') throw new TicketEpisodeBusy(step.why, { context: { findingId: id, episode: event.episode } });

    const version = (rec?.version ?? 0) + 1;
    const claimed: TicketRecord = {
      estate,
      findingId: id,
      episode: event.episode,
      status: 'claimed',
      ...(rec?.ticket ? { ticket: rec.ticket } : {}),
      ...(rec?.severity ? { severity: rec.severity } : {}),
      applied: rec?.applied ?? [],
      claim: { token: deps.newToken(), at: deps.now().toISOString(), eventId: event.eventId, from: step.from },
      version,
      updatedAt: deps.now().toISOString(),
    };
    if (!(await ledger.put(claimed, rec?.version))) continue;

    let acted: Acted;
    try {
      acted = await act(step, event, rec, deps);
    } catch (err) {
      // A rate limit means the tracker did nothing: the claim is let go at once. Any other failure may
      // have landed (a create that timed out), so the claim runs out its lease and a taker checks first.
      if (err instanceof TrackerRateLimited)
        await ledger.put({ ...claimed, claim: { ...claimed.claim!, at: new Date(0).toISOString() }, version: version + 1 }, version);
      throw err;
    }
    const done: TicketRecord = {
      ...claimed,
      status: acted.status,
      ...(acted.ticket ? { ticket: acted.ticket } : {}),
      ...(acted.severity ? { severity: acted.severity } : {}),
      applied: [...claimed.applied, event.eventId],
      claim: undefined,
      version: version + 1,
      updatedAt: deps.now().toISOString(),
    };
    // False only if a taker judged this claim dead and took over: it checks the tracker, so nothing is done twice.
    return (await ledger.put(done, version)) ? acted.outcome : 'superseded';
  }
  throw new TicketEpisodeBusy('the episode kept changing under this consumer', { context: { findingId: id, episode: event.episode } });
}
