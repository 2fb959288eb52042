import type { AuditResult } from '../../core/engine/audit';
import { FINDING_KINDS, KIND_NAMES } from '../../core/kinds';
import type { Finding } from '../../core/model';
import type { Severity } from '../../core/severity';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { critical: 'error', high: 'error', medium: 'warning', low: 'note', info: 'note' };
// GitHub code scanning ranks results by this 0–10 score.
const SCORE: Record<Severity, string> = { critical: '9.5', high: '8.0', medium: '5.5', low: '3.0', info: '1.0' };

/** A recorded file source points at a file and maybe a line (`env/prod.env:12`, `config/x.json#a.b`). */
function physicalLocation(f: Finding): object | undefined {
  const s = f.source;
  if (!s || (s.type !== 'file' && s.type !== 'dotenv')) return undefined;
  const m = /^(.*?)(?::(\d+)|#.*)?$/.exec(s.location);
  if (!m?.[1]) return undefined;
  return { artifactLocation: { uri: m[1] }, ...(m[2] ? { region: { startLine: Number(m[2]) } } : {}) };
}

function result(f: Finding, estateFile: string) {
  const scope = f.environment ?? f.group ?? '';
  const physical = physicalLocation(f);
  return {
    ruleId: f.kind,
    level: LEVEL[f.severity],
    message: { text: f.message },
    locations: [
      {
        ...(physical ? { physicalLocation: physical } : { physicalLocation: { artifactLocation: { uri: estateFile } } }),
        logicalLocations: [{ name: f.key ?? f.rule ?? scope, fullyQualifiedName: `${f.estate}/${scope}/${f.key ?? f.rule ?? ''}`, kind: 'member' }],
      },
    ],
    partialFingerprints: { driftFindingId: f.id },
    properties: {
      severity: f.severity,
      'security-severity': SCORE[f.severity],
      estate: f.estate,
      ...(f.environment ? { environment: f.environment } : {}),
      ...(f.group ? { group: f.group } : {}),
    },
  };
}

/** SARIF 2.1.0 for code-scanning tools: one rule per finding kind, one result per finding. */
export function renderSarif(r: AuditResult, estateFile: string): string {
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
        invocations: [{ executionSuccessful: true, endTimeUtc: r.generatedAt }],
        results: r.findings.map((f) => result(f, estateFile)),
      },
    ],
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}
