import { scopeName, subjectOf } from '../finding-scope';
import type { Estate } from '../estate/model';
import type { LifecycleEvent } from '../lifecycle/model';
import type { Finding } from '../model';
import { syncCommands } from '../sync-commands';
import { oneLine } from '../one-line';
import { cutFinding } from '../finding-cut';

/** One SNS message attribute, as `PublishBatch` takes it. */
export interface SnsAttribute {
  DataType: 'String' | 'String.Array';
  StringValue: string;
}

/** One message per lifecycle event: `id` is the event id, the same on every retry. */
export interface SnsMessage {
  id: string;
  body: string;
  attributes: Record<string, SnsAttribute>;
}

export interface SnsMessageContext {
  /** For the key's owner, the environment's account and a parity group's environments. */
  estate: Estate;
}

const SUMMARY_MAX = 200;

/** SNS's limit on one message, its body and attributes together (a PublishBatch request is held to it as a whole too). */
export const SNS_MESSAGE_MAX_BYTES = 256 * 1024;

/** The size SNS counts for a message: the body, and each attribute's name, data type and value. */
export const snsMessageBytes = (m: Pick<SnsMessage, 'body' | 'attributes'>): number =>
  Buffer.byteLength(m.body) +
  Object.entries(m.attributes).reduce(
    (n, [k, a]) => n + Buffer.byteLength(k) + Buffer.byteLength(a.DataType) + Buffer.byteLength(a.StringValue),
    0,
  );

/** The commands a message too big for SNS keeps, and the lengths its strings are cut to in turn (the run's report has them whole). */
const ACTIONS_KEPT = 10;
const CUT_STEPS = [2_048, 256, 32];

/** One line for a ticket title: `OPENED high mismatch production-us db.timeout: db.timeout is 60s …`. */
export function eventSummary(event: LifecycleEvent): string {
  const f = event.finding;
  const subject = [scopeName(f), subjectOf(f)].filter((s) => s !== undefined && s !== '');
  // A resolution's reason, or why an escalation is told at the severity it had (its cause is gone).
  const reason = event.event !== 'opened' && event.reason ? ` (${event.reason})` : '';
  const line = `${event.event.toUpperCase()} ${f.severity} ${f.kind} ${subject.join(' ')}${reason}: ${f.message}`;
  // Values can hold newlines and control characters; a summary is one line whatever they say.
  return oneLine(line, SUMMARY_MAX);
}

/** The environments a finding is about: its own, or its parity group's. */
function environmentsOf(f: Finding, estate: Estate): string[] {
  if (typeof f.environment === 'string') return [f.environment];
  const group = estate.parity.find((g) => g.name === f.group);
  return group ? [...group.environments] : Object.keys(f.values ?? {}).sort();
}

/** The account the finding lives in: the environment's, or the one account a whole group shares. */
function accountOf(environments: string[], estate: Estate): string | undefined {
  const accounts = new Set(environments.map((name) => estate.environments.find((e) => e.name === name)?.account ?? undefined));
  const [only] = accounts;
  return accounts.size === 1 ? only : undefined;
}

// The parser leaves undeclared optional fields as null, so anything not a non-empty string is absent.
const text = (value: string | null | undefined): SnsAttribute | undefined =>
  typeof value === 'string' && value !== '' ? { DataType: 'String', StringValue: value } : undefined;

/** Attributes for subscription filter policies; SNS rejects empty values, so absent ones are left out. */
export function snsAttributes(event: LifecycleEvent, ctx: SnsMessageContext): Record<string, SnsAttribute> {
  const f = event.finding;
  const environments = environmentsOf(f, ctx.estate);
  const candidates: Record<string, SnsAttribute | undefined> = {
    event: text(event.event),
    severity: text(f.severity),
    kind: text(f.kind),
    estate: text(f.estate),
    environment: text(f.environment),
    group: typeof f.environment === 'string' ? undefined : text(f.group),
    environments: environments.length ? { DataType: 'String.Array', StringValue: JSON.stringify(environments) } : undefined,
    account: text(accountOf(environments, ctx.estate)),
    owner: text(f.owner ?? (f.key === undefined ? undefined : ctx.estate.baseline.keys.get(f.key)?.owner)),
    // A parity difference a member's finding explains: `{"causedBy": [{"exists": false}]}` takes one message per cause.
    causedBy: f.causedBy?.length ? { DataType: 'String.Array', StringValue: JSON.stringify(f.causedBy.map((c) => c.id)) } : undefined,
  };
  const attributes: Record<string, SnsAttribute> = {};
  for (const [name, value] of Object.entries(candidates)) if (value) attributes[name] = value;
  return attributes;
}

/** What whoever takes an opened finding can run: `drift adopt` / `drift revert` (the first `kept` of them), and the same as one line of text. */
export function snsActions(
  event: LifecycleEvent,
  kept = Infinity,
): { actions: { adopt: string[]; revert: string[] }; actionsText: string } | undefined {
  const all = event.event === 'opened' ? syncCommands(event.finding) : undefined;
  if (!all) return undefined;
  const adopt = all.adopt.slice(0, kept);
  const commands = { adopt, revert: all.revert.slice(0, Math.max(0, kept - adopt.length)) };
  const left = all.adopt.length + all.revert.length - commands.adopt.length - commands.revert.length;
  const accept = all.revert.length ? 'to accept the running value' : "to make one environment's value the baseline everywhere";
  const parts = [
    ...(commands.adopt.length ? [`${accept}: ${commands.adopt.join(' | ')}`] : []),
    ...(commands.revert.length ? [`to restore the baseline: ${commands.revert.join(' | ')}`] : []),
    ...(left ? [`+${left} more in the run's report`] : []),
  ];
  return { actions: commands, actionsText: `${parts.join('; ')}.` };
}

function messageBody(event: LifecycleEvent, finding: Finding, actionsKept: number): string {
  const body = {
    ...finding,
    event: event.event,
    eventId: event.eventId,
    runId: event.runId,
    at: event.at,
    episode: event.episode,
    reason: event.event === 'opened' ? undefined : event.reason,
    summary: eventSummary(event),
    // From the whole finding: a parity group's values cut short could all read alike.
    ...snsActions(event, actionsKept),
  };
  return JSON.stringify(body);
}

/** A parity finding with only its first `kept` values, saying how many it left out. */
function someValues(f: Finding, kept: number): Finding {
  const entries = Object.entries(f.values ?? {});
  return { ...f, values: Object.fromEntries(entries.slice(0, kept)), valuesOmitted: entries.length - kept } as Finding;
}

/**
 * The SNS message of one lifecycle event: the finding as the audit document shows it, plus the event
 * (and, when opened, what to run). A message SNS would refuse (over 256 KiB with its attributes) keeps
 * its subject whole and says less: ten commands, then shorter strings, then fewer of a parity group's
 * values (`valuesOmitted` counts them); the run's report has everything. The same event always makes
 * the same message.
 */
export function snsMessage(event: LifecycleEvent, ctx: SnsMessageContext): SnsMessage {
  const attributes = snsAttributes(event, ctx);
  const fits = (body: string): boolean => snsMessageBytes({ body, attributes }) <= SNS_MESSAGE_MAX_BYTES;
  const message = (body: string): SnsMessage => ({ id: event.eventId, body, attributes });
  const whole = messageBody(event, event.finding, Infinity);
  if (fits(whole)) return message(whole);
  let body = messageBody(event, event.finding, ACTIONS_KEPT);
  for (const max of CUT_STEPS) {
    if (fits(body)) return message(body);
    body = messageBody(event, cutFinding(event.finding, max) as Finding, ACTIONS_KEPT);
  }
  const shortest = cutFinding(event.finding, CUT_STEPS[CUT_STEPS.length - 1]!) as Finding;
  for (let kept = Object.keys(event.finding.values ?? {}).length; !fits(body) && kept > 0;) {
    kept = Math.floor(kept / 2);
    body = messageBody(event, someValues(shortest, kept), ACTIONS_KEPT);
  }
  // What still does not fit (attributes alone past the limit) is left for SNS to refuse: a failed publish, alarmed.
  return message(body);
}
