import { Stack } from 'aws-cdk-lib';
import { EventBus, Rule } from 'aws-cdk-lib/aws-events';
import { EventBus as EventBusTarget } from 'aws-cdk-lib/aws-events-targets';
import type { Construct } from 'constructs';
import { CHANGE_EVENT_PATTERNS } from './change-event-patterns';

/**
 * Rules that forward this account's change events, in the stack's region, to the installation's
 * default bus (its policy admits the account): one per pattern. A region other than the
 * installation's forwards across regions.
 */
export function forwardChangeEvents(scope: Construct, installationAccount: string, installationRegion: string | undefined): Rule[] {
  const stack = Stack.of(scope);
  const bus = EventBus.fromEventBusArn(
    scope,
    'InstallationBus',
    `arn:${stack.partition}:events:${installationRegion ?? stack.region}:${installationAccount}:event-bus/default`,
  );
  return Object.entries(CHANGE_EVENT_PATTERNS).map(
    ([name, eventPattern]) =>
      new Rule(scope, `Forward${name}`, {
        eventPattern,
        targets: [new EventBusTarget(bus)],
        description: `drift: ${name} → the installation`,
      }),
  );
}
