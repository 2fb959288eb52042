import type { Stack } from 'aws-cdk-lib';
import { ACCOUNT, REGION } from './estates';
import { resourcesOf, type RefText } from './synth';

export const PSEUDO = { 'AWS::Partition': 'aws', 'AWS::AccountId': ACCOUNT, 'AWS::Region': REGION, 'AWS::URLSuffix': 'amazonaws.com' };

/** References written as the ARNs (or names, URLs) the deployed resources would have, from their types. */
export function concreteRefs(stack: Stack): RefText {
  const types = Object.fromEntries(Object.entries(resourcesOf(stack)).map(([id, r]) => [id, r.Type]));
  const at = `${REGION}:${ACCOUNT}`;
  return (id, attr) => {
    const name = id.toLowerCase();
    switch (types[id]) {
      case 'AWS::DynamoDB::Table':
        return attr === 'Ref' ? id : `arn:aws:dynamodb:${at}:table/${id}`;
      case 'AWS::S3::Bucket':
        return attr === 'Ref' ? name : `arn:aws:s3:::${name}`;
      case 'AWS::SNS::Topic':
        return `arn:aws:sns:${at}:${id}`;
      case 'AWS::SecretsManager::Secret':
        return `arn:aws:secretsmanager:${at}:secret:${id}-AbCdEf`;
      case 'AWS::KMS::Key':
        return `arn:aws:kms:${at}:key/${id}`;
      case 'AWS::SQS::Queue':
        return attr === 'Ref'
          ? `https://sqs.${REGION}.amazonaws.com/${ACCOUNT}/${id}`
          : attr === 'QueueName'
            ? id
            : `arn:aws:sqs:${at}:${id}`;
      case 'AWS::Lambda::Function':
        return attr === 'Ref' ? id : `arn:aws:lambda:${at}:function:${id}`;
      case 'AWS::StepFunctions::StateMachine':
        return `arn:aws:states:${at}:stateMachine:${id}`;
      case 'AWS::IAM::Role':
        return attr === 'Ref' ? id : `arn:aws:iam::${ACCOUNT}:role/${id}`;
      case 'AWS::CloudWatch::Alarm':
        return `arn:aws:cloudwatch:${at}:alarm:${id}`;
      case 'AWS::Scheduler::ScheduleGroup':
        return attr === 'Ref' ? id : `arn:aws:scheduler:${at}:schedule-group/${id}`;
      default:
        throw new Error(`no concrete form for ${id} (${types[id]}) ${attr}`);
    }
  };
}
