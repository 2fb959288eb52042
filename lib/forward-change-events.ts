import { createHash } from 'node:crypto';
import { Stack, Token } from 'aws-cdk-lib';
import { EventBus, Rule } from 'aws-cdk-lib/aws-events';
import { EventBus as EventBusTarget } from 'aws-cdk-lib/aws-events-targets';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
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
  // Named, so the role's trust can name exactly them; per stack, as two installations may read one account.
  const stackHash = createHash('sha256').update(stack.stackName).digest('hex').slice(0, 8);
  const names = Object.keys(CHANGE_EVENT_PATTERNS).map((name) => `drift-forward-${stackHash}-${name}`);
  const role = new Role(scope, 'ForwardChangeEventsRole', {
    // Confused-deputy protection: EventBridge may assume this role only for these rules.
    assumedBy: new ServicePrincipal('events.amazonaws.com').withConditions({
      StringEquals: {
        'aws:SourceAccount': stack.account,
        'aws:SourceArn': names.map((n) => `arn:${stack.partition}:events:${stack.region}:${stack.account}:rule/${n}`),
      },
    }),
    description: 'drift: forwards change events to the installation',
  });
  return Object.entries(CHANGE_EVENT_PATTERNS).map(
    ([name, eventPattern], i) =>
      new Rule(scope, `Forward${name}`, {
        ruleName: names[i],
        eventPattern,
        targets: [new EventBusTarget(bus, { role })],
        description: `drift: ${name} → the installation`,
      }),
  );
}
