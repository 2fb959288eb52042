import { scopeLabel, subjectOf } from '../finding-scope';
import { kindOf } from '../kinds';
import type { Finding } from '../model';
import type { Severity } from '../severity';
import { syncCommands } from '../sync-commands';
import type { TicketEvent } from './ticket-event';
import { ticketMarker } from './ticket-event';
import type { TicketBlock, TicketDoc, TicketDraft, TicketInline, TicketRef } from './ticket-model';
import { ownerRoute, type TicketRouting } from './ticket-routing';
import { ticketTitle } from './ticket-title';
import { legibleDoc } from './legible-doc';
import { messageSpans } from '../message-values';

/** What a ticket's text is made from besides the event: the estate's routing, the run's report, the previous episode's ticket. */
export interface TicketContext {
  routing: TicketRouting;
  /** The run's HTML report. */
  reportUrl?: string;
  /** The ticket of this finding's previous episode: the new one links it. */
  previous?: TicketRef;
}

const t = (text: string): TicketInline => ({ text });
const code = (value: string): TicketInline => ({ code: value });
const present = (v: unknown): v is string => typeof v === 'string' && v !== '';

/** The message with each of the finding's values, where it stands as a word of its own, as `code` (never text a tracker reads as markup). */
export const messageInlines = (f: Finding): TicketInline[] => messageSpans(f).map((s) => ('value' in s ? code(s.value) : t(s.text)));

function valueRows(f: Finding): TicketBlock & { type: 'facts' } {
  const rows: Array<{ label: string; content: TicketInline[] }> = [];
  if (f.values && typeof f.values === 'object') {
    for (const [env, value] of Object.entries(f.values)) rows.push({ label: env, content: [value === null ? t('not set') : code(value)] });
  } else {
    if (present(f.expected)) rows.push({ label: 'Baseline', content: [code(f.expected)] });
    if (present(f.actual)) rows.push({ label: 'Running', content: [code(f.actual)] });
  }
  for (const h of f.hidden ?? []) rows.push({ label: `Hidden (${h.type})`, content: [code(h.value), t(' from '), code(h.location)] });
  return { type: 'facts', rows };
}

function changeRow(f: Finding): TicketInline[] | undefined {
  const by = f.changedBy ?? f.source?.modifiedBy;
  const at = f.changedAt ?? f.source?.modifiedAt;
  if (!present(by) && !present(at)) return undefined;
  return [
    ...(present(by) ? [code(by)] : [t('someone the platform does not name')]),
    ...(present(at) ? [t(' at '), code(at)] : []),
    ...(f.outOfBand ? [t(' — out of band: not one of the deployers')] : []),
  ];
}

/** The row naming the rule or key a finding is about; a finding about its source (a source-error) has the Source row alone. */
function subjectRow(f: Finding): { label: string; content: TicketInline[] } | undefined {
  if (f.rule === undefined && f.key === undefined) return undefined;
  return { label: f.rule !== undefined ? 'Rule' : 'Key', content: [code(subjectOf(f))] };
}

function facts(event: TicketEvent, ctx: TicketContext): TicketBlock {
  const f = event.finding;
  const rows: Array<{ label: string; content: TicketInline[] } | undefined> = [
    { label: 'What', content: [code(f.kind), t(`: ${kindOf(f.kind).about}`)] },
    { label: 'Where', content: [t(scopeLabel(f))] },
    subjectRow(f),
    f.source ? { label: 'Source', content: [t(`${f.source.type} `), code(f.source.location)] } : undefined,
    { label: 'Severity', content: [t(f.severity)] },
    present(f.owner) ? { label: 'Owner', content: [code(f.owner)] } : undefined,
    ((row) => (row ? { label: 'Changed by', content: row } : undefined))(changeRow(f)),
    { label: 'Run', content: ctx.reportUrl ? [{ link: ctx.reportUrl, text: event.runId }] : [code(event.runId)] },
  ];
  return { type: 'facts', rows: rows.filter((r) => r !== undefined) };
}

function commands(event: TicketEvent): TicketBlock[] {
  const sync = event.actions ?? syncCommands(event.finding);
  if (!sync || (!sync.adopt.length && !sync.revert.length)) return [];
  return [
    { type: 'paragraph', content: [t('To settle it, either accept the running value into the baseline or put the baseline value back:')] },
    { type: 'code', text: [...sync.adopt, ...sync.revert].join('\n') },
  ];
}

const footer = (event: TicketEvent): TicketBlock => ({
  type: 'paragraph',
  content: [
    t('drift keeps this ticket: it comments when the finding escalates and closes it when the finding resolves. Finding '),
    code(event.finding.id),
    t(`, episode ${event.episode}.`),
  ],
});

/** The ticket drift opens for a finding episode: title, body and routing (labels, components, assignee by owner). */
export function ticketDraft(event: TicketEvent, ctx: TicketContext): TicketDraft {
  const f = event.finding;
  const route = ownerRoute(ctx.routing, f.owner);
  const values = valueRows(f);
  const body: TicketDoc = [
    { type: 'paragraph', content: messageInlines(f) },
    facts(event, ctx),
    ...(values.rows.length ? [values] : []),
    ...commands(event),
    ...(ctx.previous
      ? [
          {
            type: 'paragraph' as const,
            content: [t('This drift came back; the previous episode was '), { link: ctx.previous.url, text: ctx.previous.id }, t('.')],
          },
        ]
      : []),
    footer(event),
  ];
  return {
    marker: ticketMarker(f.id, event.episode),
    title: ticketTitle(f),
    body: legibleDoc(body),
    labels: [...new Set([...ctx.routing.labels, ...(route?.labels ?? [])])],
    severity: f.severity,
    ...(route?.assignee ? { assignee: route.assignee } : {}),
    components: [...new Set(route?.components ?? [])],
  };
}

/** The comment on an escalation: the new severity, and what the finding says now. */
export function escalationComment(event: TicketEvent, previous: Severity | undefined, reportUrl?: string): TicketDoc {
  const f = event.finding;
  return legibleDoc([
    {
      type: 'paragraph',
      content: [
        t(`Escalated to ${f.severity}${previous ? ` (was ${previous})` : ''} in run `),
        reportUrl ? { link: reportUrl, text: event.runId } : code(event.runId),
        t('.'),
      ],
    },
    { type: 'paragraph', content: messageInlines(f) },
  ]);
}

/** The comment a ticket closes with: why the finding is no longer seen. */
export function resolutionComment(event: TicketEvent, reportUrl?: string): TicketDoc {
  return legibleDoc([
    {
      type: 'paragraph',
      content: [
        t(`Resolved: ${event.reason ?? 'no longer seen'}, in run `),
        reportUrl ? { link: reportUrl, text: event.runId } : code(event.runId),
        t('. drift closes this ticket; if the drift comes back, it opens a new one that links this.'),
      ],
    },
  ]);
}
