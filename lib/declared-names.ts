import { no, ok, type Checked } from './aws-identifiers';
import { REGION_SHAPE } from '../lambdas/core/aws-identifier-shapes';

// Every name an estate declares ends up inside an IAM ARN or a Kubernetes manifest. None may carry a
// wildcard or anything else those formats read specially: each is checked once, where its kind's
// access is declared (lambdas/adapters/live/KIND/KIND-access.ts), and the grants, the cdk-nag acknowledgements
// and the RBAC file are built from the checked values only.

export { eksCluster, k8sNamespace, k8sWorkload } from '../lambdas/adapters/live/eks/eks-names';

export const region = (v: string): Checked => (REGION_SHAPE.test(v) ? ok(v) : no('is not an AWS region (e.g. eu-west-1)'));
