import { lambdaConfig, LambdaConfigError, slackSecretArn } from '../../lambdas/wiring/lambda-config';

const COMMON = {
  DRIFT_TABLE: 't',
  DRIFT_BUCKET: 'b',
  DRIFT_TOPIC_ARN: 'arn:aws:sns:us-east-1:1:t',
  DRIFT_FINGERPRINT_SECRET_ARN: 'arn:f',
  AWS_REGION: 'us-east-1',
};

describe('the functions read only the variables they need', () => {
  test('the common configuration does not need the Slack secret: only the notify function is given it', () => {
    expect(lambdaConfig(COMMON)).toEqual({
      table: 't',
      bucket: 'b',
      topicArn: 'arn:aws:sns:us-east-1:1:t',
      fingerprintSecretArn: 'arn:f',
      region: 'us-east-1',
    });
  });

  test('the notify function reads the Slack secret ARN, and names the variable when it is missing', () => {
    expect(slackSecretArn({ ...COMMON, DRIFT_SLACK_SECRET_ARN: 'arn:s' })).toBe('arn:s');
    expect(() => slackSecretArn(COMMON)).toThrow(LambdaConfigError);
    expect(() => slackSecretArn(COMMON)).toThrow('missing environment variable(s): DRIFT_SLACK_SECRET_ARN');
  });
});
