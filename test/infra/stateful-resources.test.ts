import { Template } from 'aws-cdk-lib/assertions';
import { ACCOUNT, REGION } from './support/estates';
import { buildWith, SKIP_BUNDLING } from './support/synth';

/**
 * The logical IDs of what holds data or a person's work. CloudFormation replaces a resource whose
 * logical ID changes: a refactor that moves one of these constructs would create a new, empty table,
 * bucket, key or secret (and, without Retain, delete the old one with its contents). Change an entry
 * here only together with a migration (`cdk refactor`, or `cdk import` of the retained resource).
 */
const STATEFUL: Record<string, string> = {
  DriftStoreTableE042B351: 'AWS::DynamoDB::Table',
  DriftEstatesBucket78DC4523: 'AWS::S3::Bucket',
  DriftEstatesAccessLogs14181A26: 'AWS::S3::Bucket',
  DriftKey6FCB7E7B: 'AWS::KMS::Key',
  DriftSecretsFingerprintKeyDF1B4F96: 'AWS::SecretsManager::Secret',
  DriftSecretsSlackWebhookC2556E25: 'AWS::SecretsManager::Secret',
  DriftSecretsTicketsTokenB4CC8FA8: 'AWS::SecretsManager::Secret',
};
const STATEFUL_TYPES = new Set(Object.values(STATEFUL));

type Resource = { Type: string; DeletionPolicy?: string; UpdateReplacePolicy?: string };

describe('stateful resources (an installation with a ticket subscriber and created secrets)', () => {
  let resources: Record<string, Resource>;
  beforeAll(async () => {
    const { installation } = await buildWith(
      { ...SKIP_BUNDLING, estates: 'examples/live/drift.yaml', tickets: 'github:acme/platform' },
      { account: ACCOUNT, region: REGION },
    );
    resources = (Template.fromStack(installation).toJSON() as { Resources: Record<string, Resource> }).Resources;
  });

  test('keep their logical IDs: none is renamed, and no other resource of their types appears', () => {
    const found = Object.fromEntries(
      Object.entries(resources)
        .filter(([, r]) => STATEFUL_TYPES.has(r.Type))
        .map(([id, r]) => [id, r.Type]),
    );
    expect(found).toEqual(STATEFUL);
  });

  test.each(Object.keys(STATEFUL))('%s survives its stack: Retain on delete and on replacement', (id) => {
    expect(resources[id]).toMatchObject({ DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
  });
});
