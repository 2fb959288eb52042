import { AssumeRoleCommand, STSClient, STSServiceException } from '@aws-sdk/client-sts';
import { mockClient } from 'aws-sdk-client-mock';
import { MemoryTaskDefinitionCache } from '../../../lambdas/adapters/live/ecs/task-definition-cache';
import { LiveSourceCollector } from '../../../lambdas/adapters/live/live-collector';
import { LimiterRegistry } from '../../../lambdas/adapters/live/rate-limiter';
import type { EnvironmentSpec, SourceSpec } from '../../../lambdas/core/estate/model';
import { sourceLabel } from '../../../lambdas/core/estate/source-label';
import { AwsClientFactory } from '../../../lambdas/wiring/aws-clients';
import { testContext } from '../../helpers/context';

// The tooling account's own credentials, read when a client first resolves them.
process.env.AWS_ACCESS_KEY_ID = 'AKIDTOOLING';
process.env.AWS_SECRET_ACCESS_KEY = 'tooling-secret';

const sts = mockClient(STSClient);
const ROLE = 'arn:aws:iam::222222222222:role/drift-read';

/** What STS answers when the role does not exist yet (its member stack is not deployed), or does not trust the caller. */
const denied = new STSServiceException({
  name: 'AccessDenied',
  $fault: 'client',
  $metadata: { httpStatusCode: 403 },
  message: `User: arn:aws:sts::111111111111:assumed-role/drift-snapshot-reader/s is not authorized to perform: sts:AssumeRole on resource: ${ROLE}`,
});

const SOURCES = [
  { type: 'ssm', index: 0, path: '/prod/api/' },
  { type: 'ecs', index: 1, cluster: 'prod', service: 'api', container: 'api' },
  { type: 'eks', index: 2, cluster: 'prod', namespace: 'api', workload: 'api' },
  { type: 'appconfig', index: 3, application: 'abc1234', environment: 'abc1235', profile: 'abc1236' },
  { type: 'secretsmanager', index: 4, secretId: 'prod/api' },
] as SourceSpec[];

describe("a member environment whose read role cannot be assumed (the first night, before the member's stack is deployed)", () => {
  test.each(SOURCES.map((s) => [s.type, s] as const))(
    '%s: the source-error says the read role could not be assumed, not that the service call was refused',
    async (_type, spec) => {
      sts.reset();
      sts.on(AssumeRoleCommand).rejects(denied);
      const aws = new AwsClientFactory();
      const collector = new LiveSourceCollector(
        { collect: () => Promise.reject(new Error('no recorded sources here')) },
        {
          clients: (target) => aws.for(target),
          limiters: new LimiterRegistry(),
          previous: async () => undefined,
          taskDefinitions: new MemoryTaskDefinitionCache(),
          now: () => new Date('2026-11-24T02:00:00Z'),
          kube: () => {
            throw new Error('the API server is never reached without the cluster');
          },
        },
      );
      const env: EnvironmentSpec = { name: 'prod', region: 'eu-west-1', account: '222222222222', roleArn: ROLE, sources: [spec] };
      const label = sourceLabel(spec);
      const snapshot = await collector.collect(spec, label, testContext(label), env);
      aws.destroy();

      expect(snapshot.observations).toEqual([]);
      expect(snapshot.errors.length).toBeGreaterThan(0);
      for (const error of snapshot.errors) {
        expect(error).toContain(`the read role ${ROLE} could not be assumed (AccessDenied)`);
        // What to do about it: the member account's stack makes the role and its trust.
        expect(error).toContain('DriftMemberRead');
      }
    },
  );
});
