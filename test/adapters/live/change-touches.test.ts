import { changeTouches, LIVE_ROUTING } from '../../../lambdas/adapters/live/change-touches';
import { LIVE } from '../../../lambdas/adapters/live/live-kinds';
import type { ChangeEvent } from '../../../lambdas/core/events/change-event';
import { estateFrom } from '../../helpers/estate';

const HOME = { account: '123456789012', region: 'us-east-1' };
const estate = estateFrom(`version: 1
name: shop
environments:
  prod:
    sources:
      - ssm: { path: /prod }
      - ecs: { cluster: prod, service: api }
      - ecs: { cluster: "arn:aws:ecs:us-east-1:123456789012:cluster/blue", service: "arn:aws:ecs:us-east-1:123456789012:service/blue/web" }
      - eks: { cluster: prod-eks, namespace: shop, workload: api }
  eu:
    account: "222222222222"
    region: eu-west-1
    roleArn: arn:aws:iam::222222222222:role/drift-read
    sources:
      - ssm: { path: /prod/, region: eu-central-1 }
`);
const touches = changeTouches(HOME);
const touched = (change: ChangeEvent): string[] =>
  estate.environments.flatMap((env) => env.sources.filter((s) => touches(change, s, env)).map((s) => `${env.name}:${s.type}`));
const at = { ...HOME, time: '2026-12-04T02:00:00Z' };

describe('changeTouches: each live kind says which changes concern its declared reads', () => {
  test('ssm: a parameter under the declared path (always read as ending in /), in its account and region', () => {
    expect(touched({ ...at, kind: 'ssm-parameter', names: ['/prod/db/timeout'] })).toEqual(['prod:ssm']);
    expect(touched({ ...at, kind: 'ssm-parameter', names: ['/production/db/timeout'] })).toEqual([]);
    expect(touched({ ...at, kind: 'ssm-parameter', names: ['/prod'] })).toEqual([]);
    // The source's own region wins over the environment's.
    expect(touched({ ...at, account: '222222222222', region: 'eu-central-1', kind: 'ssm-parameter', names: ['/prod/a'] })).toEqual([
      'eu:ssm',
    ]);
    expect(touched({ ...at, account: '222222222222', region: 'eu-west-1', kind: 'ssm-parameter', names: ['/prod/a'] })).toEqual([]);
  });

  test('ecs: the declared cluster and service (a declared ARN normalised), not another cluster’s service of the same name', () => {
    expect(touched({ ...at, kind: 'ecs-service', cluster: 'prod', service: 'api' })).toEqual(['prod:ecs']);
    expect(touched({ ...at, kind: 'ecs-service', cluster: 'blue', service: 'web' })).toEqual(['prod:ecs']);
    expect(touched({ ...at, kind: 'ecs-service', cluster: 'staging', service: 'api' })).toEqual([]);
    expect(touched({ ...at, account: '999999999999', kind: 'ecs-service', cluster: 'prod', service: 'api' })).toEqual([]);
  });

  test('an environment that names only its roleArn is read in the role’s account: its changes concern it, the installation’s do not', () => {
    const member = estateFrom(`version: 1
name: shop
environments:
  eu:
    region: eu-west-1
    roleArn: arn:aws:iam::222222222222:role/platform/drift-read
    sources:
      - ssm: { path: /prod/ }
      - ecs: { cluster: prod, service: api }
`);
    const hits = (change: ChangeEvent) =>
      member.environments.flatMap((env) => env.sources.filter((s) => touches(change, s, env)).map((s) => s.type));
    const eu = { ...at, region: 'eu-west-1' };
    expect(hits({ ...eu, account: '222222222222', kind: 'ssm-parameter', names: ['/prod/a'] })).toEqual(['ssm']);
    expect(hits({ ...eu, account: '222222222222', kind: 'ecs-service', cluster: 'prod', service: 'api' })).toEqual(['ecs']);
    expect(hits({ ...eu, kind: 'ssm-parameter', names: ['/prod/a'] })).toEqual([]);
  });

  test('a new task-definition revision and EKS (no change events) concern nothing: the nightly run audits them', () => {
    expect(touched({ ...at, kind: 'ecs-task-definition', family: 'api' })).toEqual([]);
  });

  test('routing uses each live kind’s own access and touches (kept apart from its readers and clients)', () => {
    for (const { type, live } of LIVE) {
      const routing: { access: unknown; touches?: unknown } = LIVE_ROUTING[type];
      expect({ type, sameAccess: routing.access === live.access, sameTouches: routing.touches === live.touches }).toEqual({
        type,
        sameAccess: true,
        sameTouches: true,
      });
    }
  });
});
