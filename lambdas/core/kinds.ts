import type { Severity } from './severity';

/** Every finding kind of the product, with its default severity and what it means. */
export const FINDING_KINDS = {
  mismatch: { severity: 'medium', about: "a value differs from the baseline's expected value" },
  parity: { severity: 'medium', about: 'a shared key differs across a parity group' },
  missing: { severity: 'high', about: 'a required or expected key is absent' },
  undeclared: { severity: 'info', about: 'present at runtime, not declared in the baseline' },
  retired: { severity: 'medium', about: 'a retired key is still present after its date' },
  constraint: { severity: 'high', about: 'type, min, max, enum or pattern violated' },
  shadowed: { severity: 'low', about: 'several sources set the key to different values' },
  'dangling-ref': { severity: 'high', about: 'a reference points at nothing' },
  rule: { severity: 'high', about: 'a cross-key rule is false' },
  'exception-expired': { severity: 'medium', about: 'an exception expired and the drift is still there' },
  changed: { severity: 'info', about: 'a value changed since the previous snapshot' },
  'source-error': { severity: 'high', about: 'a source could not be read' },
} as const satisfies Record<string, { severity: Severity; about: string }>;

export type FindingKind = keyof typeof FINDING_KINDS;
export const KIND_NAMES = Object.keys(FINDING_KINDS) as FindingKind[];
