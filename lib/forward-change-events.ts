import { Stack, Token } from 'aws-cdk-lib';
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
  // A read role in the installation's own account and region: its events already reach the installation's
  // rules on this very bus, and a rule sending the bus's events back to itself would only loop them.
  const here = !Token.isUnresolved(stack.account) && !Token.isUnresolved(stack.region);
  if (here && stack.account === installationAccount && (installationRegion ?? stack.region) === stack.region) return [];
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
