import { RemovalPolicy, SecretValue } from 'aws-cdk-lib';
import { AnyPrincipal, ArnPrincipal, Effect, Grant, PolicyStatement, type IGrantable, type IRole } from 'aws-cdk-lib/aws-iam';
import { Secret, type ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import { acknowledge } from './nag';
import { Construct } from 'constructs';

/** The installation's secrets, by the name a function's access names them. */
export type SecretName = 'fingerprintKey' | 'slackWebhook';

export interface InstallationSecretsProps {
  /** An existing secret holding the Slack webhook URL; else one is created with a placeholder to replace after deploying. */
  slackWebhookSecretArn?: string;
}

/** The Slack webhook secret and the fingerprint key. */
export class InstallationSecrets extends Construct {
  readonly slackWebhook: ISecret;
  readonly fingerprintKey: Secret;

  constructor(scope: Construct, id: string, props: InstallationSecretsProps) {
    super(scope, id);
    if (props.slackWebhookSecretArn) {
      this.slackWebhook = Secret.fromSecretCompleteArn(this, 'SlackWebhook', props.slackWebhookSecretArn);
    } else {
      // Secrets Manager has no empty secret; the notifier reads a value without an https URL as
      // "not configured yet" and says so. The placeholder is not secret, so it may sit in the template.
      const created = new Secret(this, 'SlackWebhook', {
        description: 'drift: the Slack incoming-webhook URL for the digest (replace the placeholder after deploying)',
        secretStringValue: SecretValue.unsafePlainText('not-configured'),
      });
      acknowledge(
        created,
        'AwsSolutions-SMG4',
        'A Slack incoming-webhook URL cannot be rotated by a Lambda: it is re-issued in Slack and pasted in by a person.',
      );
      this.slackWebhook = created;
    }

    this.fingerprintKey = new Secret(this, 'FingerprintKey', {
      description:
        'drift: the HMAC key secrets are fingerprinted with (base64). Never rotate or delete it: every secret would look changed.',
      // 64 characters of [A-Za-z0-9] are valid base64 (48 bytes, ~380 bits of entropy); drift decodes hex or base64.
      generateSecretString: { passwordLength: 64, excludePunctuation: true, includeSpace: false, requireEachIncludedType: false },
      removalPolicy: RemovalPolicy.RETAIN,
    });
    acknowledge(
      this.fingerprintKey,
      'AwsSolutions-SMG4',
      'Rotating the fingerprint key would make every stored secret fingerprint look changed; it is a stable HMAC key by design.',
    );
  }

  /** Lets `grantee` read a secret's value: GetSecretValue, the one call drift's readers make (not DescribeSecret). */
  grantValueRead(name: SecretName, grantee: IGrantable): Grant {
    return Grant.addToPrincipal({ grantee, actions: ['secretsmanager:GetSecretValue'], resourceArns: [this[name].secretArn] });
  }

  /**
   * Lets only `readers` read the fingerprint key: its resource policy denies GetSecretValue to every
   * other principal, so a broad `secretsmanager:GetSecretValue` grant elsewhere in the account (an
   * admin or CI role) cannot read the key that keeps fingerprints from being guessed offline.
   */
  onlyReadBy(readers: IRole[]): void {
    const arns = readers.map((r) => r.roleArn);
    this.fingerprintKey.addToResourcePolicy(
      new PolicyStatement({
        sid: 'DriftFunctionsRead',
        actions: ['secretsmanager:GetSecretValue'],
        principals: readers.map((r) => new ArnPrincipal(r.roleArn)),
        resources: ['*'],
      }),
    );
    this.fingerprintKey.addToResourcePolicy(
      new PolicyStatement({
        sid: 'NobodyElseReads',
        effect: Effect.DENY,
        actions: ['secretsmanager:GetSecretValue'],
        principals: [new AnyPrincipal()],
        resources: ['*'],
        conditions: { StringNotEquals: { 'aws:PrincipalArn': arns } },
      }),
    );
  }
}
