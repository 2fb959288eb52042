import type { ObjectConsumer, Observation, SourceType } from '../../../lambdas/core/model';
import type { RevertInput, RevertNeighbour, RevertTarget } from '../../../lambdas/core/revert/revert-step';
import type { Value } from '../../../lambdas/core/values/value';

/** An observation read by a source of `type` at `location`. */
export const observed = (
  type: SourceType,
  location: string,
  rawKey: string,
  value: Value = { kind: 'text', text: 'old' },
): Observation => ({
  key: rawKey.toLowerCase(),
  rawKey,
  value,
  origin: { source: { index: 0, type, label: `${type} source` }, location },
});

/** The input a kind's revert gets for one observation, the target plain `30s` unless told. */
export function revertInput<Spec>(
  spec: Spec,
  observation: Observation,
  over: {
    target?: RevertTarget;
    siblings?: Observation[];
    roleArn?: string;
    region?: string;
    consumers?: ObjectConsumer[];
    neighbours?: RevertNeighbour[];
    place?: string;
  } = {},
): RevertInput<Spec> {
  return {
    spec,
    environment: {
      name: 'production-us',
      region: over.region ?? 'us-east-1',
      ...(over.roleArn ? { roleArn: over.roleArn, account: '222222222222' } : {}),
    },
    observation,
    origin: observation.origin,
    siblings: over.siblings ?? [observation],
    consumers: over.consumers ?? [],
    neighbours: over.neighbours ?? [],
    ...(over.place !== undefined ? { place: over.place } : {}),
    target: over.target ?? { secret: false, text: '30s' },
    stem: 'revert-production-us-key',
  };
}

/** The commands of a plan, in order. */
export const commands = (steps: ReadonlyArray<{ do: string; command?: string }>): string[] =>
  steps.flatMap((s) => (s.do === 'run' && s.command ? [s.command] : []));
