import fc from 'fast-check';
import { parseYamlWithPackage } from '../../../lambdas/core/sources/k8s-manifest';
import { fastYamlDocuments } from '../../../lambdas/core/sources/yaml-fast';

/** The package's reading of a text, or its error: the reference the fast path must match. */
const reference = (text: string): unknown => {
  try {
    return { value: parseYamlWithPackage(text, 'x.yaml') };
  } catch (err) {
    return { error: String(err) };
  }
};

/** Key order made visible, so equality also holds it. */
const ordered = (v: unknown): unknown =>
  Array.isArray(v) ? v.map(ordered) : v !== null && typeof v === 'object' ? Object.entries(v).map(([k, x]) => [k, ordered(x)]) : v;

const scalar = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.constantFrom('a', 'env-00.json', '/env-00/app/', 'app', '1h', '8080', '1.5', 'true', '~', 'null', '-x', 'a.b/c'),
  },
  { weight: 2, arbitrary: fc.string({ maxLength: 6 }).map((s) => JSON.stringify(s)) },
  { weight: 2, arbitrary: fc.string({ maxLength: 6 }).map((s) => `'${s.replace(/'/g, "''")}'`) },
  // Outside the subset, or not YAML at all: the fast path must give up or agree.
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      '',
      'a b',
      'a:b',
      'x#',
      '[1]',
      '{}',
      '{a: 1}',
      '-',
      '__proto__',
      '<<',
      '&a x',
      '*a',
      '!t x',
      '"open',
      'a #c',
    ),
  },
);
/** A one-line flow sequence as a value: of scalars (read), or holding anything the scalars may be. */
const sequence = fc
  .tuple(fc.array(scalar, { maxLength: 3 }), fc.constantFrom(', ', ',', ' ,'), fc.constantFrom('', ' '))
  .map(([items, comma, pad]) => `[${pad}${items.join(comma)}${pad}]`);
const entry = fc
  .tuple(
    scalar,
    fc.constantFrom(': ', ': ', ': ', ':', ' : ', ':  '),
    fc.oneof({ weight: 3, arbitrary: scalar }, { weight: 1, arbitrary: sequence }),
  )
  .map(([k, colon, v]) => `${k}${colon}${v}`);
const flowMapping = fc
  .tuple(
    fc.array(entry, { maxLength: 4 }),
    fc.constantFrom(', ', ',', ' , '),
    fc.constantFrom('', ' '),
    fc.constantFrom('', '', '', ' # c', ',', '}', 'x'),
  )
  .map(([entries, comma, pad, tail]) => `{${pad}${entries.join(comma)}${pad}}${tail}`);

/** A flow mapping where a block value may stand: after a key, as a sequence item, or as a source entry is written. */
const text = fc
  .tuple(flowMapping, fc.constantFrom('k: %\n', '- %\n', 'sources:\n  - file: %\n  - dotenv: %\n', 'a:\n  b: %\n  c: 1\n'))
  .map(([m, shape]) => shape.replace(/%/g, m));

describe('fastYamlDocuments on one-line flow mappings', () => {
  it('gives what the yaml package gives, or gives up', () => {
    let read = 0;
    fc.assert(
      fc.property(text, (t) => {
        const fast = fastYamlDocuments(t);
        if (fast === undefined) return;
        read++;
        expect(ordered(reference(t))).toEqual(ordered({ value: fast }));
      }),
      { numRuns: 2000 },
    );
    expect(read).toBeGreaterThan(300);
  });

  it('reads the mappings estate files are written with', () => {
    const estate =
      'environments:\n  dev:\n    sources:\n      - file:   { from: config/dev.yml }\n      - ssm: { path: /dev/app/, from: "dev-ssm.json" }  # c\nkeys:\n  a.b: { type: duration, max: 1h }\n';
    expect(fastYamlDocuments(estate)).toEqual([
      {
        environments: { dev: { sources: [{ file: { from: 'config/dev.yml' } }, { ssm: { path: '/dev/app/', from: 'dev-ssm.json' } }] } },
        keys: { 'a.b': { type: 'duration', max: '1h' } },
      },
    ]);
  });

  it('reads a flow sequence of scalars as a value, as the example estate writes an enum', () => {
    expect(fastYamlDocuments('log.level: { enum: [DEBUG, INFO, WARN, ERROR], value: INFO }\n')).toEqual([
      { 'log.level': { enum: ['DEBUG', 'INFO', 'WARN', 'ERROR'], value: 'INFO' } },
    ]);
  });

  it('gives up on duplicate and prototype keys, nesting, and what does not close on its line', () => {
    for (const t of [
      'k: { a: 1, a: 2 }\n',
      'k: { __proto__: 1 }\n',
      'k: { <<: 1 }\n',
      'k: { a: { b: 1 } }\n',
      'k: { a: [b, [c]] }\n',
      'k: { a: [b}\n',
      'k: { a: 1\n',
      'k: { a: 1, }\n',
      'k: { a }\n',
    ]) {
      expect([t, fastYamlDocuments(t)]).toEqual([t, undefined]);
    }
  });
});
