import type { SourceParseResult } from './result';

/**
 * What a live read of a workload's objects could not see where the Role would not show it, kept with a recording of
 * the read so that the recording reads back as the read did: unknown, not missing.
 */
export interface K8sUnread {
  /** The objects the env names that could not be read (`Secret ns/name`, `ConfigMap ns/name`; each an error of the read). */
  objects: string[];
  /** Whether the workload autoscales could not be told: `unread` where reading its HPA failed (an error), `unknown` where none was found by its name alone. */
  autoscaling?: 'unread' | 'unknown';
}

/** The result with what rests on objects not read made unknown: no dangling reference to one (`Secret ns/name`), no autoscaling keys. */
export function unknownWhereUnread(result: SourceParseResult, objects: readonly string[], autoscalingUnknown: boolean): SourceParseResult {
  if (objects.length > 0)
    result.dangling = result.dangling.filter((d) => !objects.some((u) => d.target === u || d.target.startsWith(`${u} key `)));
  if (autoscalingUnknown) result.observations = result.observations.filter((o) => !o.key.startsWith('runtime.autoscaling.'));
  return result;
}

/** The errors a recording of such a read says when read back, in place of the API's: what could not be read, and why it matters. */
export function unreadErrors(unread: K8sUnread, workload: string): string[] {
  const errors = unread.objects.map(
    (o) => `${o}: not readable when this was recorded (the Role did not allow get on it): what the workload takes from it is unknown`,
  );
  if (unread.autoscaling === 'unread')
    errors.push(
      `the HorizontalPodAutoscaler of ${workload}: not readable when this was recorded (the Role did not allow reading it): whether the workload autoscales is unknown`,
    );
  return errors;
}
