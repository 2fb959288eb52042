import aslValidator from 'asl-validator';
import type { CfnElement } from 'aws-cdk-lib';
import type { StateMachineDefinition } from 'aws-local-stepfunctions';
import type { InstallationStack } from '../../../lib/installation-stack';
import { concreteRefs, PSEUDO } from './concrete';
import { renderValue, resourcesOf } from './synth';

/** The installation's state machine definition as deployed (references made concrete), checked by asl-validator. */
export function runDefinition(stack: InstallationStack): StateMachineDefinition {
  const id = stack.getLogicalId(stack.auditor.run.stateMachine.node.defaultChild as CfnElement);
  const raw = resourcesOf(stack)[id]!.Properties.DefinitionString;
  const definition = JSON.parse(renderValue(raw, concreteRefs(stack), PSEUDO) as string) as StateMachineDefinition;
  const checked = aslValidator(structuredClone(definition));
  if (!checked.isValid) throw new Error(`asl-validator: ${checked.errorsText('\n')}`);
  return definition;
}
