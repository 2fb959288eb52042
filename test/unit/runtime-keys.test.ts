import { comparisonType } from '../../lambdas/core/engine/equality';
import { RUNTIME_KEYS, runtimeKeyType } from '../../lambdas/core/runtime-keys';

describe('runtimeKeyType', () => {
  it('gives each reserved runtime key its built-in type', () => {
    for (const [key, type] of Object.entries(RUNTIME_KEYS)) expect(runtimeKeyType(key)).toBe(type);
  });

  it('gives no type to keys named like Object.prototype members', () => {
    for (const key of ['constructor', 'toString', '__proto__', 'hasOwnProperty']) expect(runtimeKeyType(key)).toBeUndefined();
  });

  it('lets a key named constructor be compared by what its values look like', () => {
    const text = (t: string) => ({ kind: 'text' as const, text: t });
    expect(comparisonType('constructor', undefined, [text('30'), text('030')])).toBe('number');
  });
});
