import { scopeName, subjectOf } from '../finding-scope';
import type { Estate } from '../estate/model';
import type { LifecycleEvent } from '../lifecycle/model';
import type { Finding } from '../model';
import { syncCommands } from '../sync-commands';
import { oneLine } from '../one-line';

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

/** One line for a ticket title: `OPENED high mismatch production-us db.timeout: db.timeout is 60s …`. */
export function eventSummary(event: LifecycleEvent): string {
  const f = event.finding;
  const subject = [scopeName(f), subjectOf(f)].filter((s) => s !== undefined && s !== '');
  const reason = event.event === 'resolved' && event.reason ? ` (${event.reason})` : '';
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
  };
  const attributes: Record<string, SnsAttribute> = {};
  for (const [name, value] of Object.entries(candidates)) if (value) attributes[name] = value;
  return attributes;
}

/** What whoever takes an opened finding can run: `drift adopt` / `drift revert`, and the same as one line of text. */
export function snsActions(event: LifecycleEvent): { actions: { adopt: string[]; revert: string[] }; actionsText: string } | undefined {
  const commands = event.event === 'opened' ? syncCommands(event.finding) : undefined;
  if (!commands) return undefined;
  const accept = commands.revert.length ? 'to accept the running value' : "to make one environment's value the baseline everywhere";
  const parts = [
    ...(commands.adopt.length ? [`${accept}: ${commands.adopt.join(' | ')}`] : []),
    ...(commands.revert.length ? [`to restore the baseline: ${commands.revert.join(' | ')}`] : []),
  ];
  return { actions: commands, actionsText: `${parts.join('; ')}.` };
}

/** The SNS message of one lifecycle event: the finding as the audit document shows it, plus the event (and, when opened, what to run). */
export function snsMessage(event: LifecycleEvent, ctx: SnsMessageContext): SnsMessage {
  const body = {
    ...event.finding,
    event: event.event,
    eventId: event.eventId,
    runId: event.runId,
    at: event.at,
    episode: event.episode,
    reason: event.event === 'resolved' ? event.reason : undefined,
    summary: eventSummary(event),
    ...snsActions(event),
  };
  return { id: event.eventId, body: JSON.stringify(body), attributes: snsAttributes(event, ctx) };
}
