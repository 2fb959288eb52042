import { describeSource } from '../describe-source';
import { displayedWithUnit } from '../checks/check-context';
import { expiresIn } from '../engine/dates';
import { daysLeft, exceptionEnd, zonedEnd } from './exception-end';
import type { KeyType } from '../engine/equality';
import { scopeLabel, subjectOf } from '../finding-scope';
import type { Finding } from '../model';
import type { Severity } from '../severity';
import { syncCommands } from '../sync-commands';
import { code, joined, message, user, type DigestLine, type Inline } from './digest-model';
import { elapsedDays } from './zoned';

/** Where the value comes from and who owns it, as detail parts. */
const sourceParts = (f: Finding): Inline[][] => {
  const out: Inline[][] = [];
  if (f.source) out.push([user(describeSource(f.source), 400)]);
  if (f.owner) out.push(['owner ', user(f.owner, 80)]);
  return out;
};

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

const scope = (f: Finding): Inline => ({ strong: [user(scopeLabel(f), 120)] });

/** How many findings of one cause are spelt out under their lead; the rest are counted. */
const RELATED_SHOWN = 3;

/** Findings with the lead's cause, one short detail each. */
function relatedDetails(related: readonly Finding[]): Inline[][] {
  const shown = related.slice(0, RELATED_SHOWN).map((r): Inline[] => [`same cause: ${r.severity} · ${r.kind} — `, ...message(r, 160)]);
  const rest = related.length - RELATED_SHOWN;
  return rest > 0 ? [...shown, [{ em: [`and ${plural(rest, 'more related finding')}`] }]] : shown;
}

/** How many adoptions of a parity group's values are spelt out; more values than that is a case for the report. */
export const ADOPTIONS_SHOWN = 3;

/** The `drift adopt` / `drift revert` lines for a syncable finding, as one compact detail; none for any other. */
export function syncDetail(f: Finding): Inline[][] {
  const commands = syncCommands(f);
  if (!commands) return [];
  const adopt = commands.adopt.slice(0, ADOPTIONS_SHOWN).map((c): Inline[] => [code(c, 200)]);
  const more = commands.adopt.length - adopt.length;
  const revert = commands.revert.map((c): Inline[] => [code(c, 200)]);
  return [
    [
      ...(revert.length
        ? ['adopt ', ...joined(adopt, ' or '), ' · revert ', ...joined(revert, ' or ')]
        : ['adopt one value everywhere: ', ...joined(adopt, ' or ')]),
      ...(more > 0 ? [{ em: [` and ${more} more`] }] : []),
    ],
  ];
}

/** Why a finding is in New: first seen, raised above the threshold, or back after a resolution in the same window. */
export type FreshHow = 'new' | 'escalated' | 'reopened' | 'alone';
const FRESH_NOTE: Record<FreshHow, string> = {
  new: '',
  escalated: ' (escalated)',
  reopened: ' (back after being resolved)',
  alone: ' (on its own now: its cause is gone)',
};

/** A new (or escalated, or reopened) finding: severity, kind, where, what differs, where it comes from, findings of the same cause, and what to run. */
export function newLine(f: Finding, how: FreshHow, related: readonly Finding[] = []): DigestLine {
  const src = sourceParts(f);
  return {
    text: [{ severity: f.severity }, `${FRESH_NOTE[how]} · ${f.kind} · `, scope(f), ' — ', ...message(f)],
    details: [...(src.length ? [joined(src, ' · ')] : []), ...relatedDetails(related), ...syncDetail(f)],
    findings: 1 + related.length,
  };
}

/** A resolved finding and why (the last reason; `times` above 1 says it came and went). */
export function resolvedLine(f: Finding, reason: string | undefined, times = 1): DigestLine {
  return {
    text: [
      { icon: 'resolved' },
      ` ${f.severity} · ${f.kind} · `,
      scope(f),
      ' ',
      code(subjectOf(f), 200),
      ' — ',
      { em: [user(reason ?? 'no longer seen', 120)] },
      ...(times > 1 ? [` (resolved ${times} times in this window)`] : []),
    ],
    details: [],
    findings: 1,
  };
}

/**
 * A `changed` report: what, before → after, who, and what the environment runs instead when another
 * source decides the key; values as messages show them by the key's type (`typeOf`: a bare `90` of a duration is `90s`).
 */
export function changedLine(f: Finding, typeOf: KeyType = () => undefined): DigestLine {
  const type = f.key === undefined ? undefined : typeOf(f.key);
  const shown = (v: string): string => displayedWithUnit(v, type);
  const value = (v: string | undefined): Inline => (v === undefined ? { em: ['absent'] } : code(shown(v), 200));
  const src: Inline[] = f.source ? [' · ', user(describeSource(f.source), 400)] : [];
  const over = f.notInEffect;
  const instead: Inline[] = over
    ? [' · ', { em: [f.actual === undefined ? 'still set by ' : 'not in effect: ', user(over.by, 200)] }, ' ', code(shown(over.value), 200)]
    : [];
  return {
    text: [
      { icon: 'changed' },
      ' ',
      scope(f),
      ' ',
      code(subjectOf(f), 200),
      ': ',
      value(f.expected),
      ' → ',
      value(f.actual),
      ...src,
      ...instead,
    ],
    details: [],
    findings: 1,
  };
}

/** A still-open finding named under its scope's counts, with its age at the end of the window, findings of the same cause and what to run. */
export function openLine(f: Finding, windowEnd: string, related: readonly Finding[] = []): DigestLine {
  const age = f.firstSeen ? elapsedDays(f.firstSeen, windowEnd) : undefined;
  const details = sourceParts(f);
  if (age !== undefined) details.push([age === 0 ? 'open <1 day' : `open ${plural(age, 'day')}`]);
  return {
    text: [{ severity: f.severity }, ` · ${f.kind} — `, ...message(f)],
    details: [...(details.length ? [joined(details, ' · ')] : []), ...relatedDetails(related), ...syncDetail(f)],
    findings: 1 + related.length,
  };
}

/** One scope of the open section: its counts by severity (the findings named under it are not counted in `findings`). */
export function scopeHeading(label: string, counts: Array<[Severity, number]>): DigestLine {
  const total = counts.reduce((n, [, c]) => n + c, 0);
  const bySeverity = counts.map(([s, c]) => `${c} ${s}`).join(', ');
  return { text: [{ strong: [user(label, 120)] }, ` — ${total} open (${bySeverity})`], details: [], findings: 0 };
}

/** When an exception expires: its date (UTC, as drift.yaml says), when that is in the digest's time zone, and how long it has left. */
function expiryParts(expires: string, windowEnd: string, timezone: string): Inline[] {
  const local = zonedEnd(expires, timezone);
  const left = exceptionEnd(expires) === undefined ? undefined : daysLeft(expires, windowEnd);
  return [
    ' · expires ',
    user(expires, 20),
    ...(local === undefined ? [] : [' UTC, ends ', user(`${local} ${timezone}`, 80)]),
    ...(left === undefined ? [] : [` (${expiresIn(left)})`]),
  ];
}

/** A suppressed finding whose exception expires soon, the end told in the digest's time zone as its header is. */
export function expiringLine(f: Finding, windowEnd: string, timezone: string): DigestLine {
  const ex = f.exception;
  const value: Inline[] = f.actual !== undefined ? [' = ', code(f.actual, 200)] : [];
  const why: Inline[] = ex ? [' — ', user(ex.reason, 200), ...(ex.ticket ? [' (', user(ex.ticket, 60), ')'] : [])] : [];
  const when = ex?.expires !== undefined ? expiryParts(ex.expires, windowEnd, timezone) : [];
  return {
    text: [{ icon: 'expiring' }, ` ${f.severity} · `, scope(f), ' ', code(subjectOf(f), 200), ...value, ...why, ...when],
    details: [],
    findings: 1,
  };
}

/** `+N more`, with the report link when there is one. */
export function moreLine(n: number, reportUrl: string | undefined): Inline[] {
  return [{ em: [`+${n} more`] }, ...(reportUrl ? [' — ', { link: reportUrl, label: 'see the full report' }] : [])];
}
