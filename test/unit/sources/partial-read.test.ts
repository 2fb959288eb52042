import type { Observation, SourceSnapshot } from '../../../lambdas/core/model';
import { standOnStored } from '../../../lambdas/core/sources/partial-read';

const label = { type: 'ssm', label: 'ssm /p/', index: 0 } as unknown as SourceSnapshot['source'];
const obs = (name: string, value: string, modifiedAt?: string): Observation => ({
  key: name,
  rawKey: `/p/${name}`,
  value: { kind: 'text', text: value } as Observation['value'],
  origin: { source: label, location: `/p/${name}`, ...(modifiedAt ? { modifiedAt } : {}) },
});
const read = (observations: Observation[], locations: string[], observedAt: string): SourceSnapshot => ({
  source: label,
  observations,
  dangling: [],
  errors: [],
  observedAt,
  partial: { locations },
});
const values = (s: SourceSnapshot): string[] => s.observations.map((o) => `${o.key}=${(o.value as { text: string }).text}`);

describe('a targeted read stood on the store’s current snapshot', () => {
  test('a full read is left as it is', () => {
    const full = { ...read([obs('a', '1')], [], '2026-12-04T02:00:10Z'), partial: undefined };
    expect(standOnStored(full, { hash: 'h', observedAt: '2026-12-04T02:00:00Z', observations: [] })).toBe(full);
  });

  test('stored before the read: the read’s places are the read’s, everything else the store’s (what an overlapping run read is kept)', () => {
    // The collector merged `b` into the snapshot stored when it read (a=1); another run stored a=2 since.
    const ours = read([obs('a', '1'), obs('b', '2')], ['/p/b', '/p/gone'], '2026-12-04T02:00:10Z');
    const stored = { hash: 'h2', observedAt: '2026-12-04T02:00:05Z', observations: [obs('a', '2'), obs('b', '1'), obs('gone', 'x')] };
    const stood = standOnStored(ours, stored);
    expect(values(stood)).toEqual(['a=2', 'b=2']);
    // What it found gone is remembered with the save, at the read's time.
    expect(stood.partial).toEqual({ locations: ['/p/b', '/p/gone'], base: 'h2', gone: { '/p/gone': '2026-12-04T02:00:10Z' } });
    expect(stood.observedAt).toBe('2026-12-04T02:00:10Z');
  });

  test('stored after the read: each place it read keeps the state modified last; one it found gone stays gone unless recreated after', () => {
    const ours = read(
      [obs('a', 'ours', '2026-12-04T02:00:01Z'), obs('b', 'ours', '2026-12-04T02:00:03Z')],
      ['/p/a', '/p/b', '/p/c', '/p/d'],
      '2026-12-04T02:00:10Z',
    );
    const stored = {
      hash: 'h3',
      observedAt: '2026-12-04T02:00:20Z',
      observations: [
        obs('a', 'theirs', '2026-12-04T02:00:15Z'),
        obs('b', 'theirs', '2026-12-04T01:00:00Z'),
        obs('c', 'before-deleted', '2026-12-04T01:00:00Z'),
        obs('d', 'recreated', '2026-12-04T02:00:12Z'),
        obs('e', 'other', '2026-12-04T01:00:00Z'),
      ],
    };
    const stood = standOnStored(ours, stored);
    expect(values(stood)).toEqual(['a=theirs', 'b=ours', 'd=recreated', 'e=other']);
    expect(stood.observedAt).toBe('2026-12-04T02:00:20Z');
    expect(stood.partial?.base).toBe('h3');
  });

  test('stored after the read, without a place it read: gone when a full read or a read by name found it gone after, kept otherwise', () => {
    // It read `c` (created at 02:00:01) and `d` at 02:00:10; the stored snapshot, observed at 02:00:20, has neither.
    const ours = read(
      [obs('c', 'ours', '2026-12-04T02:00:01Z'), obs('d', 'ours', '2026-12-04T02:00:02Z')],
      ['/p/c', '/p/d'],
      '2026-12-04T02:00:10Z',
    );
    const base = { hash: 'h5', observedAt: '2026-12-04T02:00:20Z', observations: [obs('e', 'other', '2026-12-04T01:00:00Z')] };
    // Another targeted run read `c` by name at 02:00:20 and found it gone; it did not read `d`.
    const byName = standOnStored(ours, { ...base, gone: { '/p/c': '2026-12-04T02:00:20Z', '/p/old': '2026-12-02T00:00:00Z' } });
    expect(values(byName)).toEqual(['d=ours', 'e=other']);
    // Still gone for the next run; one found gone days ago is forgotten.
    expect(byName.partial?.gone).toEqual({ '/p/c': '2026-12-04T02:00:20Z' });
    // A run that read neither (a burst's other batch): both kept.
    expect(values(standOnStored(ours, { ...base, gone: {} }))).toEqual(['c=ours', 'd=ours', 'e=other']);
    // A full read (nightly) at 02:00:20 observed every place there was: both gone.
    expect(values(standOnStored(ours, base))).toEqual(['e=other']);
  });

  test('stored after the read, with a value that says no modification time: unchanged (the audit carries it as the older read)', () => {
    const ours = read([obs('a', 'ours')], ['/p/a'], '2026-12-04T02:00:10Z');
    const stored = { hash: 'h4', observedAt: '2026-12-04T02:00:20Z', observations: [obs('a', 'theirs')] };
    expect(standOnStored(ours, stored)).toBe(ours);
  });
});
