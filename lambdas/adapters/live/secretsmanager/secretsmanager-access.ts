import type { SpecOf } from '../../../core/source-kinds/registry';
import { parseSecretArn, secretResourceArn } from '../../../core/sources/secretsmanager-arn';
import { viaServiceNames } from '../../../core/aws-partition';
import { oneOrMany, sorted } from '../checked';
import type { FieldProblem, GrantContext, KindAccess, ReadScope } from '../kind-access';

/** One declared secret, read live in its region and account (the installation's where not declared). */
export interface SecretsManagerRead extends ReadScope {
  secretId: string;
}

/** The declared secrets as IAM resources: exactly each secret, a name with its random suffix `-??????`. */
const secretArns = (reads: SecretsManagerRead[], w: GrantContext): string[] =>
  sorted(
    reads.map((r) =>
      secretResourceArn(r.secretId, { partition: w.partition, region: r.region ?? w.region, account: r.account ?? w.account }),
    ),
  );

/** An ARN of another region than the source reads in would be asked of the wrong endpoint. */
function problems(spec: SpecOf<'secretsmanager'>, env: { region?: string }): FieldProblem[] {
  const arn = parseSecretArn(spec.secretId);
  const region = spec.region ?? env.region;
  if (spec.from || !arn || !region || arn.region === region) return [];
  return [{ field: 'secretId', message: `is in ${arn.region}, but the source is read in ${region}` }];
}

/**
 * Secrets Manager: GetSecretValue on exactly the declared secrets (the collector makes no other
 * call: CreatedDate of the version read says when it changed), and kms:Decrypt only through Secrets
 * Manager, for secrets encrypted with a customer managed key (the default aws/secretsmanager key needs no grant).
 */
export const secretsManagerAccess: KindAccess<SpecOf<'secretsmanager'>, SecretsManagerRead> = {
  calls: ['secretsmanager:GetSecretValue', 'kms:Decrypt'],
  problems,
  read: (spec, scope) => {
    if (spec.from) return undefined;
    const arn = parseSecretArn(spec.secretId);
    return { ...scope, ...(arn ? { region: arn.region, account: arn.account } : {}), secretId: spec.secretId };
  },
  key: (r) => `${r.account ?? ''}:${r.region ?? ''}:${r.secretId}`,
  grants: (reads, w) => [
    { sid: 'ReadDeclaredSecrets', actions: ['secretsmanager:GetSecretValue'], resources: secretArns(reads, w) },
    {
      sid: 'DecryptSecretsViaSecretsManager',
      actions: ['kms:Decrypt'],
      resources: ['*'],
      conditions: {
        StringEquals: {
          'kms:ViaService': oneOrMany(sorted(reads.flatMap((r) => viaServiceNames('secretsmanager', r.region ?? w.region)))),
        },
      },
    },
  ],
  // `-??????` stands for exactly six characters, the random suffix: only `*` is a wildcard to justify.
  wildcards: () => ['*'],
  wildcardReason:
    'kms:Decrypt on * is limited by kms:ViaService to Secrets Manager, which decrypts only the secrets GetSecretValue allows ' +
    '(a customer managed key is not known before the secret is read)',
};
