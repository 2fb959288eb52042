import type { FindingKind } from '../kinds';
import type { Check } from './check-context';
import { constraintCheck } from './constraint';
import { danglingRefCheck } from './dangling-ref';
import { mismatchCheck } from './mismatch';
import { missingCheck } from './missing';
import { parityCheck } from './parity';
import { retiredCheck } from './retired';
import { ruleCheck } from './rule';
import { shadowedCheck } from './shadowed';
import { sourceErrorCheck } from './source-error';
import { staleFlagCheck } from './stale-flag';
import { staleRuntimeCheck } from './stale-runtime';
import { undeclaredCheck } from './undeclared';
import { unreadCheck } from './unread';
import { unsetCheck } from './unset';

/** The kinds a check finds: `changed` is the history's, `exception-expired` the exception pass's (made from these). */
type CheckedKind = Exclude<FindingKind, 'changed' | 'exception-expired'>;

/** The check of each kind a check finds, in the order the audit runs them: a kind without its check does not compile. */
export const CHECK_OF: { readonly [K in CheckedKind]: Check } = {
  'source-error': sourceErrorCheck,
  mismatch: mismatchCheck,
  missing: missingCheck,
  constraint: constraintCheck,
  retired: retiredCheck,
  parity: parityCheck,
  shadowed: shadowedCheck,
  'dangling-ref': danglingRefCheck,
  rule: ruleCheck,
  'stale-flag': staleFlagCheck,
  'stale-runtime': staleRuntimeCheck,
  undeclared: undeclaredCheck,
  unset: unsetCheck,
  unread: unreadCheck,
};

/** Every check the audit runs. */
export const CHECKS: readonly Check[] = Object.values(CHECK_OF);
