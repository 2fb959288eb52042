import { effectiveConfig, layersOf } from '../../../lambdas/core/engine/effective-config';
import type { Observation, SourceSnapshot } from '../../../lambdas/core/model';
import { source } from '../../helpers/estate';

/** A source that sets keys in the order given, repeats included. */
function sourceOf(index: number, sets: Array<[string, string]>): SourceSnapshot {
  const s = source(index, {});
  s.observations = sets.map(([key, text], i): Observation => ({
    key,
    rawKey: key,
    value: { kind: 'text', text },
    origin: { source: s.source, location: `#${index}:${i}` },
  }));
  return s;
}

const locations = (obs: Observation[]): string[] => obs.map((o) => o.origin.location);

describe('effectiveConfig', () => {
  it('lets the later of a key repeated inside one source win silently, with no layer', () => {
    const c = effectiveConfig({
      environment: 'e',
      sources: [
        sourceOf(0, [
          ['a', '1'],
          ['b', '2'],
          ['a', '3'],
        ]),
      ],
    });
    expect(c.entries.get('a')?.origin.location).toBe('#0:2');
    expect(c.overridden.size).toBe(0);
    expect(layersOf(c, 'a')).toHaveLength(1);
  });

  it("records one layer per lower source, each that source's own winner", () => {
    const c = effectiveConfig({
      environment: 'e',
      // Given out of order: precedence is the source index, not the list position.
      sources: [
        sourceOf(2, [
          ['a', '5'],
          ['a', '6'],
        ]),
        sourceOf(0, [
          ['a', '1'],
          ['a', '2'],
        ]),
        sourceOf(1, [['b', '3']]),
      ],
    });
    expect(locations(layersOf(c, 'a'))).toEqual(['#0:1', '#2:1']);
    expect(locations(layersOf(c, 'b'))).toEqual(['#1:0']);
    expect(c.sources.map((s) => s.source.index)).toEqual([0, 1, 2]);
  });
});
