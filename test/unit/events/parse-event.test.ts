import { parseChangeEvent } from '../../../lambdas/core/events/parse-event';
import {
  ACCOUNT,
  deploymentStateChange,
  parameterChange,
  registerTaskDefinitionCall,
  REGION,
  serviceAction,
  updateServiceCall,
  updateServicePrimaryTaskSetCall,
} from '../../fixtures/change-events/events';

const where = { account: ACCOUNT, region: REGION };

describe('parseChangeEvent: the documented EventBridge bodies → what changed', () => {
  test.each([
    [
      'Parameter Store Change (hierarchical name)',
      parameterChange('/prod/checkout/timeout'),
      [{ kind: 'ssm-parameter', names: ['/prod/checkout/timeout'] }],
    ],
    [
      'Parameter Store Change (top-level name without a slash)',
      parameterChange('foo', { operation: 'Create' }),
      [{ kind: 'ssm-parameter', names: ['/foo'] }],
    ],
    [
      'Parameter Store Change (Delete)',
      parameterChange('/prod/old', { operation: 'Delete' }),
      [{ kind: 'ssm-parameter', names: ['/prod/old'] }],
    ],
    ['ECS Deployment State Change', deploymentStateChange('prod', 'api'), [{ kind: 'ecs-service', cluster: 'prod', service: 'api' }]],
    ['ECS Service Action', serviceAction('prod', 'api'), [{ kind: 'ecs-service', cluster: 'prod', service: 'api' }]],
    [
      'ECS Deployment State Change of an old-format service ARN: the service alone',
      { ...deploymentStateChange('prod', 'api'), resources: [`arn:aws:ecs:${REGION}:${ACCOUNT}:service/api`] },
      [{ kind: 'ecs-service', service: 'api' }],
    ],
    ['UpdateService via CloudTrail', updateServiceCall('prod', 'api'), [{ kind: 'ecs-service', cluster: 'prod', service: 'api' }]],
    [
      'UpdateServicePrimaryTaskSet via CloudTrail (a blue/green deployment)',
      updateServicePrimaryTaskSetCall('prod', 'api'),
      [{ kind: 'ecs-service', cluster: 'prod', service: 'api' }],
    ],
    [
      'UpdateService naming cluster and service by ARN',
      updateServiceCall(`arn:aws:ecs:${REGION}:${ACCOUNT}:cluster/prod`, `arn:aws:ecs:${REGION}:${ACCOUNT}:service/prod/api`),
      [{ kind: 'ecs-service', cluster: 'prod', service: 'api' }],
    ],
    [
      'UpdateService without a cluster: the default cluster',
      updateServiceCall(undefined, 'api'),
      [{ kind: 'ecs-service', cluster: 'default', service: 'api' }],
    ],
    ['RegisterTaskDefinition via CloudTrail', registerTaskDefinitionCall('api'), [{ kind: 'ecs-task-definition', family: 'api' }]],
  ])('%s', (_, body, changes) => {
    expect(parseChangeEvent(body)).toEqual(changes.map((c) => expect.objectContaining({ ...where, ...c })));
  });

  test('keeps the event time', () => {
    expect(parseChangeEvent(parameterChange('/prod/a', { time: '2026-12-04T02:13:00Z' }))[0]?.time).toBe('2026-12-04T02:13:00Z');
  });

  test.each([
    [
      'a failed call (errorCode)',
      { ...updateServiceCall('prod', 'api'), detail: { ...updateServiceCall('prod', 'api').detail, errorCode: 'AccessDenied' } },
    ],
    [
      'another CloudTrail call',
      { ...updateServiceCall('prod', 'api'), detail: { ...updateServiceCall('prod', 'api').detail, eventName: 'DescribeServices' } },
    ],
    ['another source', { ...parameterChange('/prod/a'), source: 'aws.ec2' }],
    ['no detail', { ...parameterChange('/prod/a'), detail: undefined }],
    ['no account', { ...parameterChange('/prod/a'), account: undefined }],
    ['not an object', 'Parameter Store Change'],
    ['null', null],
    ['a parameter label moved (no value changed)', parameterChange('/prod/a', { operation: 'LabelParameterVersion' })],
  ])('nothing for %s', (_, body) => {
    expect(parseChangeEvent(body)).toEqual([]);
  });
});
