import { RemovalPolicy, SecretValue, Stack } from 'aws-cdk-lib';
import { AnyPrincipal, ArnPrincipal, Effect, Grant, PolicyStatement, type IGrantable, type IRole } from 'aws-cdk-lib/aws-iam';
import { Secret, type ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import { NOT_CONFIGURED } from '../lambdas/adapters/secrets-manager';
import { acknowledge } from './nag';
import { viaServiceIn } from './partition';
import { Construct } from 'constructs';

/** The installation's secrets, by the name a function's access names them. */
export type SecretName = 'fingerprintKey' | 'slackWebhook' | 'ticketsToken';

export interface InstallationSecretsProps {
  /** An existing secret holding the Slack webhook URL; else one is created with a placeholder to replace after deploying. */
  slackWebhookSecretArn?: string;
  /** With a ticket subscriber: its tracker token, in an existing secret (`secretArn`) or one created with a placeholder. */
  ticketsToken?: { secretArn?: string };
}

/**
 * The value a created secret starts with, until a person puts the real one (readers say "not configured yet").
 * Never change it: CloudFormation writes SecretString again when its value in the template changes, over the pasted one.
 */
const PLACEHOLDER = NOT_CONFIGURED;

/** The Slack webhook secret, the fingerprint key and, with a ticket subscriber, the tracker token. */
export class InstallationSecrets extends Construct {
  readonly slackWebhook: ISecret;
  readonly fingerprintKey: Secret;
  readonly ticketsToken?: ISecret;
  /** Secrets given by ARN: their key may be a customer-managed one, which a reader must be allowed to decrypt with. */
  private readonly existing = new Set<ISecret>();

  constructor(scope: Construct, id: string, props: InstallationSecretsProps) {
    super(scope, id);
    this.slackWebhook = this.pastedIn(
      'SlackWebhook',
      props.slackWebhookSecretArn,
      'drift: the Slack incoming-webhook URL for the digest (replace the placeholder after deploying)',
      'A Slack incoming-webhook URL cannot be rotated by a Lambda: it is re-issued in Slack and pasted in by a person.',
    );
    if (props.ticketsToken) {
      this.ticketsToken = this.pastedIn(
        'TicketsToken',
        props.ticketsToken.secretArn,
        'drift: the issue tracker token for tickets (GitHub: a token; Jira: EMAIL:API_TOKEN; replace the placeholder after deploying)',
        'A GitHub or Jira API token cannot be rotated by a Lambda: it is issued in the tracker and pasted in by a person.',
      );
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

  /**
   * An existing secret, or one created with the placeholder: Secrets Manager has no empty secret, and
   * the placeholder is not secret, so it may sit in the template. A person pastes the real value in.
   */
  private pastedIn(id: string, existingArn: string | undefined, description: string, whyNotRotated: string): ISecret {
    if (existingArn) {
      const existing = Secret.fromSecretCompleteArn(this, id, existingArn);
      this.existing.add(existing);
      return existing;
    }
    const created = new Secret(this, id, {
      description,
      secretStringValue: SecretValue.unsafePlainText(PLACEHOLDER),
      // It holds what a person pasted in: a construct moved or a context removed must not delete it.
      removalPolicy: RemovalPolicy.RETAIN,
    });
    acknowledge(created, 'AwsSolutions-SMG4', whyNotRotated);
    return created;
  }

  /** Lets `grantee` read a secret's value: GetSecretValue, the one call drift's readers make (not DescribeSecret). */
  grantValueRead(name: SecretName, grantee: IGrantable): Grant {
    const secret = this[name];
    if (!secret) throw new Error(`the installation has no ${name} secret: a function that reads it needs the context that creates it`);
    const grant = Grant.addToPrincipal({ grantee, actions: ['secretsmanager:GetSecretValue'], resourceArns: [secret.secretArn] });
    if (this.existing.has(secret)) {
      // Its key is not known here: any key, but only through Secrets Manager and only for this secret.
      grantee.grantPrincipal.addToPrincipalPolicy(
        new PolicyStatement({
          actions: ['kms:Decrypt'],
          resources: ['*'],
          conditions: {
            StringEquals: {
              'kms:ViaService': viaServiceIn('secretsmanager', Stack.of(this).region),
              'kms:EncryptionContext:SecretARN': secret.secretArn,
            },
          },
        }),
      );
      if (Construct.isConstruct(grantee.grantPrincipal))
        acknowledge(
          grantee.grantPrincipal,
          'AwsSolutions-IAM5',
          'A secret given by ARN may be encrypted with a customer-managed key drift cannot name: kms:Decrypt on any key, only through Secrets Manager and only for that secret (kms:EncryptionContext:SecretARN).',
          ['Resource::*'],
        );
    }
    return grant;
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
