import type { Severity } from './severity';

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
}

const judged = { gates: true, excusable: true, published: true, listedOpen: true } as const;

/** Every finding kind of the product, with its default severity, what it means and how it is treated. */
export const FINDING_KINDS = {
  mismatch: { severity: 'medium', about: "a value differs from the baseline's expected value", subject: 'key', ...judged },
  parity: { severity: 'medium', about: 'a shared key differs across a parity group', subject: 'key', ...judged },
  missing: { severity: 'high', about: 'a required or expected key is absent', subject: 'key', ...judged },
  undeclared: { severity: 'info', about: 'present at runtime, not declared in the baseline', subject: 'key', ...judged },
  retired: { severity: 'medium', about: 'a retired key is still present after its date', subject: 'key', ...judged },
  constraint: { severity: 'high', about: 'type, min, max, enum or pattern violated', subject: 'key', ...judged },
  shadowed: { severity: 'low', about: 'several sources set the key to different values', subject: 'key', ...judged },
  'dangling-ref': { severity: 'high', about: 'a reference points at nothing', subject: 'key', ...judged },
  rule: { severity: 'high', about: 'a cross-key rule is false', subject: 'rule', ...judged },
  'exception-expired': {
    severity: 'medium',
    about: 'an exception expired and the drift is still there',
    subject: 'key',
    ...judged,
    excusable: false,
  },
  changed: {
    severity: 'info',
    about: 'a value changed since the previous snapshot',
    subject: 'key',
    gates: false,
    excusable: false,
    published: false,
    listedOpen: false,
  },
  // A failed source is exit code 3, never 1: its findings are carried forward, not judged anew.
  'source-error': { severity: 'high', about: 'a source could not be read', subject: 'source', ...judged, gates: false },
} as const satisfies Record<string, FindingKindEntry>;

export type FindingKind = keyof typeof FINDING_KINDS;
export const KIND_NAMES = Object.keys(FINDING_KINDS) as FindingKind[];

/** How a kind is treated, typed as the entry (not as its literal values). */
export const kindOf = (kind: FindingKind): FindingKindEntry => FINDING_KINDS[kind];
