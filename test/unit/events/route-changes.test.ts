import type { ChangeEvent } from '../../../lambdas/core/events/change-event';
import { routeChanges, type Touches } from '../../../lambdas/core/events/route-changes';
import { targetedRunInput, targetedRunName } from '../../../lambdas/core/events/targeted-run';
import { estateFrom } from '../../helpers/estate';

const CHECKOUT = estateFrom(`version: 1
name: checkout
environments:
  staging:
    sources:
      - ssm: { path: /staging/checkout/ }
  production:
    sources:
      - ssm: { path: /prod/checkout/ }
      - ecs: { cluster: prod, service: api }
`);
const BILLING = estateFrom(`version: 1
name: billing
environments:
  production:
    sources:
      - ssm: { path: /prod/billing/ }
`);

// The core's routing with a plain rule (the live kinds' own `touches` are tested with their adapter).
const touches: Touches = (change, source) =>
  (change.kind === 'ssm-parameter' && source.type === 'ssm' && change.names.some((n) => n.startsWith(source.path))) ||
  (change.kind === 'ecs-service' && source.type === 'ecs' && source.cluster === change.cluster && source.service === change.service);

const where = { account: '123456789012', region: 'us-east-1', time: '2026-12-04T02:00:00Z' };
const param = (name: string): ChangeEvent => ({ ...where, kind: 'ssm-parameter', names: [name] });

describe('routeChanges', () => {
  test('a burst for one environment is one run for that environment', () => {
    const burst = Array.from({ length: 10 }, (_, i) => param(`/prod/checkout/key${i}`));
    expect(routeChanges([CHECKOUT, BILLING], burst, touches)).toEqual({
      runs: [
        {
          estate: 'checkout',
          environments: ['production'],
          changes: 10,
          parameters: burst.map((c) => (c.kind === 'ssm-parameter' ? c.names[0] : '')).sort(),
        },
      ],
      dropped: 0,
    });
  });

  test('changes to several estates and environments: one run per estate, its environments sorted', () => {
    const changes: ChangeEvent[] = [
      param('/staging/checkout/a'),
      { ...where, kind: 'ecs-service', cluster: 'prod', service: 'api' },
      param('/prod/billing/rate'),
    ];
    expect(routeChanges([CHECKOUT, BILLING], changes, touches).runs).toEqual([
      { estate: 'billing', environments: ['production'], changes: 1, parameters: ['/prod/billing/rate'] },
      { estate: 'checkout', environments: ['production', 'staging'], changes: 2, parameters: ['/staging/checkout/a'] },
    ]);
  });

  test('changes to nothing declared start nothing and are counted as dropped', () => {
    const changes: ChangeEvent[] = [
      param('/prod/checkoutv2/a'),
      param('/other/x'),
      { ...where, kind: 'ecs-task-definition', family: 'api' },
    ];
    expect(routeChanges([CHECKOUT, BILLING], changes, touches)).toEqual({ runs: [], dropped: 3 });
  });
});

describe('targeted runs', () => {
  const at = new Date('2026-12-04T02:00:03.456Z');

  test('the input names the estate and its environments', () => {
    expect(targetedRunInput({ estate: 'checkout', environments: ['production'], changes: 2, parameters: ['/prod/checkout/a'] })).toEqual({
      targeted: { estates: { checkout: ['production'] }, parameters: ['/prod/checkout/a'], changes: 2 },
    });
  });

  test('the name is a valid, time-sortable run id, the same for the same batch in any order, another for another batch or estate', () => {
    const name = targetedRunName(at, 'checkout', ['m1', 'm2']);
    expect(name).toMatch(/^run-20261204T020003Z-ev-[0-9a-f]{12}$/);
    expect(name.length).toBeLessThanOrEqual(80);
    expect(targetedRunName(at, 'checkout', ['m2', 'm1'])).toBe(name);
    expect(targetedRunName(at, 'checkout', ['m1', 'm3'])).not.toBe(name);
    expect(targetedRunName(at, 'billing', ['m1', 'm2'])).not.toBe(name);
  });
});
