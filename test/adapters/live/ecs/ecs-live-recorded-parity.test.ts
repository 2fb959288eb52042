import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ApplicationAutoScalingClient, DescribeScalableTargetsCommand } from '@aws-sdk/client-application-auto-scaling';
import { DescribeServicesCommand, DescribeTaskDefinitionCommand, ECSClient } from '@aws-sdk/client-ecs';
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { EcsCollector } from '../../../../lambdas/adapters/live/ecs/ecs-collector';
import { unlimited } from '../../../../lambdas/adapters/live/limit';
import { MemoryTaskDefinitionCache } from '../../../../lambdas/adapters/live/ecs/task-definition-cache';
import { parseEcs } from '../../../../lambdas/core/sources/ecs';
import type { SourceParseResult } from '../../../../lambdas/core/sources/result';
import { testContext, testLabel } from '../../../helpers/context';
import { body, realClients } from './fixtures';

const DIR = path.join(__dirname, '../../../../examples/exports/production-eu');
const read = (file: string): string => readFileSync(path.join(DIR, file), 'utf8');
const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:\d\d)$/;
/** The recorded JSON as the SDK would hand it over: the CLI's ISO dates are Date objects there. */
const asSdk = <T>(file: string): T =>
  JSON.parse(read(file), (_k, v: unknown) => (typeof v === 'string' && ISO.test(v) ? new Date(v) : v)) as T;

/** What parity compares: each key's raw spelling, value and reference, in order; not where it came from. */
const comparable = (r: SourceParseResult): unknown[] => r.observations.map(({ key, rawKey, value, ref }) => ({ key, rawKey, value, ref }));

it('a live snapshot and the recorded snapshot of the same objects agree on every key and value', async () => {
  const ecs = mockClient(ECSClient);
  const autoscaling = mockClient(ApplicationAutoScalingClient);
  const s3 = mockClient(S3Client);
  ecs.on(DescribeServicesCommand).resolves(asSdk('service.json'));
  ecs.on(DescribeTaskDefinitionCommand).resolves(asSdk('taskdef.json'));
  autoscaling.on(DescribeScalableTargetsCommand).resolves(asSdk('scalable-targets.json'));
  s3.on(GetObjectCommand, { Bucket: 'checkout-config-eu', Key: 'production-eu/checkout.env' }).callsFake(() => ({
    Body: body(read('checkout.env')),
  }));

  const ctx = testContext(testLabel('ecs'));
  const collector = new EcsCollector({ ...realClients(), taskDefinitions: new MemoryTaskDefinitionCache(), limit: unlimited });
  const live = await collector.collect({ cluster: 'checkout-eu', service: 'checkout-api', container: 'api' }, ctx);

  const documents = ['taskdef.json', 'service.json', 'scalable-targets.json'].map((file) => ({
    file,
    json: JSON.parse(read(file)) as unknown,
  }));
  const recorded = parseEcs({ documents, envFiles: [{ file: 'checkout.env', text: read('checkout.env') }] }, { container: 'api' }, ctx);

  expect(live.errors).toEqual([]);
  expect(recorded.errors).toEqual([]);
  expect(live.observations.length).toBeGreaterThan(15);
  expect(comparable(live)).toEqual(comparable(recorded));
  expect(live.observations.map((o) => o.key)).toEqual(
    expect.arrayContaining(['feature.search.v2.enabled', 'db.password', 'runtime.autoscaling.enabled']),
  );
  ecs.restore();
  autoscaling.restore();
  s3.restore();
});
