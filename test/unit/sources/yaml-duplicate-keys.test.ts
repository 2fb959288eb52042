import { configFileBytesObservations } from '../../../lambdas/core/sources/config-file';
import type { SourceParseResult } from '../../../lambdas/core/sources/result';
import { testContext } from '../../helpers/context';

// YAML requires a mapping's keys to be unique, and Spring Boot (SnakeYAML), js-yaml and Go's yaml.v3 refuse a file that
// writes one twice: the application would not start. drift read the last value silently (the yaml package is run with
// uniqueKeys off, which is quadratic); the file is now a source error naming the key and its lines, its values kept.
const ctx = testContext();
const CANARY = 'CANARY-s3cr3t-7f1e';
const TAIL = 'YAML requires unique keys and most loaders refuse the file';

const read = (text: string, profiles?: readonly string[]): SourceParseResult =>
  configFileBytesObservations(new TextEncoder().encode(text), 'c/a.yaml', ctx, profiles);
const values = (r: SourceParseResult): Record<string, string> =>
  Object.fromEntries(r.observations.map((o) => [o.key, o.value.kind === 'text' ? o.value.text : o.value.kind]));

describe('a YAML file that writes a key twice', () => {
  it('is a source error naming the key as written and both lines; the last value is kept as the effective one', () => {
    const r = read('db:\n  timeout: 10s\n  timeout: 60s\n  host: h\n');
    expect(r.errors).toEqual([`c/a.yaml: line 3: db.timeout is written twice (first on line 2); ${TAIL}`]);
    expect(values(r)).toEqual({ 'db.timeout': '60s', 'db.host': 'h' });
  });

  it('names every key written twice, nested or in a flow mapping or a list item, in line order; three times says so', () => {
    const text = [
      'a: 1', // 1
      'b:', // 2
      '  c: 1', // 3
      '  c: 2', // 4
      'a: 2', // 5
      'f: {x: 1, x: 2}', // 6
      'list:', // 7
      '  - n: 1', // 8
      '    n: 2', // 9
      'a: 3', // 10
    ].join('\n');
    expect(read(text).errors).toEqual([
      `c/a.yaml: line 4: b.c is written twice (first on line 3); ${TAIL}`,
      `c/a.yaml: line 6: f.x is written twice (first on line 6); ${TAIL}`,
      `c/a.yaml: line 9: list[0].n is written twice (first on line 8); ${TAIL}`,
      `c/a.yaml: line 10: a is written 3 times (first on line 1, again on 5); ${TAIL}`,
    ]);
  });

  it('names a secret key and never its value', () => {
    const r = read(`db:\n  password: first-${CANARY}\n  password: ${CANARY}\n`);
    expect(r.errors).toEqual([`c/a.yaml: line 3: db.password is written twice (first on line 2); ${TAIL}`]);
    expect(JSON.stringify(r)).not.toContain(CANARY);
  });

  it('is no error where the key is in two documents, spelt two ways, or merged from an anchor and overridden', () => {
    const spring = 'db:\n  timeout: 10s\n---\nspring.config.activate.on-profile: prod\ndb:\n  timeout: 60s\n';
    expect(read(spring, ['prod'])).toMatchObject({ errors: [] });
    expect(values(read(spring, ['prod']))).toEqual({ 'db.timeout': '60s' });
    // Two spellings of one canonical key are two keys of the file (the engine calls one shadowed), not one written twice.
    expect(read('db.timeout: 10s\ndb:\n  timeout: 60s\n').errors).toEqual([]);
    expect(read('base: &b\n  t: 1\nx:\n  <<: *b\n  t: 2\n').errors).toEqual([]);
    // `1` and `"1"` are two YAML keys (the package's own uniqueKeys agrees).
    expect(read('m:\n  1: a\n  "1": b\n').errors).toEqual([]);
  });

  it('is found in any document of a Spring file, whichever profile is active (the loader reads them all)', () => {
    const text = 'a: 1\n---\nspring.config.activate.on-profile: dev\nb: 1\nb: 2\n';
    expect(read(text, ['prod']).errors).toEqual([`c/a.yaml: line 5: b is written twice (first on line 4); ${TAIL}`]);
    expect(values(read(text, ['prod']))).toEqual({ a: '1' });
  });

  it('reads a big file of unique keys with no error', () => {
    const big = `${Array.from({ length: 2_000 }, (_, i) => `k${i}: &a${i} v`).join('\n')}\n`;
    expect(read(big)).toMatchObject({ errors: [] });
  });
});
