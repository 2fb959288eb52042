/** An AWS region name: `eu-west-1`, `us-gov-west-1`, `ap-southeast-3`, `eusc-de-east-1` (European Sovereign Cloud). */
export const REGION_SHAPE = /^[a-z]{2,4}(-[a-z]+)+-\d{1,2}$/;

/** An AWS account id: exactly 12 digits, leading zeros kept. */
export const ACCOUNT_ID_SHAPE = /^\d{12}$/;

/**
 * An SSM parameter ARN, `arn:aws:ssm:eu-west-1:123456789012:parameter/a/b`: groups are the region, the account
 * (either may be empty) and what follows `parameter`: `/a/b` for the hierarchical `/a/b`, `/name` for a top-level `name`.
 */
export const SSM_PARAMETER_ARN_SHAPE = /^arn:aws[a-z-]*:ssm:([^:]*):([^:]*):parameter(\/.+)$/;

/**
 * An IAM role ARN, `arn:aws:iam::123456789012:role/path/name`: groups are the account, the path and the name. A path's
 * parts may hold any printable ASCII character but `/` (IAM's rule), a name only letters, digits and `+=,.@_-`.
 */
export const ROLE_ARN_SHAPE = /^arn:aws[a-z-]*:iam::(\d{12}):role(\/(?:[!-.0-~]+\/)*)([\w+=,.@-]{1,64})$/;
