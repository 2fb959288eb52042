import type { EffectiveConfig } from '../core/engine/effective-config';
import { failedOverride } from '../core/engine/failed-override-note';
import { aboutASource, kindOf } from '../core/kinds';
import type { Finding } from '../core/model';
import { atLeast, type Severity } from '../core/severity';
import { EXIT } from './io';

/**
 * 1 when a finding reaches the threshold (with `onlyNew`, a finding new in this run: without a
 * store every finding is new), else 3 when a source failed, else 0 (spec section 5). A finding on a
 * value that a failed source of its environment outranks (`configs`: the run's) is no proof of what
 * runs: what it tells is that failure, exit 3.
 */
export function auditExitCode(
  findings: readonly Finding[],
  failOn: Severity,
  onlyNew = false,
  configs: ReadonlyMap<string, EffectiveConfig> = new Map(),
): number {
  const counted = findings.filter((f) => kindOf(f.kind).gates && (!onlyNew || f.status !== 'open') && !failedOverride(f, configs));
  if (counted.some((f) => atLeast(f.severity, failOn))) return EXIT.findings;
  if (findings.some(aboutASource)) return EXIT.sourceFailed;
  return EXIT.ok;
}

/**
 * The audit's exit code once `--notify` has tried to deliver: a failed delivery is exit 4 where the
 * audit would exit 0, so a CI job can tell nobody was told; 1 and 3 keep their meaning (spec section 5)
 * and the failure is said on stderr either way.
 */
export const notifiedExitCode = (code: number, failedDeliveries: number): number =>
  failedDeliveries > 0 && code === EXIT.ok ? EXIT.notifyFailed : code;
