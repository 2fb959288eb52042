import { FINDING_KINDS, type FindingKind } from '../kinds';
import type { Finding } from '../model';
import type { Severity } from '../severity';
import { sha256Hex } from '../sha256';

/** The part of a finding that says what it is about: its identity. */
export interface Subject {
  kind: FindingKind;
  environment?: string;
  group?: string;
  /** The key, rule name or source label the finding is about. */
  subject: string;
}

/** A stable id: the same subject always gets the same id, whatever the values. */
export function findingId(estate: string, s: Subject): string {
  // `estate`: a finding about no one environment or group (a rule judged nowhere).
  const scope = s.environment !== undefined ? `env:${s.environment}` : s.group !== undefined ? `group:${s.group}` : 'estate';
  return sha256Hex(`${estate}\u0000${s.kind}\u0000${scope}\u0000${s.subject}`).slice(0, 20);
}

/** The id of the `exception-expired` finding that replaces `f` once the exception excusing it has expired. */
export const expiredExceptionId = (f: Finding): string =>
  findingId(f.estate, { kind: 'exception-expired', environment: f.environment, group: f.group, subject: f.id });

export type FindingDraft = Omit<Finding, 'id' | 'estate' | 'severity'> & { severity?: Severity; subject: string };

/** Builds findings for one estate: ids and default severities in one place. */
export function findingFactory(estate: string): (draft: FindingDraft) => Finding {
  return ({ subject, severity, kind, ...rest }) => ({
    id: findingId(estate, { kind, environment: rest.environment, group: rest.group, subject }),
    kind,
    severity: severity ?? FINDING_KINDS[kind].severity,
    estate,
    ...rest,
  });
}
