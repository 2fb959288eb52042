import type { KeySpec } from './estate/model';
import type { ResolutionReason } from './lifecycle/resolutions';
import type { Severity } from './severity';

/** What the estate now says about the subject of a finding no longer seen: what its resolution reason is chosen from. */
export interface ResolutionFacts {
  /** The baseline's entry for the finding's key, if it has one. */
  spec: KeySpec | undefined;
  /** The finding's source is still declared in its environment. */
  sourceDeclared(): boolean;
  /** The finding's rule is still in the baseline. */
  ruleDeclared(): boolean;
  /** The finding is about no one environment or parity group: a rule that could be judged nowhere. */
  estateWide: boolean;
  /** The baseline still requires the finding's key in its environment (`required`, or an expected value there). */
  stillRequired(): boolean;
  /** The key's retirement date is still to come (inclusive), where the run's day is known: put off since the finding. */
  retirementAhead(): boolean;
  /** The baseline leaves the keys it does not declare alone (`undeclared: ignore`). */
  undeclaredIgnored: boolean;
  /** The finding's parity group still compares its key (its `ignore:` and `keys:`, `undeclared: ignore`). */
  comparedByGroup(): boolean;
  /** Every source the finding named as hidden is now declared a defaults layer, there to be overridden. */
  hiddenAreDefaults(): boolean;
  /**
   * What the key's constraints (its type, built in or declared, and bounds) now make of the value the
   * finding judged: `none` where it has none left; undefined where the value shown is not the whole
   * text (cut short, escaped, a secret) and cannot be judged again.
   */
  constraintsNow(): 'none' | 'accepted' | 'refused' | undefined;
  /** What the baseline now expects of the finding's key in its environment, against what the finding was judged by. */
  expectation(): 'same' | 'changed' | 'removed';
  /** The resolution reason of the finding an `exception-expired` one carries, when its kind can be told. */
  carriedResolution(): ResolutionReason | undefined;
}

/** What a finding kind is and how every output treats it: the one place a kind's behaviour is decided. */
export interface FindingKindEntry {
  severity: Severity;
  about: string;
  /** What the finding is about: a key, a cross-key rule, or a source that could not be read. */
  subject: 'key' | 'rule' | 'source';
  /** Counts toward `--fail-on` (and exit code 1). */
  gates: boolean;
  /** An exception in the baseline may excuse it. */
  excusable: boolean;
  /** Its lifecycle events go to SNS (tickets). */
  published: boolean;
  /** Listed among the digest's open findings (not only in its "changed" section). */
  listedOpen: boolean;
  /** The runtime and the baseline can be made to agree by `drift adopt` (runtime → baseline) or `drift revert` (baseline → runtime). */
  syncable: boolean;
  /** Replaces the finding an expired exception excused, carrying its values: its commands and resolution are that finding's. */
  carriesExcused: boolean;
  /** What `drift code check` reports before a deploy: the environment lacks a key the code about to ship reads. */
  codeGate: boolean;
  /**
   * The kinds whose finding on the same key, in its environment, it reports instead (a parity difference
   * or a missing key the code reads is `unset` where absent): such a finding that goes as this one comes
   * is carried on under it, not fixed.
   */
  takesOver?: readonly string[];
  /**
   * Says the environment's value of its key comes from a reference to nothing (a missing ConfigMap, Secret or SSM
   * parameter): a parity difference in that environment is the same fact, shown as one cause with it.
   */
  referencesNothing: boolean;
  /**
   * Its `actual`, `expected`, `values` and `hidden` are the key's configuration values, withheld as any value of a
   * secret key is; not where they name other things (the object a dangling-ref refers to, the units and revision of a stale-runtime).
   */
  holdsValues: boolean;
  /** Why its finding is no longer seen (not excused, its scope still there), in the words a ticket closes with. */
  resolved(now: ResolutionFacts): ResolutionReason;
}

const judged = {
  gates: true,
  excusable: true,
  published: true,
  listedOpen: true,
  syncable: false,
  carriesExcused: false,
  codeGate: false,
  referencesNothing: false,
  holdsValues: true,
} as const;

const valueFixed = (): ResolutionReason => 'value fixed';

/** A mismatch ends when the value is fixed, or when the baseline comes to expect it (`drift adopt`). */
function mismatchResolved(now: ResolutionFacts): ResolutionReason {
  const expectation = now.expectation();
  if (expectation === 'changed') return 'adopted into the baseline';
  return expectation === 'removed' ? 'expected value removed from the baseline' : 'value fixed';
}

/** A key the baseline retired is no longer compared or required: its finding was set aside, not fixed. */
const fixedUnlessRetired = ({ spec }: ResolutionFacts): ResolutionReason => (spec?.retired ? 'key retired' : 'value fixed');

function parityResolved(now: ResolutionFacts): ResolutionReason {
  const { spec } = now;
  if (spec?.perEnvironment) return 'key made per-environment';
  if (spec && (spec.value !== undefined || spec.values !== undefined)) return 'expected value declared in the baseline';
  if (!spec?.retired && !now.comparedByGroup()) return 'key left out of the parity group';
  return fixedUnlessRetired(now);
}

/** A constraint ends when the value is fixed, or when the baseline comes to accept it (widened bounds, an enum that names it). */
function constraintResolved(now: ResolutionFacts): ResolutionReason {
  const verdict = now.constraintsNow();
  if (verdict === 'none') return 'constraint removed from the baseline';
  return verdict === 'accepted' ? 'adopted into the baseline' : 'value fixed';
}

/** The values still differ where the baseline now says the override is meant (`shadowed: ignore`, a defaults layer). */
const shadowedResolved = (now: ResolutionFacts): ResolutionReason =>
  now.spec?.shadowed === 'ignore' || now.hiddenAreDefaults() ? 'override accepted in the baseline' : 'value fixed';

/** Every finding kind of the product, with its default severity, what it means and how it is treated. */
export const FINDING_KINDS = {
  mismatch: {
    severity: 'medium',
    about: "a value differs from the baseline's expected value",
    subject: 'key',
    ...judged,
    syncable: true,
    resolved: mismatchResolved,
  },
  parity: {
    severity: 'medium',
    about: 'a shared key differs across a parity group',
    subject: 'key',
    ...judged,
    syncable: true,
    resolved: parityResolved,
  },
  missing: {
    severity: 'high',
    about: 'a required or expected key is absent (or a required one is empty)',
    subject: 'key',
    ...judged,
    // A required key's value made blank (or the key made required while blank) is this finding now, not a refused type.
    takesOver: ['constraint'],
    // Set aside, not fixed, where the baseline stopped requiring the key (`required: false`, its expected value removed).
    resolved: (now) => (now.spec?.retired ? 'key retired' : now.stillRequired() ? 'value fixed' : 'key no longer required'),
  },
  undeclared: {
    severity: 'info',
    about: 'present at runtime, not declared in the baseline',
    subject: 'key',
    ...judged,
    resolved: ({ spec, undeclaredIgnored }) =>
      spec ? 'key declared in the baseline' : undeclaredIgnored ? 'undeclared keys ignored' : 'key removed',
  },
  retired: {
    severity: 'medium',
    about: 'a retired key is still present after its date',
    subject: 'key',
    ...judged,
    // Where an environment of a parity group still sets a retired key, the group's difference on it is this finding now.
    takesOver: ['parity'],
    resolved: (now) => (!now.spec?.retired ? 'key no longer retired' : now.retirementAhead() ? 'retirement postponed' : 'key removed'),
  },
  constraint: {
    severity: 'high',
    about: 'type, min, max, enum or pattern violated',
    subject: 'key',
    ...judged,
    resolved: constraintResolved,
  },
  shadowed: {
    severity: 'low',
    about: 'several sources set the key to different values',
    subject: 'key',
    ...judged,
    resolved: shadowedResolved,
  },
  'dangling-ref': {
    severity: 'high',
    about: 'a reference points at nothing',
    subject: 'key',
    ...judged,
    referencesNothing: true,
    holdsValues: false,
    resolved: valueFixed,
  },
  rule: {
    severity: 'high',
    about: 'a cross-key rule is false',
    subject: 'rule',
    ...judged,
    // Estate-wide, it said the rule could be judged nowhere, not that it failed: now judged, it may well fail somewhere.
    resolved: (now) => (!now.ruleDeclared() ? 'rule removed' : now.estateWide ? 'rule judged again' : 'rule holds again'),
  },
  'exception-expired': {
    severity: 'medium',
    about: 'an exception expired and the drift is still there',
    subject: 'key',
    ...judged,
    excusable: false,
    carriesExcused: true,
    // Renewed or no longer applying, the exception is told apart by the lifecycle: here the drift
    // went, as the finding it carried would have (adopted into the baseline is not a fixed value).
    resolved: (now) => now.carriedResolution() ?? valueFixed(),
  },
  changed: {
    severity: 'info',
    about: 'a value changed since the previous snapshot',
    subject: 'key',
    gates: false,
    excusable: false,
    published: false,
    listedOpen: false,
    syncable: false,
    carriesExcused: false,
    codeGate: false,
    referencesNothing: false,
    holdsValues: true,
    resolved: valueFixed,
  },
  'stale-flag': {
    severity: 'low',
    about: 'a flag has held one value in every environment for longer than its lifetime',
    subject: 'key',
    ...judged,
    resolved: ({ spec }) => (spec?.flag === false ? 'key declared not a flag' : 'flag removed or no longer the same everywhere'),
  },
  // Medium: a rolling deployment shows it for minutes; a task that kept an emergency fix out for hours is worth a look, not a page.
  'stale-runtime': {
    severity: 'medium',
    about: 'running tasks or pods started before a value they read changed, or still run an older revision',
    subject: 'key',
    ...judged,
    holdsValues: false,
    resolved: () => 'tasks or pods replaced',
  },
  // Only when the estate declares `code:`. Medium with a fallback: the silent one of the inventory story.
  unset: {
    severity: 'high',
    about: 'the code reads a key the environment does not set',
    subject: 'key',
    ...judged,
    codeGate: true,
    takesOver: ['parity', 'missing'],
    resolved: () => 'key set, or no longer read by the code',
  },
  unread: {
    severity: 'low',
    about: 'the environment sets a key no code reads',
    subject: 'key',
    ...judged,
    resolved: () => 'key removed, or read by the code again',
  },
  // A failed source is exit code 3, never 1: its findings are carried forward, not judged anew.
  'source-error': {
    severity: 'high',
    about: 'a source could not be read',
    subject: 'source',
    ...judged,
    gates: false,
    resolved: (now) => (now.sourceDeclared() ? 'source readable again' : 'source removed'),
  },
} as const satisfies Record<string, FindingKindEntry>;

export type FindingKind = keyof typeof FINDING_KINDS;

// A kind taken over that is no kind does not compile.
type TakenOver = { [K in FindingKind]: (typeof FINDING_KINDS)[K] extends { takesOver: readonly (infer T)[] } ? T : never }[FindingKind];
true satisfies TakenOver extends FindingKind ? true : never;
export const KIND_NAMES = Object.keys(FINDING_KINDS) as FindingKind[];

/** How a kind is treated, typed as the entry (not as its literal values). */
export const kindOf = (kind: FindingKind): FindingKindEntry => FINDING_KINDS[kind];

/** A finding about a source that could not be read, as its kind's entry says (its id is the source's). */
export const aboutASource = (f: { kind: FindingKind }): boolean => kindOf(f.kind).subject === 'source';
