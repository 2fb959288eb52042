import type { NotifyConfig } from '../estate/model';
import type { LifecycleEvent } from '../lifecycle/model';
import { kindOf } from '../kinds';
import { atLeast } from '../severity';

/** Whether SNS (tickets) takes this event under the estate's `notify.sns`; a kind that is not published (`changed`) never goes. */
export function shouldPublish(event: LifecycleEvent, sns: NotifyConfig['sns'], firstRun: boolean): boolean {
  if (!kindOf(event.finding.kind).published) return false;
  if (firstRun && !sns.onFirstRun) return false;
  if (sns.kinds !== 'all' && !sns.kinds.includes(event.finding.kind)) return false;
  // A resolution closes what the episode ticketed at its worst, though the baseline lowered it since.
  const severity = event.event === 'resolved' ? (event.peakSeverity ?? event.finding.severity) : event.finding.severity;
  return atLeast(severity, sns.minSeverity);
}
