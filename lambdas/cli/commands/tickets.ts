import { setTimeout } from 'node:timers/promises';
import { nodeCrypto } from '../../core/on-demand/node-crypto';
import { parseCredentials } from '../../adapters/tickets/tracker-token';
import { scopeName } from '../../core/finding-scope';
import { ticketDraft } from '../../core/tickets/ticket-content';
import { parseTrackerConfig } from '../../core/tickets/tracker-config';
import { TRACKER_KINDS } from '../../core/tickets/tracker-kinds';
import { sanitize } from '../../core/values/value';
import { ticketSync, type TicketSyncResult } from '../../use-cases/ticket-sync';
import { openStore, stateDirOf } from '../../wiring/open-store';
import { makeTracker } from '../../wiring/ticket-tracker';
import { timeoutsFrom } from '../../wiring/timeouts';
import { EXIT, UsageError, type CliIo } from '../io';
import { loadEstateOrFail } from '../load';
import { FORMATS, parseFormat } from '../options';
import type { Estate } from '../../core/estate/model';

export interface TicketsSyncOptions {
  config: string;
  format: string;
  store?: string | boolean;
  dryRun?: boolean;
  tracker?: string;
}

/** The tracker `--tracker` (or DRIFT_TICKETS) names, checked: a dry run names none or a sound one. */
function trackerConfigOf(opts: TicketsSyncOptions, io: CliIo) {
  const spec = opts.tracker ?? io.env.DRIFT_TICKETS;
  if (!spec) return undefined;
  const parsed = parseTrackerConfig(spec);
  // Named by where it came from, never quoted: a token set in DRIFT_TICKETS instead of
  // DRIFT_TICKETS_TOKEN (or written into the JSON) would otherwise be printed into the CI log.
  if ('problem' in parsed) throw new UsageError(`${opts.tracker !== undefined ? '--tracker' : 'DRIFT_TICKETS'} ${parsed.problem}`);
  return parsed;
}

/** The tracker and its credentials for a real sync: `--tracker` (or DRIFT_TICKETS) and DRIFT_TICKETS_TOKEN. */
function trackerOf(opts: TicketsSyncOptions, io: CliIo) {
  const parsed = trackerConfigOf(opts, io);
  if (!parsed)
    throw new UsageError(
      'tickets sync opens and closes tickets: name the tracker (--tracker github:OWNER/REPO or jira:https://SITE/PROJECT), or add --dry-run',
    );
  const credentials = parseCredentials(parsed.config.tracker, io.env.DRIFT_TICKETS_TOKEN ?? '');
  if (!credentials) throw new UsageError(`set DRIFT_TICKETS_TOKEN to ${TRACKER_KINDS[parsed.config.tracker].credentials.asked}`);
  return makeTracker(parsed.config, credentials, timeoutsFrom(io.env).requestMs);
}

/** A ticket as its tracker named it (id and URL are the tracker's answers: any text at all), made safe for a terminal. */
const shownTicket = (ticket: { id: string; url: string }): string => `${sanitize(ticket.id)} ${sanitize(ticket.url)}`;

/** The settings that decide which findings are ticketed, as the estate file writes them. */
function routingShown(estate: Estate): string {
  const { minSeverity, kinds } = estate.notify.tickets;
  return `minSeverity ${minSeverity}, kinds ${kinds === 'all' ? 'all' : kinds.join(', ')}`;
}

function textOf(estate: Estate, result: TicketSyncResult, dryRun: boolean): string {
  const { plan } = result;
  const lines = [
    `${estate.name}: ${dryRun ? 'what the ticket subscriber would do (dry run: nothing opened or closed)' : 'tickets synchronised'}`,
  ];
  lines.push(`${dryRun ? 'would open' : 'opened'} ${plan.open.length} ticket(s)${plan.open.length ? ':' : ''}`);
  for (const event of plan.open) {
    const draft = ticketDraft(event, { routing: estate.notify.tickets });
    const routing = [
      draft.labels.length ? `labels ${draft.labels.join(', ')}` : '',
      draft.assignee ? `assignee ${draft.assignee}` : '',
      draft.components.length ? `components ${draft.components.join(', ')}` : '',
    ]
      .filter(Boolean)
      .join('; ');
    lines.push(`  + ${event.finding.severity.padEnd(8)} ${sanitize(draft.title)}${routing ? `  [${sanitize(routing)}]` : ''}`);
  }
  lines.push(`${dryRun ? 'would close' : 'closed'} ${plan.close.length} ticket(s)${plan.close.length ? ':' : ''}`);
  for (const { ticket, event } of plan.close) {
    const scope = scopeName(event.finding);
    lines.push(`  - ${shownTicket(ticket)}${scope ? ` ${scope}` : ''} (${sanitize(event.reason ?? 'no longer seen')})`);
  }
  lines.push(`already ticketed: ${plan.ticketed} open finding(s)`);
  if (plan.notTicketed) lines.push(`not ticketed: ${plan.notTicketed} open finding(s) notify.tickets leaves out (${routingShown(estate)})`);
  if (plan.kept.length) {
    lines.push(
      `left open: ${plan.kept.length} ticket(s) of findings still open that notify.tickets no longer tickets (each closes when its finding resolves):`,
    );
    for (const { ticket, finding, why } of plan.kept) {
      const scope = scopeName(finding);
      lines.push(`  = ${shownTicket(ticket)}${scope ? ` ${scope}` : ''} (${sanitize(why)})`);
    }
  }
  return `${lines.join('\n')}\n`;
}

/** `drift tickets sync [--dry-run]`: open the tickets owed to open findings and close those whose finding resolved. */
export async function ticketsSyncCommand(opts: TicketsSyncOptions, io: CliIo, now: () => Date): Promise<number> {
  const format = parseFormat(opts.format, FORMATS.estate);
  const estate = await loadEstateOrFail(opts.config, io);
  // A dry run needs no tracker, but one it is given must be sound: the real run would refuse it.
  if (opts.dryRun) trackerConfigOf(opts, io);
  const tracker = opts.dryRun ? undefined : await trackerOf(opts, io);
  const opened = await openStore(opts.store, stateDirOf(estate.file));
  if (!opened) throw new UsageError('tickets sync reads the finding states: run without --no-store');
  let result: TicketSyncResult;
  try {
    const deps = { store: opened.store, ledger: opened.ledger, now, newToken: () => nodeCrypto().randomUUID() };
    const patience = { sleep: (ms: number) => setTimeout(ms), maxWaitMs: 60_000, attempts: 4 };
    result = await ticketSync(estate, deps, tracker ? { tracker, patience } : undefined);
  } finally {
    await opened.close();
  }
  if (format === 'json') {
    const { plan, outcomes } = result;
    const doc = {
      estate: estate.name,
      dryRun: Boolean(opts.dryRun),
      open: plan.open.map((e) => ({
        findingId: e.finding.id,
        episode: e.episode,
        severity: e.finding.severity,
        title: ticketDraft(e, { routing: estate.notify.tickets }).title,
      })),
      close: plan.close.map((c) => ({ findingId: c.event.finding.id, episode: c.event.episode, ticket: c.ticket, reason: c.event.reason })),
      ticketed: plan.ticketed,
      notTicketed: plan.notTicketed,
      kept: plan.kept.map((k) => ({ findingId: k.finding.id, episode: k.episode, ticket: k.ticket, why: k.why })),
      ...(outcomes ? { outcomes } : {}),
      ...(result.failures?.length ? { failures: result.failures } : {}),
    };
    io.stdout.write(`${JSON.stringify(doc, null, 2)}\n`);
  } else io.stdout.write(textOf(estate, result, Boolean(opts.dryRun)));
  for (const f of result.failures ?? [])
    io.stderr.write(`drift: the ticket of finding ${f.findingId} (episode ${f.episode}) was not synchronised: ${sanitize(f.error)}\n`);
  // As a failed source in an audit: what could be done was done, and the next sync takes the rest up again.
  return result.failures?.length ? EXIT.sourceFailed : 0;
}
