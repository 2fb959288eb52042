import { createRequire } from 'node:module';
import { keepingStore } from '../../../lambdas/adapters/dynamodb/engine-actions';

const engineDb = createRequire(require.resolve('dynalite'))('./db') as { create: unknown };

describe('keepingStore', () => {
  test("keeps the store dynalite makes, and leaves dynalite's own store maker as it was", () => {
    const create = engineDb.create;
    const made = { made: true };
    const { started, store } = keepingStore(() => {
      expect(engineDb.create).not.toBe(create);
      // What dynalite does while it starts: makes its store (in memory, here) through db.create.
      return (engineDb.create as (o: unknown) => unknown)({}) && made;
    });
    expect(started).toBe(made);
    expect(store).toBeDefined();
    expect(engineDb.create).toBe(create);
  });

  test('a start that makes no store, or fails, is refused and still restores the maker', () => {
    const create = engineDb.create;
    expect(() => keepingStore(() => 1)).toThrow('the embedded engine made no store');
    expect(() =>
      keepingStore(() => {
        throw new Error('no port');
      }),
    ).toThrow('no port');
    expect(engineDb.create).toBe(create);
  });
});
