import type { Estate } from '../estate/model';
import { sourceLabel } from '../estate/source-label';
import type { Finding } from '../model';

/** Why a finding is no longer seen, in the words a ticket should close with. */
export function resolutionReason(f: Finding, estate: Estate, excused: boolean, scopeGone: boolean): string {
  if (excused) return 'excused by an exception';
  if (scopeGone) return f.group !== undefined ? 'parity group removed' : 'environment removed';
  const spec = f.key !== undefined ? estate.baseline.keys.get(f.key) : undefined;
  switch (f.kind) {
    case 'source-error': {
      const env = estate.environments.find((e) => e.name === f.environment);
      const labels = (env?.sources ?? []).map((s) => sourceLabel(s).label);
      return f.source && labels.includes(f.source.location) ? 'source readable again' : 'source removed';
    }
    case 'parity':
      if (spec?.perEnvironment) return 'key made per-environment';
      if (spec && (spec.value !== undefined || spec.values !== undefined)) return 'expected value declared in the baseline';
      return 'value fixed';
    case 'undeclared':
      return spec ? 'key declared in the baseline' : 'key removed';
    case 'retired':
      return spec?.retired ? 'key removed' : 'key no longer retired';
    case 'rule':
      return estate.baseline.rules.some((r) => r.name === f.rule) ? 'rule holds again' : 'rule removed';
    case 'exception-expired':
      return 'excused by an exception';
    default:
      return 'value fixed';
  }
}
