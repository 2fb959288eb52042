import { Validations } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

/**
 * Acknowledges a cdk-nag rule on a construct and everything under it (cdk-nag 3 reads CDK's
 * acknowledged-rules metadata). With `findings`, only those granular findings are acknowledged
 * (`AwsSolutions-IAM5[Resource::*]`), the v3 form of v2's `appliesTo`.
 */
export function acknowledge(scope: IConstruct, rule: string, reason: string, findings?: string[]): void {
  const ids = findings?.length ? findings.map((f) => `${rule}[${f}]`) : [rule];
  for (const id of ids) Validations.of(scope).acknowledge({ id, reason });
}
