import * as z from '../zod';
import type { LifecycleEventName } from '../lifecycle/model';
import type { Finding } from '../model';

/** The lifecycle events that make, update and close tickets (a `changed` is never ticketed). */
export const TICKET_EVENTS = ['opened', 'escalated', 'resolved'] as const satisfies readonly LifecycleEventName[];
export type TicketEventName = (typeof TICKET_EVENTS)[number];

/** One lifecycle event as the findings topic carries it (lambdas/core/notify/sns-message.ts), read back. */
export interface TicketEvent {
  eventId: string;
  event: TicketEventName;
  runId: string;
  at: string;
  episode: number;
  reason?: string;
  finding: Finding;
  actions?: { adopt: string[]; revert: string[] };
}

const text = z.string().check(z.minLength(1));
// The finding's own fields are the message's top level; only what the subscriber relies on is checked.
const body = z.looseObject({
  eventId: text,
  event: z.enum(TICKET_EVENTS),
  runId: text,
  at: text,
  episode: z._default(z.number().check(z.int(), z.gte(1)), 1),
  reason: z.nullish(z.string()),
  id: text,
  kind: text,
  severity: text,
  estate: text,
  message: z.string(),
  actions: z.nullish(z.object({ adopt: z.array(z.string()), revert: z.array(z.string()) })),
});

const EVENT_FIELDS = ['event', 'eventId', 'runId', 'at', 'episode', 'reason', 'summary', 'actions', 'actionsText'];

/** The event in an SNS message body; undefined for anything else (a test message, a `changed`, a body from another producer). */
export function parseTicketEvent(raw: string): TicketEvent | undefined {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return undefined;
  }
  const parsed = body.safeParse(json);
  if (!parsed.success) return undefined;
  const m = parsed.data;
  const finding = Object.fromEntries(Object.entries(m).filter(([k, v]) => !EVENT_FIELDS.includes(k) && v !== null)) as unknown as Finding;
  return {
    eventId: m.eventId,
    event: m.event,
    runId: m.runId,
    at: m.at,
    episode: m.episode,
    ...(m.reason ? { reason: m.reason } : {}),
    finding,
    ...(m.actions ? { actions: m.actions } : {}),
  };
}

/** The marker a ticket carries so it can be found again: one per finding episode. */
export const ticketMarker = (findingId: string, episode: number): string => `drift-${findingId.replace(/[^A-Za-z0-9]/g, '-')}-${episode}`;
