import { Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { addClusterAccessEntries } from './eks-access';
import { DRIFT_K8S_GROUP } from './eks-rbac';
import { forwardChangeEvents } from './forward-change-events';
import type { EksRead } from './read-access';

export interface MemberRegionStackProps extends StackProps {
  /** The member's read role (created by its MemberReadRoleStack, in another region: IAM is global). */
  roleArn: string;
  /** The clusters read in this region: each gets an access entry for the role. */
  eks: readonly EksRead[];
  installationAccount: string;
  installationRegion?: string;
  kubernetesGroup?: string;
}

/**
 * A member account's part in a region other than its read role stack's: access entries and event
 * rules are regional resources, so a member whose environments span regions gets one of these per
 * extra region (`DriftMemberRead-{account}-{role}-{region}`), deployed after the role's stack.
 */
export class MemberRegionStack extends Stack {
  constructor(scope: Construct, id: string, props: MemberRegionStackProps) {
    super(scope, id, {
      description: 'drift: a member account’s EKS access entries and change-event forwarding in one more region',
      ...props,
    });
    addClusterAccessEntries(this, props.eks, props.roleArn, props.kubernetesGroup ?? DRIFT_K8S_GROUP);
    forwardChangeEvents(this, props.installationAccount, props.installationRegion);
  }
}
