import { adoptedText } from '../../../lambdas/core/adopt/adopted-text';
import type { Adoption } from '../../../lambdas/core/adopt/plan-adopt';
import { inferKey } from '../../../lambdas/core/init/infer-key';
import { renderBaseline } from '../../../lambdas/core/init/render-baseline';
import { textValue } from '../../../lambdas/core/values/value';

const ENVS = ['staging', 'prod'].map((name) => ({ name }));
// The baseline `drift init` writes where both environments run the same values.
const INIT = renderBaseline(
  [
    inferKey(
      'db.pool.size',
      ENVS.map((env) => ({ env, value: textValue('20') })),
    ),
    inferKey(
      'log.level',
      ENVS.map((env) => ({ env, value: textValue('INFO') })),
    ),
  ],
  '2026-12-01',
);
const lineOf = (text: string, key: string): string => text.split('\n').find((l) => l.trimStart().startsWith(`${key}:`))!;
const adoption = (environment: string, key: string, text: string): Adoption => ({
  environment,
  key,
  text,
  secret: false,
  shown: text,
  declared: true,
  environmentValue: false,
});

describe("adopting one environment's value into a key drift init found the same everywhere", () => {
  beforeAll(() => expect(lineOf(INIT, 'db.pool.size')).toMatch(/# same in every environment$/));

  it('no longer says the key is the same in every environment', () => {
    const text = adoptedText(INIT, 'inline', [adoption('prod', 'db.pool.size', '25')], { as: 'value', everywhere: false });
    expect(lineOf(text, 'db.pool.size')).toContain('prod: 25');
    expect(lineOf(text, 'db.pool.size')).not.toMatch(/same in every environment/);
    expect(lineOf(text, 'db.pool.size')).toMatch(/\}$/);
    // Every other line stays as it was.
    expect(text.split('\n').filter((l) => !l.includes('db.pool.size'))).toEqual(
      INIT.split('\n').filter((l) => !l.includes('db.pool.size')),
    );
  });

  it('keeps saying so where the value is adopted everywhere', () => {
    const text = adoptedText(INIT, 'inline', [adoption('prod', 'db.pool.size', '25')], { as: 'value', everywhere: true });
    expect(lineOf(text, 'db.pool.size')).toMatch(/value: 25.*# same in every environment$/);
  });

  it("leaves a comment of the team's own", () => {
    const own = INIT.replace(/# same in every environment$/m, '# INC-2231: keep at 20 until the pool is resized');
    const text = adoptedText(own, 'inline', [adoption('prod', 'db.pool.size', '25')], { as: 'value', everywhere: false });
    expect(lineOf(text, 'db.pool.size')).toMatch(/prod: 25 \} \}\s+# INC-2231: keep at 20 until the pool is resized$/);
  });
});

describe('adopting a value everywhere into a key drift init found differing', () => {
  const parity = [{ name: 'all', environments: ['staging', 'prod'] }];
  const differing = renderBaseline(
    [
      inferKey(
        'pool.size',
        [
          { env: ENVS[0]!, value: textValue('10') },
          { env: ENVS[1]!, value: textValue('12') },
        ],
        parity,
      ),
    ],
    '2026-12-01',
  );
  beforeAll(() => expect(lineOf(differing, 'pool.size')).toMatch(/# differs: staging 10, prod 12$/));

  it('no longer says the environments differ: the baseline now expects one value of them all', () => {
    const text = adoptedText(differing, 'inline', [adoption('staging', 'pool.size', '10')], { as: 'value', everywhere: true });
    expect(lineOf(text, 'pool.size')).toMatch(/value: 10 \}$/);
    expect(text.split('\n').filter((l) => !l.includes('pool.size'))).toEqual(differing.split('\n').filter((l) => !l.includes('pool.size')));
  });

  it("keeps it where one environment's own value is adopted", () => {
    const text = adoptedText(differing, 'inline', [adoption('prod', 'pool.size', '12')], { as: 'value', everywhere: false });
    expect(lineOf(text, 'pool.size')).toMatch(/prod: 12 \} \}\s+# differs: staging 10, prod 12$/);
  });
});
