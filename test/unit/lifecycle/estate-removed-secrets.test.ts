import { findingFactory } from '../../../lambdas/core/engine/finding-factory';
import { removedEstateTransitions } from '../../../lambdas/core/lifecycle/estate-removed';
import type { FindingState } from '../../../lambdas/core/lifecycle/model';
import type { Finding } from '../../../lambdas/core/model';
import { secretPolicy } from '../../../lambdas/core/sources/context';

const make = findingFactory('shop');
const state = (finding: Finding): FindingState => ({
  id: finding.id,
  estate: 'shop',
  episode: 1,
  status: 'open',
  firstSeen: '2026-11-01T02:00:00.000Z',
  openedRun: 'run-1',
  severity: finding.severity,
  contentHash: 'h',
  finding,
  lastChangedAt: '2026-11-01T02:00:00.000Z',
  version: 1,
});
const undeclared = (key: string, actual: string): FindingState =>
  state(
    make({
      kind: 'undeclared',
      severity: 'info',
      environment: 'prod',
      key,
      subject: key,
      actual,
      message: `${key} is set in prod (${actual}) but the baseline does not declare it`,
    }),
  );

describe('the resolutions of a removed estate, judged without its baseline (by name and content)', () => {
  const byName = secretPolicy(new Set());

  test.each([
    ['a key named like a secret', 'api.token', 'CANARYplain-token-value'],
    ['a value secret by its content', 'ci.access', 'ghp_CANARYgh0123456789abcdefghijklmnopqr'],
  ])('%s is resolved and logged without the value', (_, key, value) => {
    const [t] = removedEstateTransitions([undeclared(key, value)], 'run-9', '2026-11-27T02:00:00.000Z', byName);
    expect(t!.state).toMatchObject({ status: 'resolved', reason: 'estate removed', finding: { key, actual: '<secret>' } });
    expect(t!.event).toMatchObject({ event: 'resolved', finding: { key, kind: 'undeclared' } });
    expect(JSON.stringify(t)).not.toContain(value);
  });

  test('a plain value of a plain key is resolved as it was', () => {
    const [t] = removedEstateTransitions([undeclared('log.level', 'DEBUG')], 'run-9', '2026-11-27T02:00:00.000Z', byName);
    expect(t!.event!.finding).toMatchObject({
      actual: 'DEBUG',
      message: 'log.level is set in prod (DEBUG) but the baseline does not declare it',
    });
  });
});
