import { Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { addClusterAccessEntries } from './eks-access';
import { DRIFT_K8S_GROUP } from './eks-rbac';
import { forwardChangeEvents } from './forward-change-events';
import type { EksRead } from './read-access';

export interface ReadRegionStackProps extends StackProps {
  /** The role drift reads with in this account: a member's read role, or the installation's snapshot role (IAM is global). */
  roleArn: string;
  /** The clusters read in this region: each gets an access entry for the role. */
  eks: readonly EksRead[];
  installationAccount: string;
  installationRegion?: string;
  kubernetesGroup?: string;
}

/**
 * drift's part in one more region of an account: access entries and event rules are regional
 * resources, so an account whose environments span regions gets one of these per extra region —
 * a member (`DriftMemberRead-{account}-{role}-{region}`, after its role's stack) or the
 * installation's own account (`DriftInstallation-{region}`, after the installation).
 */
export class ReadRegionStack extends Stack {
  constructor(scope: Construct, id: string, props: ReadRegionStackProps) {
    super(scope, id, {
      description: 'drift: a member account’s EKS access entries and change-event forwarding in one more region',
      ...props,
    });
    addClusterAccessEntries(this, props.eks, props.roleArn, props.kubernetesGroup ?? DRIFT_K8S_GROUP);
    forwardChangeEvents(this, props.installationAccount, props.installationRegion);
  }
}
