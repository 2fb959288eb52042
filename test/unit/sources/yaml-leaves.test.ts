import fc from 'fast-check';
import { parseYamlWithPackage } from '../../../lambdas/core/sources/config-file';
import { eachLeaf } from '../../../lambdas/core/sources/flatten';
import { fastYamlLeaves } from '../../../lambdas/core/sources/yaml-fast';
import { yamlText } from './yaml-arbitraries';
import { nestedConfig } from './yaml-realistic';

type Leaf = [key: string, text: string, array?: readonly unknown[]];

/** The leaves of a whole parse (the reference), or its error. */
function wholeParse(text: string): { leaves: Leaf[] } | { error: string } {
  try {
    const leaves: Leaf[] = [];
    eachLeaf(parseYamlWithPackage(text, 'c.yaml'), (path, value, array) =>
      leaves.push(array ? [path.join('.'), value, array] : [path.join('.'), value]),
    );
    return { leaves };
  } catch (err) {
    return { error: String(err) };
  }
}

/** The streamed leaves agree with the whole parse wherever the stream does not give up; returns whether it read the text. */
function agrees(text: string, maxDepth?: number): boolean {
  const leaves: Leaf[] = [];
  const read = fastYamlLeaves(text, (key, value, array) => leaves.push(array ? [key, value, array] : [key, value]), maxDepth);
  if (read) expect(wholeParse(text)).toEqual({ leaves });
  return read;
}

describe('fastYamlLeaves', () => {
  // The reference warns on keys that are collections (`[a]: 1`), which the generator writes on purpose.
  beforeAll(() => jest.spyOn(process, 'emitWarning').mockImplementation(() => undefined));
  afterAll(() => jest.restoreAllMocks());

  it('gives the leaves a whole parse gives, or gives up (documents within and beyond its subset)', () => {
    let read = 0;
    fc.assert(
      fc.property(yamlText, (text) => {
        if (agrees(text)) read++;
      }),
      { numRuns: 1000 },
    );
    // Many generated texts are sequences, scalars or several documents at the top: read by the whole parse alone.
    expect(read).toBeGreaterThan(40);
  }, 120_000);

  it('never gives up on nested configuration files like the benchmark’s', () => {
    fc.assert(
      fc.property(nestedConfig, (text) => {
        expect(agrees(text)).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it('streams nested mappings and hands sequences and flow mappings on whole', () => {
    const text = 'db:\n  host: h\n  pool:\n    max: 10\nhosts:\n  - a\n  - {b: 1}\nflags: {on: true, off: ~}\nempty:\nnone: {}\n';
    expect(agrees(text)).toBe(true);
    const keys: string[] = [];
    fastYamlLeaves(text, (key) => keys.push(key));
    expect(keys).toEqual(['db.host', 'db.pool.max', 'hosts', 'flags.on', 'flags.off', 'empty']);
  });

  it('gives up where a walk of the built document would order or reject differently', () => {
    const giveUp = [
      'b: 1\n2: x\n', // an array-index key comes first in a built object
      'a: 1\na: 2\n', // a duplicate key
      '- a\n- b\n', // a root that is not a mapping
      'just text\n',
      'a: 1\n---\nb: 2\n', // two documents
      '__proto__: 1\n',
    ];
    for (const text of giveUp) expect([text, fastYamlLeaves(text, () => undefined)]).toEqual([text, false]);
  });

  it('leaves nesting deeper than maxDepth to the whole parse, which says how deep', () => {
    const nested = (depth: number): string =>
      Array.from({ length: depth }, (_, i) => `${' '.repeat(i)}k:\n`).join('') + `${' '.repeat(depth)}v: 1\n`;
    expect(agrees(nested(3), 4)).toBe(true);
    expect(agrees(nested(4), 4)).toBe(false);
    expect(fastYamlLeaves('a: [[[1]]]\n', () => undefined, 2)).toBe(false);
    expect(fastYamlLeaves('a: {b: {c: 1}}\n', () => undefined, 1)).toBe(false);
  });
});
