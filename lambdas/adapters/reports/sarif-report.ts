import type { AuditResult } from '../../core/engine/audit';
import type { Estate } from '../../core/estate/model';
import { scopeKindOf, scopeName, subjectOf } from '../../core/finding-scope';
import { sourceLabel } from '../../core/estate/source-label';
import { FINDING_KINDS, KIND_NAMES, kindOf } from '../../core/kinds';
import type { Finding } from '../../core/model';
import type { Severity } from '../../core/severity';
import type { FileLine, RepositoryView } from '../../ports/repository-view';
import { sanitize } from '../../core/values/value';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = {
  critical: 'error',
  high: 'error',
  medium: 'warning',
  low: 'note',
  info: 'note',
};
// GitHub code scanning ranks results by this 0–10 score.
const SCORE: Record<Severity, string> = { critical: '9.5', high: '8.0', medium: '5.5', low: '3.0', info: '1.0' };

/** The base every artifact URI is relative to: GitHub code scanning resolves it to the checkout. */
export const SRCROOT = '%SRCROOT%';

const declaredKey = (f: Finding, estate: Estate): FileLine | undefined => {
  const at = f.key !== undefined ? estate.baseline.keys.get(f.key)?.at : undefined;
  return at && { file: at.file, line: at.line };
};

const declaredRule = (f: Finding, estate: Estate): FileLine | undefined => {
  const at = f.rule !== undefined ? estate.baseline.rules.find((r) => r.name === f.rule)?.at : undefined;
  return at && { file: at.file, line: at.line };
};

/** A source that could not be read: where drift.yaml declares it. */
const declaredSource = (f: Finding, estate: Estate): FileLine | undefined => {
  if (kindOf(f.kind).subject !== 'source' || !f.source) return undefined;
  const env = estate.environments.find((e) => e.name === f.environment);
  const at = env?.sources.find((s) => sourceLabel(s).label === f.source?.location)?.at;
  return at && { file: at.file, line: at.line };
};

/** The environment's or parity group's entry in drift.yaml; line 1 for an estate-wide finding. */
function declaredScope(f: Finding, estate: Estate, repo: RepositoryView): FileLine {
  const kind = scopeKindOf(f);
  const name = scopeName(f) ?? '';
  const group = kind === 'group' ? estate.parity.findIndex((g) => g.name === name) : -1;
  const path = kind === 'environment' ? ['environments', name] : group >= 0 ? ['parity', group] : undefined;
  return { file: estate.file, line: (path && repo.yamlLine(estate.file, path)) ?? 1 };
}

/**
 * Where a result points, first that applies and lies in the repository: the line that sets the
 * value, the key's declaration, the rule's, the failing source's, then the scope's in drift.yaml.
 */
function anchor(f: Finding, estate: Estate, repo: RepositoryView): { uri: string; line: number } {
  const candidates = [
    repo.valueLine(f),
    declaredKey(f, estate),
    declaredRule(f, estate),
    declaredSource(f, estate),
    declaredScope(f, estate, repo),
  ];
  for (const c of candidates) {
    const uri = c && repo.relative(c.file);
    if (c && uri !== undefined) return { uri, line: c.line };
  }
  return { uri: repo.relative(estate.file) ?? 'drift.yaml', line: 1 };
}

const encodeUri = (relative: string): string => relative.split('/').map(encodeURIComponent).join('/');

/** An excused finding, as SARIF carries it: suppressed by a decision made outside the tool. */
function suppressions(f: Finding): object[] {
  const ex = f.exception;
  if (!ex) return [{ kind: 'external', status: 'accepted' }];
  const term =
    ex.permanent || ex.expires === undefined
      ? 'accepted difference'
      : `exception until ${ex.expires}${f.expiresSoon ? ' (expires soon)' : ''}`;
  return [{ kind: 'external', status: 'accepted', justification: `${term}: ${ex.reason}${ex.ticket ? ` (${ex.ticket})` : ''}` }];
}

function result(f: Finding, estate: Estate, repo: RepositoryView, excused: boolean) {
  const scope = scopeName(f);
  // What code scanning shows people (the message, the location's names) with a key's control and
  // invisible characters escaped, as the text report does: a key is kept as its source spells it.
  const named = subjectOf(f);
  const subject = named === undefined ? undefined : sanitize(named);
  const at = anchor(f, estate, repo);
  return {
    ruleId: f.kind,
    level: LEVEL[f.severity],
    message: { text: sanitize(f.message) },
    locations: [
      {
        physicalLocation: { artifactLocation: { uri: encodeUri(at.uri), uriBaseId: SRCROOT }, region: { startLine: at.line } },
        logicalLocations: [
          {
            name: subject || (scope ?? f.estate),
            fullyQualifiedName: [f.estate, scope, subject].filter((s) => s !== undefined).join('/'),
            kind: 'member',
          },
        ],
      },
    ],
    partialFingerprints: { driftFindingId: f.id },
    // An expired exception's finding carries the exception too, but nothing excuses it any more.
    ...(excused ? { suppressions: suppressions(f) } : {}),
    properties: {
      severity: f.severity,
      'security-severity': SCORE[f.severity],
      estate: f.estate,
      ...(f.environment !== undefined ? { environment: f.environment } : {}),
      ...(f.group !== undefined ? { group: f.group } : {}),
      ...(f.status ? { status: f.status } : {}),
      ...(f.firstSeen ? { firstSeen: f.firstSeen } : {}),
    },
  };
}

/**
 * SARIF 2.1.0 for code-scanning tools: one rule per finding kind, one result per finding (excused
 * ones with their suppression), each at a line of a file relative to the repository root.
 */
export function renderSarif(r: AuditResult, estate: Estate, repo: RepositoryView): string {
  const doc = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'drift',
            rules: KIND_NAMES.map((k) => ({
              id: k,
              shortDescription: { text: FINDING_KINDS[k].about },
              defaultConfiguration: { level: LEVEL[FINDING_KINDS[k].severity] },
              properties: { 'security-severity': SCORE[FINDING_KINDS[k].severity] },
            })),
          },
        },
        originalUriBaseIds: {
          [SRCROOT]: { uri: repo.rootUri, description: { text: 'The root of the repository that holds drift.yaml (else its folder)' } },
        },
        invocations: [{ executionSuccessful: true, endTimeUtc: r.generatedAt }],
        results: [...r.findings.map((f) => result(f, estate, repo, false)), ...r.suppressed.map((f) => result(f, estate, repo, true))],
      },
    ],
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}
