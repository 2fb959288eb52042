import { planAdopt } from '../../../lambdas/core/adopt/plan-adopt';
import { effectiveConfig } from '../../../lambdas/core/engine/effective-config';
import type { EnvironmentSnapshot } from '../../../lambdas/core/model';
import { estateFrom, estateYaml, snapshot } from '../../helpers/estate';

const estate = (spec: string) =>
  estateFrom(estateYaml(['us', 'eu'], `baseline:\n  undeclared: ignore\n  keys:\n    api.timeout: ${spec}\n`));
const eu: EnvironmentSnapshot = snapshot('eu', { values: { 'api.timeout': '30' } });

describe('adopt --everywhere of a value the baseline already expects everywhere', () => {
  it('leaves alone a key whose value already is the running one, written another way (30s is 30)', () => {
    const plan = planAdopt(estate('{ type: duration, value: 30s }'), effectiveConfig(eu), ['api.timeout'], {
      skipExpected: true,
      everywhere: true,
    });
    expect(plan).toEqual({ ok: true, adoptions: [], alreadyExpected: ['api.timeout'] });
  });

  it('adopts where the value everywhere differs, though the environment’s own value is the running one', () => {
    const plan = planAdopt(estate('{ type: duration, value: 10s, values: { eu: 30s } }'), effectiveConfig(eu), ['api.timeout'], {
      skipExpected: true,
      everywhere: true,
    });
    expect(plan).toMatchObject({ ok: true, adoptions: [{ key: 'api.timeout', text: '30' }], alreadyExpected: [] });
  });

  it('adopts where the environment’s own value differs, though the value everywhere is the running one', () => {
    const plan = planAdopt(estate('{ type: duration, value: 30s, values: { eu: 60s } }'), effectiveConfig(eu), ['api.timeout'], {
      skipExpected: true,
      everywhere: true,
    });
    expect(plan).toMatchObject({ ok: true, adoptions: [{ key: 'api.timeout', text: '30' }], alreadyExpected: [] });
  });
});
