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

/** Every check the audit runs. `exception-expired` is made from these by the exception pass. */
export const CHECKS: readonly Check[] = [
  sourceErrorCheck,
  mismatchCheck,
  missingCheck,
  constraintCheck,
  retiredCheck,
  parityCheck,
  shadowedCheck,
  danglingRefCheck,
  ruleCheck,
  staleFlagCheck,
  staleRuntimeCheck,
  undeclaredCheck,
  unsetCheck,
  unreadCheck,
];
