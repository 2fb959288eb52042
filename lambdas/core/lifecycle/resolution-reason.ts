import type { Estate, KeySpec, SourceSpec } from '../estate/model';
import { declaredSource, sourceLabel } from '../estate/source-label';
import { carriedKind } from '../carried-kind';
import { sourceKindOf } from '../source-kinds/registry';
import { aboutASource, kindOf, type FindingKind, type ResolutionFacts } from '../kinds';
import type { Finding } from '../model';
import { expectedValue } from '../checks/check-context';
import { groupCompares } from '../checks/parity';
import { violations } from '../checks/constraint';
import { requiredIn } from '../checks/missing';
import { declaredSourceErrorIds, type DeclaredSourceErrorIds } from '../checks/source-error';
import { lazily } from '../lazily';
import { scopeKindOf } from '../finding-scope';
import { declaredType, identity } from '../engine/equality';
import { shownExpected, shownWhole, textValue } from '../values/value';
import { reportedAs, type ResolutionReason } from './resolutions';

/** What this run made of a finding it no longer reports. */
export interface Whereabouts {
  /** A live exception excuses it (for an `exception-expired` finding: the one it carried, the exception renewed). */
  excused: boolean;
  /** Its environment or parity group is no longer in the estate. */
  scopeGone: boolean;
  /**
   * The kind it is reported under now: `exception-expired` for a finding whose exception is found
   * expired, the carried finding's own kind for an `exception-expired` whose exception no longer applies.
   */
  reportedAs?: FindingKind;
}

/**
 * Why a finding is no longer seen, in the words a ticket should close with; each kind says its own.
 * `today` (YYYY-MM-DD, UTC) is the day the run judged dates by, where it is known; `declared`, the
 * estate's source-error ids, which a caller judging many findings makes once (see planLifecycle).
 */
export function resolutionReason(
  f: Finding,
  estate: Estate,
  { excused, scopeGone, reportedAs: now }: Whereabouts,
  today?: string,
  declared: () => DeclaredSourceErrorIds = lazily(() => declaredSourceErrorIds(estate)),
): ResolutionReason {
  if (excused) return 'excused by an exception';
  if (scopeGone) return f.group !== undefined ? 'parity group removed' : 'environment removed';
  if (now) return reportedAs(now);
  if (valueSourceRemoved(f, estate)) return 'source removed';
  return kindOf(f.kind).resolved(facts(f, estate, today, declared));
}

/**
 * A finding on a key whose value came from a source no longer declared in its environment: the value
 * was not fixed, its source was taken out of drift.yaml. Only where a source of the same type can
 * tell its values' locations apart (files, SSM paths), or none of that type is left.
 */
function valueSourceRemoved(f: Finding, estate: Estate): boolean {
  if (kindOf(f.kind).subject !== 'key' || f.environment === undefined || f.source === undefined) return false;
  return mayHold(sourcesOf(estate, f.environment), f.source).length === 0;
}

const sourcesOf = (estate: Estate, env: string | undefined): readonly SourceSpec[] =>
  estate.environments.find((e) => e.name === env)?.sources ?? [];

/** The declared sources that may have held a value found at `location` by a source of `type` (one that cannot tell locations apart may). */
const mayHold = (sources: readonly SourceSpec[], { type, location }: { type: string; location: string }): SourceSpec[] =>
  sources.filter((s) => s.type === type && sourceKindOf(s).reads?.(s, location) !== false);

function facts(f: Finding, estate: Estate, today: string | undefined, declared: () => DeclaredSourceErrorIds): ResolutionFacts {
  const spec = f.key !== undefined ? estate.baseline.keys.get(f.key) : undefined;
  return {
    spec,
    // A source-error names its source as declaredSource does (`file` and `us.yml`, not `file us.yml`).
    // Or by its id, of the source's identity (or its label, as earlier versions made it): the same
    // source with its `from:` files listed in another order.
    sourceDeclared: () => {
      const sources = sourcesOf(estate, f.environment).map((s) => declaredSource(sourceLabel(s)));
      if (f.source !== undefined && sources.some((d) => d.type === f.source?.type && d.location === f.source.location)) return true;
      return aboutASource(f) && f.environment !== undefined && declared().all.has(f.id);
    },
    ruleDeclared: () => estate.baseline.rules.some((r) => r.name === f.rule),
    estateWide: scopeKindOf(f) === 'estate',
    stillRequired: () => spec !== undefined && f.environment !== undefined && requiredIn(spec, f.environment),
    undeclaredIgnored: estate.baseline.undeclared === 'ignore',
    retirementAhead: () => spec?.retired !== undefined && today !== undefined && today <= spec.retired,
    comparedByGroup: () => {
      const group = estate.parity.find((g) => g.name === f.group);
      return group !== undefined && f.key !== undefined && groupCompares(estate, group, f.key);
    },
    hiddenAreDefaults: () => {
      const hidden = f.hidden ?? [];
      const sources = sourcesOf(estate, f.environment);
      // The declared sources that may have held each hidden value: every one of them a defaults layer.
      const defaultsOnly = (at: { type: string; location: string }) => {
        const holders = mayHold(sources, at);
        return holders.length > 0 && holders.every((s) => s.defaults === true);
      };
      return hidden.length > 0 && hidden.every(defaultsOnly);
    },
    expectation: () => expectation(f, spec),
    constraintsNow: () => {
      if (f.key === undefined) return undefined;
      const type = declaredType(f.key, spec);
      if (type === undefined && [spec?.min, spec?.max, spec?.enum, spec?.pattern].every((c) => c === undefined)) return 'none';
      const shown = f.actual;
      // Else the text is not the value judged.
      if (shown === undefined || !shownWhole(shown)) return undefined;
      return violations(shown, type, spec).length === 0 ? 'accepted' : 'refused';
    },
    carriedResolution: () => {
      const kind = carriedKind(f);
      return kind === undefined ? undefined : kindOf(kind).resolved(facts({ ...f, kind }, estate, today, declared));
    },
  };
}

/** Does the baseline still expect, of the finding's key in its environment, the value the finding was judged by? */
function expectation(f: Finding, spec: KeySpec | undefined): 'same' | 'changed' | 'removed' {
  const now = f.environment !== undefined ? expectedValue(spec, f.environment) : undefined;
  if (now === undefined) return f.expected === undefined ? 'same' : 'removed';
  if (f.expected === undefined) return 'changed';
  // Compared as shown (a secret's marker shows as its fingerprint) and by the key's type (`30` is `30s`).
  const type = f.key !== undefined ? declaredType(f.key, spec) : undefined;
  const same = identity(textValue(shownExpected(now)), type) === identity(textValue(f.expected), type);
  return same ? 'same' : 'changed';
}
