import { CfnOutput, Duration, Stack, Token, type StackProps } from 'aws-cdk-lib';
import { AccountPrincipal, Role } from 'aws-cdk-lib/aws-iam';
import type { Construct } from 'constructs';
import { DEFAULT_READER_ROLE_NAME } from './drift-auditor';
import { addClusterAccessEntries } from './eks-access';
import { DRIFT_K8S_GROUP, renderRbac } from './eks-rbac';
import { forwardChangeEvents } from './forward-change-events';
import { eksClusterArn, readsWhere, type KindReads } from './read-access';
import { acknowledge } from './nag';
import { partitionIn } from './partition';
import { READ_WILDCARDS_REASON, readStatements, readWildcardFindings } from './read-statements';

/** The member environments' live reads by kind (`ssm`, `ecs`, `eks`, …): this role is granted exactly these. */
export interface MemberReadRoleStackProps extends StackProps, Partial<KindReads> {
  /** The tooling account the installation runs in. */
  installationAccount: string;
  /** The installation's snapshot role name (`readerRoleName`): the only principal trusted. */
  installationRoleName?: string;
  /** This role's name, as the estates' `roleArn` spells it. */
  roleName: string;
  /** Its IAM path (`/platform/`), as the `roleArn` spells it: the installation assumes exactly that ARN. Default `/`. */
  rolePath?: string;
  /** Buckets holding ECS environment files; `s3:GetObject` only if given. */
  envFileBuckets?: string[];
  /** The Kubernetes group the role is mapped to on each declared cluster. */
  kubernetesGroup?: string;
  /** The installation's region, whose default bus receives this account's change events (default: this stack's). */
  installationRegion?: string;
}

/** Deployed in each member account: the read-only role the installation assumes, and its EKS access entries. */
export class MemberReadRoleStack extends Stack {
  readonly role: Role;
  /** The Role/RoleBinding the cluster owners apply (also a stack output). */
  readonly rbacYaml: string;

  constructor(scope: Construct, id: string, props: MemberReadRoleStackProps) {
    super(scope, id, { description: 'drift: the read-only role a drift installation assumes in this account', ...props });
    const installationRole = `arn:${this.partition}:iam::${props.installationAccount}:role/${props.installationRoleName ?? DEFAULT_READER_ROLE_NAME}`;
    const reads = { ...readsWhere(props), envFileBuckets: props.envFileBuckets };
    const statements = readStatements(reads, this.account, this.region);
    this.role = new Role(this, 'ReadRole', {
      roleName: props.roleName,
      path: props.rolePath,
      description: 'drift: read-only access to the declared SSM paths, ECS services and EKS clusters',
      // Trusting the account with a condition on the exact role (rather than the role as principal)
      // lets this stack be deployed before the installation exists, and survive its re-creation.
      assumedBy: new AccountPrincipal(props.installationAccount).withConditions({ ArnEquals: { 'aws:PrincipalArn': installationRole } }),
      maxSessionDuration: Duration.hours(1),
    });
    // Added to the role's own policy, not as an inline document: CDK moves what IAM's 10,240 inline
    // characters cannot hold into managed policies, so a large estate's role still deploys.
    for (const s of statements) this.role.addToPrincipalPolicy(s);

    const group = props.kubernetesGroup ?? DRIFT_K8S_GROUP;
    addClusterAccessEntries(this, reads.eks, this.role.roleArn, group);
    if (statements.length) {
      const account = Token.isUnresolved(this.account) ? '<AWS::AccountId>' : this.account;
      const region = Token.isUnresolved(this.region) ? '<AWS::Region>' : this.region;
      acknowledge(this.role, 'AwsSolutions-IAM5', READ_WILDCARDS_REASON, readWildcardFindings(reads, account, region));
    }
    this.rbacYaml = renderRbac(reads.eks, group);
    if (this.rbacYaml)
      new CfnOutput(this, 'ClusterOwnerRbac', {
        value: `apply the Role/RoleBinding in cdk.out/drift-eks-rbac.yaml on: ${[...new Set(reads.eks.map((r) => eksClusterArn(r, { partition: partitionIn(this.region), account: this.account, region: this.region })))].join(', ')}`,
      });
    new CfnOutput(this, 'ReadRoleArn', { value: this.role.roleArn });

    // This account's change events go to the installation's default bus (its policy admits this account).
    forwardChangeEvents(this, props.installationAccount, props.installationRegion);
  }
}
