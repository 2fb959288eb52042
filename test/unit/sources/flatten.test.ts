import { SourceInputError } from '../../../lambdas/core/sources/errors';
import { flatten } from '../../../lambdas/core/sources/flatten';

const deepMapping = (depth: number): unknown => {
  let doc: unknown = 'leaf';
  for (let i = 0; i < depth; i++) doc = { a: doc };
  return doc;
};

describe('flatten', () => {
  it.each([
    [
      'nested mappings',
      { database: { pool_size: 20, host: 'db' } },
      [
        { path: ['database', 'pool_size'], value: '20' },
        { path: ['database', 'host'], value: 'db' },
      ],
    ],
    [
      'scalars as written',
      { n: 1.5, t: true, f: false, z: 0, s: '007' },
      [
        { path: ['n'], value: '1.5' },
        { path: ['t'], value: 'true' },
        { path: ['f'], value: 'false' },
        { path: ['z'], value: '0' },
        { path: ['s'], value: '007' },
      ],
    ],
    ['null as empty', { a: null }, [{ path: ['a'], value: '' }]],
    [
      'arrays as JSON text',
      { hosts: ['a', 'b'], mixed: [1, { x: null }] },
      [
        { path: ['hosts'], value: '["a","b"]' },
        { path: ['mixed'], value: '[1,{"x":null}]' },
      ],
    ],
    ['empty mappings contribute nothing', { a: {}, b: 'x' }, [{ path: ['b'], value: 'x' }]],
    ['dotted keys stay one segment', { 'db.timeout': '10s' }, [{ path: ['db.timeout'], value: '10s' }]],
  ])('%s', (_name, doc, expected) => {
    expect(flatten(doc)).toEqual(expected);
  });

  it('keeps document order', () => {
    const doc = { z: 1, a: { c: 2, b: 3 }, m: 4 };
    expect(flatten(doc).map((e) => e.path.join('.'))).toEqual(['z', 'a.c', 'a.b', 'm']);
  });

  it('keeps control characters as they are', () => {
    expect(flatten({ a: 'x\u0007\u001b[31my\n' })).toEqual([{ path: ['a'], value: 'x\u0007\u001b[31my\n' }]);
  });

  it('reads an empty document as nothing', () => {
    expect(flatten(null)).toEqual([]);
    expect(flatten(undefined)).toEqual([]);
  });

  it.each([
    ['a list', ['a']],
    ['a scalar', 'text'],
    ['a number', 3],
  ])('refuses %s at the top level', (_n, doc) => {
    expect(() => flatten(doc)).toThrow(SourceInputError);
  });

  it('accepts nesting up to maxDepth and refuses deeper', () => {
    expect(flatten(deepMapping(64))).toHaveLength(1);
    expect(() => flatten(deepMapping(65))).toThrow(/deeper than 64/);
    expect(() => flatten(deepMapping(4), 3)).toThrow(SourceInputError);
  });

  it('refuses a 100,000-deep mapping without overflowing the stack', () => {
    expect(() => flatten(deepMapping(100_000))).toThrow(SourceInputError);
  });

  it('refuses a 100,000-deep array without overflowing the stack', () => {
    let arr: unknown = [];
    for (let i = 0; i < 100_000; i++) arr = [arr];
    expect(() => flatten({ a: arr })).toThrow(SourceInputError);
  });

  it('flattens a wide document whole, in order', () => {
    const doc: Record<string, unknown> = {};
    for (let i = 0; i < 100_000; i++) doc[`k${i}`] = { v: i };
    const leaves = flatten(doc);
    expect(leaves).toHaveLength(100_000);
    expect([leaves[0], leaves[99_999]]).toEqual([
      { path: ['k0', 'v'], value: '0' },
      { path: ['k99999', 'v'], value: '99999' },
    ]);
  });
});
