import { effectiveConfig, layersOf } from '../../../lambdas/core/engine/effective-config';
import type { Observation, Placeholder, SourceSnapshot } from '../../../lambdas/core/model';
import { displayValue, type Value } from '../../../lambdas/core/values/value';
import { source } from '../../helpers/estate';

const text = (t: string): Value => ({ kind: 'text', text: t });
type Set = [key: string, value: string, placeholder?: Placeholder];

/** A source that sets keys in order; a third element makes the value a placeholder. */
function sourceOf(index: number, sets: Set[]): SourceSnapshot {
  const s = source(index, {});
  s.observations = sets.map(([key, value, placeholder], i): Observation => ({
    key,
    rawKey: key,
    value: text(value),
    origin: { source: s.source, location: `#${index}:${i}` },
    ...(placeholder && { placeholder }),
  }));
  return s;
}

const config = (...sources: SourceSnapshot[]) => effectiveConfig({ environment: 'e', sources });
const shown = (c: ReturnType<typeof config>, key: string) => {
  const v = c.entries.get(key)?.value;
  return v && displayValue(v);
};

// application.yml's `db.timeout: ${DB_TIMEOUT:10s}` and `db.host: ${DB_HOST}`.
const TIMEOUT: Set = ['db.timeout', '${DB_TIMEOUT:10s}', { name: 'DB_TIMEOUT', key: 'db.timeout', fallback: text('10s') }];
const HOST: Set = ['db.host', '${DB_HOST}', { name: 'DB_HOST', key: 'db.host' }];

describe('placeholders of a configuration file', () => {
  test('a placeholder of its own key runs what a source below sets for it, and hides no layer', () => {
    const c = config(sourceOf(0, [['db.timeout', '60s']]), sourceOf(1, [TIMEOUT]));
    expect(shown(c, 'db.timeout')).toBe('60s');
    expect(c.entries.get('db.timeout')?.origin.location).toBe('#0:0');
    expect(layersOf(c, 'db.timeout')).toHaveLength(1);
  });

  test('set by a source above it, the variable wins and the placeholder is no hidden layer', () => {
    const c = config(sourceOf(0, [HOST]), sourceOf(1, [['db.host', 'db.prod']]));
    expect(shown(c, 'db.host')).toBe('db.prod');
    expect(c.overridden.has('db.host')).toBe(false);
  });

  test('nothing sets it: the default runs; without one the key refers to nothing', () => {
    const c = config(sourceOf(0, [TIMEOUT, HOST]));
    expect(shown(c, 'db.timeout')).toBe('10s');
    expect(c.entries.get('db.host')?.value).toEqual({ kind: 'opaque', reason: '${DB_HOST} is not set' });
    expect(c.dangling.map((d) => [d.key, d.target])).toEqual([['db.host', '${DB_HOST}']]);
  });

  test("a placeholder of another key takes that key's value, from where it is set, and marks it taken in", () => {
    const url: Set = [
      'spring.datasource.url',
      '${DATABASE_URL:jdbc:h2:mem:db}',
      {
        name: 'DATABASE_URL',
        key: 'database.url',
        fallback: text('jdbc:h2:mem:db'),
      },
    ];
    const c = config(sourceOf(0, [url]), sourceOf(1, [['database.url', 'jdbc:postgresql://db/app']]));
    expect(shown(c, 'spring.datasource.url')).toBe('jdbc:postgresql://db/app');
    expect(c.resolvedFrom.get('spring.datasource.url')?.location).toBe('#1:0');
    expect(c.entries.get('database.url')?.expandedInto).toBe(true);
    expect(shown(config(sourceOf(0, [url])), 'spring.datasource.url')).toBe('jdbc:h2:mem:db');
  });

  test('a chain of placeholders resolves through; a loop stops at the default of the placeholder that closes it', () => {
    const chain = config(
      sourceOf(0, [
        ['a.url', '${B_URL}', { name: 'B_URL', key: 'b.url' }],
        ['b.url', '${C_URL}', { name: 'C_URL', key: 'c.url' }],
        ['c.url', 'http://c'],
      ]),
    );
    expect([shown(chain, 'a.url'), shown(chain, 'b.url')]).toEqual(['http://c', 'http://c']);
    const loop = config(
      sourceOf(0, [
        ['a', '${B:1}', { name: 'B', key: 'b', fallback: text('1') }],
        ['b', '${A:2}', { name: 'A', key: 'a', fallback: text('2') }],
      ]),
    );
    // a takes b, b would take a again: b runs its own default, and a takes that.
    expect([shown(loop, 'a'), shown(loop, 'b')]).toEqual(['2', '2']);
  });

  test('a plain value taken by a secret-named key is a secret there, never shown', () => {
    const key: Set = ['app.secret.key', '${APP_KEY}', { name: 'APP_KEY', key: 'app.key' }];
    const c = effectiveConfig(
      { environment: 'e', sources: [sourceOf(0, [key]), sourceOf(1, [['app.key', 'CANARY-plain-9f8e']])] },
      undefined,
      (k) => k.includes('secret'),
    );
    expect(JSON.stringify(c.entries.get('app.secret.key'))).not.toContain('CANARY');
    expect(c.entries.get('app.secret.key')?.value).toMatchObject({ kind: 'opaque', secret: true });
  });
});
