import { parse } from 'yaml';
import { appendException, declareKey, setExpectedValue } from '../../../lambdas/core/estate/yaml-edit';
import { yamlScalar } from '../../../lambdas/core/estate/yaml-edit-nodes';

const ESTATE = `version: 1   # the schema
name: shop
baseline:
  undeclared: info
  keys:
    # a flow map, aligned
    db.timeout:   { type: duration, value: 10s, max: 30s }   # tested value
    api.timeout:  { type: duration }
    short:        15s
    empty:
    none:         {}
    "LOG_LEVEL":  { values: { staging: DEBUG } }
    block.key:
      type: int
      value: 20 # signed off
  exceptions:
    - { environment: prod, key: short, value: 20s, reason: "INC-1", expires: 2026-12-01 }
notify: {}
`;

/** The lines of `after` that are not lines of `before`, and the lines of `before` gone from `after`. */
function changedLines(before: string, after: string): { added: string[]; removed: string[] } {
  const a = before.split('\n');
  const b = after.split('\n');
  return { added: b.filter((l) => !a.includes(l)), removed: a.filter((l) => !b.includes(l)) };
}

describe('setExpectedValue keeps every other line byte for byte', () => {
  it.each([
    [
      'a value in a flow map',
      'db.timeout',
      undefined,
      '60s',
      ['    db.timeout:   { type: duration, value: 60s, max: 30s }   # tested value'],
    ],
    ['a missing field of a flow map', 'api.timeout', 'prod', '120', ['    api.timeout:  { type: duration, values: { prod: 120 } }']],
    ['the scalar shorthand', 'short', undefined, '20s', ['    short:        20s']],
    ['the shorthand widened for one environment', 'short', 'prod', '20s', ['    short:        { value: 15s, values: { prod: 20s } }']],
    ['an empty entry', 'empty', undefined, 'x', ['    empty: { value: x }']],
    ['an empty flow map', 'none', 'prod', 'on', ['    none:         { values: { prod: on } }']],
    [
      'a nested flow map, by any spelling of the key',
      'log.level',
      'prod',
      'WARN',
      ['    "LOG_LEVEL":  { values: { staging: DEBUG, prod: WARN } }'],
    ],
    ['a value in a block map', 'block.key', undefined, '25', ['      value: 25 # signed off']],
    // drift init aligns its comments in a column: an adopted value of another length keeps the comment there.
    [
      'a shorter value: the comment stays in its column',
      'db.timeout',
      undefined,
      '5m',
      ['    db.timeout:   { type: duration, value: 5m, max: 30s }    # tested value'],
    ],
    [
      'a longer value: the gap gives way while two spaces are left',
      'db.timeout',
      undefined,
      '1h1m',
      ['    db.timeout:   { type: duration, value: 1h1m, max: 30s }  # tested value'],
    ],
    [
      'a value too long for the column: the comment keeps its gap and moves',
      'db.timeout',
      undefined,
      '1h30m0s',
      ['    db.timeout:   { type: duration, value: 1h30m0s, max: 30s }   # tested value'],
    ],
  ])('%s', (_name, key, env, text, added) => {
    const after = setExpectedValue(ESTATE, 'inline', key, env, text);
    const diff = changedLines(ESTATE, after);
    expect(diff.added).toEqual(added);
    expect(diff.removed).toHaveLength(1);
  });

  it('adds a field to a block map at its indentation', () => {
    const after = setExpectedValue(ESTATE, 'inline', 'block.key', 'prod', '30');
    expect(after).toContain('      value: 20 # signed off\n      values: { prod: 30 }\n  exceptions:');
    expect(changedLines(ESTATE, after).removed).toEqual([]);
  });

  it('declares a key not yet declared as the last entry of keys, at its indentation and alignment', () => {
    const after = setExpectedValue(ESTATE, 'inline', 'new.key', 'prod', 'a, b');
    expect(after).toContain('      value: 20 # signed off\n    new.key:      { values: { prod: "a, b" } }\n  exceptions:');
    expect(changedLines(ESTATE, after).removed).toEqual([]);
    expect(parse(after).baseline.keys['new.key']).toEqual({ values: { prod: 'a, b' } });
  });

  it('lines a new key up with its neighbours when they are aligned', () => {
    const source = 'baseline:\n  keys:\n    a:      { value: 1 }\n    bb:     { value: 2 }\nnotify: {}\n';
    expect(setExpectedValue(source, 'inline', 'c', undefined, '3')).toBe(
      'baseline:\n  keys:\n    a:      { value: 1 }\n    bb:     { value: 2 }\n    c:      { value: 3 }\nnotify: {}\n',
    );
  });

  it('writes a new key as a block map where the keys are block maps', () => {
    const source = 'baseline:\n  keys:\n    a:\n      value: 1\n';
    expect(setExpectedValue(source, 'inline', 'b', 'prod', '2')).toBe(
      'baseline:\n  keys:\n    a:\n      value: 1\n    b:\n      values: { prod: 2 }\n',
    );
  });

  it('edits a baseline file, whose top level is the baseline', () => {
    const source = '# shared baseline\nkeys:\n  port: { type: int, value: 8080 }\n';
    expect(setExpectedValue(source, 'file', 'port', undefined, '8081')).toBe(
      '# shared baseline\nkeys:\n  port: { type: int, value: 8081 }\n',
    );
  });

  it('inserts into a flow map of keys, and starts keys where there are none', () => {
    expect(setExpectedValue('keys: { a: 1 }\n', 'file', 'b', undefined, '2')).toBe('keys: { a: 1, b: { value: 2 } }\n');
    expect(setExpectedValue('undeclared: info\nkeys:\n', 'file', 'b', undefined, '2')).toBe('undeclared: info\nkeys:\n  b: { value: 2 }\n');
    expect(setExpectedValue('undeclared: info\n', 'file', 'b', undefined, '2')).toBe('undeclared: info\nkeys:\n  b: { value: 2 }\n');
  });
});

describe('appendException', () => {
  const fields = {
    environment: 'prod',
    key: 'db.timeout',
    value: '60s',
    reason: 'INC-9: slow disk',
    ticket: 'OPS-9',
    expires: '2026-12-31',
  };

  it('appends a flow item after the last one, like its neighbours', () => {
    const after = appendException(ESTATE, 'inline', fields);
    expect(changedLines(ESTATE, after)).toEqual({
      added: ['    - { environment: prod, key: db.timeout, value: 60s, reason: "INC-9: slow disk", ticket: OPS-9, expires: 2026-12-31 }'],
      removed: [],
    });
  });

  it('writes block items where the items are block maps, and permanent as a bool', () => {
    const source = 'exceptions:\n  - environment: a\n    key: b\n    reason: r\n';
    expect(appendException(source, 'file', { environment: 'c', key: 'd', reason: 'why', permanent: true })).toBe(
      `${source}  - environment: c\n    key: d\n    reason: why\n    permanent: true\n`,
    );
  });

  it('starts the list where there is none, and appends to a flow list', () => {
    expect(appendException('keys: {}\n', 'file', { key: 'k', reason: 'r' })).toBe('keys: {}\nexceptions:\n  - { key: k, reason: r }\n');
    expect(appendException('exceptions: []\n', 'file', { key: 'k', reason: 'r' })).toBe('exceptions: [{ key: k, reason: r }]\n');
  });

  // Block lines after `baseline: { keys: {…} }` made the file invalid YAML: the next edit died on it (exit 70).
  it('starts the list in flow style in a baseline written as one flow map', () => {
    const inline = 'version: 1\nbaseline: { keys: { a: { value: x } } }   # one line\n';
    const after = appendException(inline, 'inline', { key: 'a', reason: 'r' });
    expect(after).toBe('version: 1\nbaseline: { keys: { a: { value: x } }, exceptions: [{ key: a, reason: r }] }   # one line\n');
    expect(parse(appendException(after, 'inline', { key: 'b', reason: 's' }))).toEqual({
      version: 1,
      baseline: {
        keys: { a: { value: 'x' } },
        exceptions: [
          { key: 'a', reason: 'r' },
          { key: 'b', reason: 's' },
        ],
      },
    });
    expect(appendException('{ keys: {}, exceptions: }\n', 'file', { key: 'k', reason: 'r' })).toBe(
      '{ keys: {}, exceptions: [{ key: k, reason: r }]}\n',
    );
  });
});

describe('declareKey', () => {
  it('declares a missing key once, and leaves a declared one', () => {
    const once = declareKey(ESTATE, 'inline', 'fresh.key');
    expect(changedLines(ESTATE, once).added).toEqual(['    fresh.key:    {}']);
    expect(declareKey(once, 'inline', 'fresh.key')).toBe(once);
  });
});

describe('yamlScalar', () => {
  it.each([
    ['10s', '10s'],
    ['120', '120'],
    ['1.0', '"1.0"'],
    ['yes', 'yes'],
    ['a: b', '"a: b"'],
    ['# x', '"# x"'],
    ['', '""'],
    [' padded', '" padded"'],
    ['line\nbreak', '"line\\nbreak"'],
    ['\u001b[31m', '"\\u001b[31m"'],
    ['x\u0085y', '"x\\u0085y"'],
    ['*alias', '"*alias"'],
    ['null', '"null"'],
    ['.inf', '".inf"'],
  ])('%j is written %s and reads back the same', (text, written) => {
    expect(yamlScalar(text)).toBe(written);
    expect(String(parse(`k: ${written}`).k)).toBe(text);
  });
});

describe('a document with a key written twice', () => {
  // Which of the two an edit would change is anyone's guess: the document is refused, as one with any other error.
  it.each([
    [
      'a baseline key',
      ESTATE.replace('    short:        15s\n', '    short:        15s\n    short:        20s\n'),
      'baseline.keys.short',
      9,
    ],
    [
      'a field of a key',
      ESTATE.replace('      type: int\n', '      type: int\n      type: duration\n'),
      'baseline.keys.block.key.type',
      14,
    ],
  ])('is not edited: %s', (_, source, spelt, first) => {
    expect(() => setExpectedValue(source, 'inline', 'db.timeout', undefined, '60s')).toThrow(
      `cannot edit a YAML document with errors: ${spelt} is written twice (first on line ${first})`,
    );
  });
});

describe('a document that merges twice into one mapping', () => {
  // Two `<<` merges are merges, as drift validate and the audit read them, not a key written twice: adopt failed with an internal error.
  it('is edited', () => {
    const source = ESTATE.replace(
      'notify: {}\n',
      'x-a: &a { region: us-east-1 }\nx-b: &b { account: "1" }\nenvironments:\n  prod:\n    <<: *a\n    <<: *b\nnotify: {}\n',
    );
    const after = setExpectedValue(source, 'inline', 'api.timeout', undefined, '60s');
    expect(changedLines(source, after)).toEqual({
      added: ['    api.timeout:  { type: duration, value: 60s }'],
      removed: ['    api.timeout:  { type: duration }'],
    });
  });
});
