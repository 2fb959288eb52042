import type { AuditResult } from '../../core/engine/audit';
import { layersOf, originOf } from '../../core/engine/effective-config';
import { describeSource } from '../../core/describe-source';
import { scopeLabel, subjectOf } from '../../core/finding-scope';
import type { Finding } from '../../core/model';
import { kindOf } from '../../core/kinds';
import { keyCodeRead, keyCodeReadSummary, type ScannedReads } from '../../core/code/key-code-read';
import { groupRelated } from '../../core/related-findings';
import { SEVERITIES } from '../../core/severity';
import { displayValue, sanitize } from '../../core/values/value';
import type { ReportLayout } from './report-layout';

/** One cell: [shown value, source index, location, version, modified at, modified by]; 0 where the key is not set. */
export type HtmlCell = 0 | [string, number, string, string, string, string];

/** A finding as the page shows it: every text already made displayable (never a secret). */
export interface HtmlFinding {
  kind: string;
  severity: string;
  scope: string;
  environment?: string;
  group?: string;
  key?: string;
  subject: string;
  message: string;
  owner: string;
  status: string;
  firstSeen?: string;
  expected?: string;
  actual?: string;
  values?: Record<string, string | null>;
  source?: string;
  hidden?: string[];
  exception?: string;
  reason?: string;
}

/** What the page script reads: embedded once, rendered on demand. */
export interface HtmlReportData {
  estate: string;
  generatedAt: string;
  environments: string[];
  /** Source labels, interned: a cell names its source by index. */
  sources: string[];
  keys: string[];
  /** Per key (in `keys` order), one cell per environment (in `environments` order). */
  cells: HtmlCell[][];
  /** Per key (in `keys` order), where the code reads it (`''`: no code reads it); absent when the estate declares no `code:`. */
  code?: string[];
  findings: HtmlFinding[];
  /** Findings by root cause: the lead's index first, then the related ones'. */
  groups: number[][];
  suppressed: HtmlFinding[];
  /** Reports of change since the previous snapshot (kinds the digest does not list as open). */
  changed: HtmlFinding[];
  resolved: HtmlFinding[];
  /** Severities, most severe first, for the filters. */
  severities: string[];
}

const text = (s: string | undefined): string | undefined => (s === undefined ? undefined : sanitize(s));

function exceptionOf(f: Finding): string | undefined {
  const ex = f.exception;
  if (!ex) return undefined;
  const term =
    ex.permanent || ex.expires === undefined ? 'accepted difference' : `until ${ex.expires}${f.expiresSoon ? ' (expires soon)' : ''}`;
  return sanitize(`${ex.reason}${ex.ticket ? ` (${ex.ticket})` : ''} · ${term}`);
}

function htmlFinding(f: Finding & { reason?: string }): HtmlFinding {
  const values = f.values && Object.fromEntries(Object.entries(f.values).map(([e, v]) => [e, v === null ? null : sanitize(v)]));
  return {
    kind: f.kind,
    severity: f.severity,
    scope: scopeLabel(f),
    environment: f.environment,
    group: f.group,
    // Spelt as `keys` spells it (sanitized): the page finds a finding's row and writes its commands by it.
    key: text(f.key),
    subject: sanitize(subjectOf(f)),
    message: sanitize(f.message),
    owner: f.owner ?? '',
    status: f.status ?? 'open',
    firstSeen: f.firstSeen,
    expected: text(f.expected),
    actual: text(f.actual),
    values,
    source: f.source && sanitize(describeSource(f.source)),
    hidden: f.hidden?.map((h) => sanitize(`${describeSource(h)} = ${h.value}`)),
    exception: exceptionOf(f),
    reason: text(f.reason),
  };
}

/** Every key any environment sets or any finding names, sorted. */
function keysOf(r: AuditResult): string[] {
  const keys = new Set<string>();
  for (const c of r.configs) for (const k of c.entries.keys()) keys.add(k);
  for (const f of [...r.findings, ...r.suppressed]) if (f.key !== undefined) keys.add(f.key);
  return [...keys].sort();
}

/** The matrix of effective values, keys × environments, with where each value comes from. */
function matrix(r: AuditResult, keys: string[]): Pick<HtmlReportData, 'sources' | 'cells'> {
  const sources: string[] = [];
  const sourceIndex = new Map<string, number>();
  const intern = (label: string): number => {
    let i = sourceIndex.get(label);
    if (i === undefined) sourceIndex.set(label, (i = sources.push(label) - 1));
    return i;
  };
  const byEnv = new Map(r.configs.map((c) => [c.environment, c]));
  const configs = r.environments.map((e) => byEnv.get(e));
  const cells = keys.map((key) =>
    configs.map((c): HtmlCell => {
      const obs = c?.entries.get(key);
      if (!c || !obs) return 0;
      const o = originOf(c, obs);
      return [
        displayValue(obs.value),
        intern(sanitize(o.source.label)),
        sanitize(o.location),
        o.version === undefined ? '' : String(o.version),
        o.modifiedAt ?? '',
        sanitize(o.modifiedBy ?? ''),
      ];
    }),
  );
  return { sources, cells };
}

/** Where the code reads a key, for the matrix, or `''` when no code reads it. */
function codeCell(r: AuditResult, code: ScannedReads, key: string): string {
  const setBy = () => r.configs.flatMap((c) => layersOf(c, key).map((o) => o.origin.source.type));
  return sanitize(keyCodeReadSummary(keyCodeRead(code, key, setBy)) ?? '');
}

/** The data of the HTML report: the matrix, the findings grouped by root cause, what is excused and what was resolved. */
export function htmlReportData(r: AuditResult, layout: ReportLayout): HtmlReportData {
  const keys = keysOf(r);
  const index = new Map(r.findings.map((f, i) => [f, i]));
  const groups = groupRelated(r.findings, layout.ruleKeys).map((g) => [g.lead, ...g.related].map((f) => index.get(f)!));
  return {
    estate: sanitize(r.estate),
    generatedAt: r.generatedAt,
    environments: r.environments,
    ...matrix(r, keys),
    keys: keys.map(sanitize),
    ...(r.code ? { code: keys.map((k) => codeCell(r, r.code!, k)) } : {}),
    findings: r.findings.map(htmlFinding),
    groups,
    suppressed: r.suppressed.map(htmlFinding),
    changed: r.findings.filter((f) => !kindOf(f.kind).listedOpen).map(htmlFinding),
    resolved: r.resolved.map(htmlFinding),
    severities: [...SEVERITIES],
  };
}
