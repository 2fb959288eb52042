import type { Estate } from '../estate/model';
import { sourceLabel } from '../estate/source-label';
import { kindOf } from '../kinds';
import type { Finding } from '../model';

/** Why a finding is no longer seen, in the words a ticket should close with; each kind says its own. */
export function resolutionReason(f: Finding, estate: Estate, excused: boolean, scopeGone: boolean): string {
  if (excused) return 'excused by an exception';
  if (scopeGone) return f.group !== undefined ? 'parity group removed' : 'environment removed';
  return kindOf(f.kind).resolved({
    spec: f.key !== undefined ? estate.baseline.keys.get(f.key) : undefined,
    sourceDeclared: () => {
      const env = estate.environments.find((e) => e.name === f.environment);
      const labels = (env?.sources ?? []).map((s) => sourceLabel(s).label);
      return f.source !== undefined && labels.includes(f.source.location);
    },
    ruleDeclared: () => estate.baseline.rules.some((r) => r.name === f.rule),
  });
}
