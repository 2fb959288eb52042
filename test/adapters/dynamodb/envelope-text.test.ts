import fc from 'fast-check';
import {
  decodeObservations,
  encodeObservations,
  encodeObservationsAsync,
  envelopeText,
  plainEnvelopeText,
} from '../../../lambdas/adapters/dynamodb/observation-codec';
import type { Observation, SourceLabel } from '../../../lambdas/core/model';
import { placedObservation, plainObservation } from '../../../lambdas/core/sources/observations';
import { observation } from './fixtures';

// The snapshot text's fast path (each source standing for its position while the text is written)
// against its reference (the observations copied with positions): the same text, on random snapshots.

const TYPES = ['ssm', 'dotenv', 'file'] as const;

const sourceArb: fc.Arbitrary<SourceLabel> = fc.record(
  { index: fc.nat(3), type: fc.constantFrom(...TYPES), label: fc.constantFrom('a', 'b', 'ssm /p/'), defaults: fc.boolean() },
  { requiredKeys: ['index', 'type', 'label'] },
);

const valueArb: fc.Arbitrary<Observation['value']> = fc.oneof(
  fc.record({ kind: fc.constant('text' as const), text: fc.string() }),
  fc.record({ kind: fc.constant('number' as const), number: fc.double({ noNaN: true, noDefaultInfinity: true }), text: fc.string() }),
  fc.record({ kind: fc.constant('boolean' as const), boolean: fc.boolean(), text: fc.string() }),
) as fc.Arbitrary<Observation['value']>;

/** Observations over a few source objects: some shared, some distinct objects spelt alike. */
const snapshotArb = fc
  .tuple(
    fc.array(sourceArb, { minLength: 1, maxLength: 4 }),
    fc.array(fc.tuple(fc.string(), valueArb, fc.nat(), fc.boolean()), { maxLength: 30 }),
  )
  .map(([sources, rows]) =>
    rows.map(([key, value, pick, copy]): Observation => {
      const shared = sources[pick % sources.length]!;
      const o = observation(key, value);
      return { ...o, origin: { ...o.origin, source: copy ? { ...shared } : shared } };
    }),
  );

/** Observations as the parsers make them (placedObservation): origins made on demand from a place shared by several. */
const placedArb = fc
  .tuple(
    fc.array(fc.tuple(sourceArb, fc.constantFrom('', 'env/prod.env:', 'prod.json#'), fc.option(fc.nat(9), { nil: undefined })), {
      minLength: 1,
      maxLength: 3,
    }),
    fc.array(fc.tuple(fc.string(), valueArb, fc.nat(), fc.oneof(fc.string(), fc.nat()), fc.boolean(), fc.boolean()), { maxLength: 30 }),
  )
  .map(([places, rows]) => {
    const made = places.map(([source, at, version]) => ({ source, at, ...(version === undefined ? {} : { version }) }));
    return rows.map(([key, value, pick, tail, ref, expanded]): Observation => {
      const o = placedObservation(key, key.toUpperCase(), value, made[pick % made.length]!, tail);
      if (ref) o.ref = { kind: 'ssm-parameter', target: `/p/${key}` };
      if (expanded) o.expandedInto = true;
      return o;
    });
  });

describe('envelopeText, the fast path of a snapshot text', () => {
  test('writes what the plain copy writes, and leaves every source as it was', () => {
    fc.assert(
      fc.property(snapshotArb, (observations) => {
        const before = observations.map((o) => ({ ...o.origin.source }));
        expect(envelopeText(observations)).toBe(plainEnvelopeText(observations));
        observations.forEach((o, i) => {
          expect(Object.keys(o.origin.source)).toEqual(Object.keys(before[i]!));
          expect('toJSON' in o.origin.source).toBe(false);
        });
      }),
    );
  });

  test('observations that make their origin when asked: the same text both ways, read back as the plain observations', () => {
    fc.assert(
      fc.property(placedArb, fc.boolean(), (observations, frozen) => {
        // A frozen source cannot stand in for its position: the plain way copies every observation.
        if (frozen) for (const o of observations) Object.freeze(o.origin.source);
        expect(envelopeText(observations)).toBe(plainEnvelopeText(observations));
        // Stored sources keep their identity only (index, type, label).
        const plain = observations.map((placed) => {
          const o = plainObservation(placed);
          const { index, type, label } = o.origin.source;
          return JSON.parse(JSON.stringify({ ...o, origin: { ...o.origin, source: { index, type, label } } })) as Observation;
        });
        expect(decodeObservations(encodeObservations(observations))).toStrictEqual(plain);
      }),
    );
  });

  test('a snapshot of many pieces, in any script: the same text, and the pooled bytes decode to the same observations', async () => {
    const source: SourceLabel = { index: 0, type: 'ssm', label: 'ssm /p/' };
    const texts = ['plain', 'café', 'naïve … “quoted”', 'emoji 🚀 and 漢字', 'line\nbreak', '"\\'];
    const observations = Array.from({ length: 2_500 }, (_, i) => {
      const o = observation(`key.${i}`, { kind: 'text', text: `${texts[i % texts.length]!} ${i}` });
      return { ...o, origin: { ...o.origin, source } };
    });
    expect(envelopeText(observations)).toBe(plainEnvelopeText(observations));
    // Twice: the second writes into the buffer the first gave back.
    for (const set of [observations, observations.slice(0, 1_200)]) {
      const chunks = await encodeObservationsAsync(set);
      expect(chunks).toEqual(encodeObservations(set));
      expect(decodeObservations(chunks)).toEqual(
        JSON.parse(plainEnvelopeText(set)).o.map((o: Observation) => ({ ...o, origin: { ...o.origin, source } })),
      );
    }
  });

  test('sources that cannot stand in (frozen, or with a toJSON of their own) take the plain way, the same text', () => {
    const frozen = Object.freeze({ index: 1, type: 'dotenv', label: '.env' } as const);
    const own = { index: 2, type: 'file', label: 'f', toJSON: () => 'mine' } as unknown as SourceLabel;
    for (const source of [frozen, own]) {
      const observations = [observation('a', { kind: 'text', text: '1' }), observation('b', { kind: 'text', text: '2' })].map((o, i) =>
        i ? { ...o, origin: { ...o.origin, source } } : o,
      );
      expect(envelopeText(observations)).toBe(plainEnvelopeText(observations));
      expect(decodeObservations(encodeObservations(observations))[1]!.origin.source).toEqual({
        index: source.index,
        type: source.type,
        label: source.label,
      });
    }
    expect((own as unknown as { toJSON: () => string }).toJSON()).toBe('mine');
  });
});
