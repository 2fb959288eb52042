import { appendEnumOption, appendException, declareKey, setExpectedValue, setKeyField } from '../../../lambdas/core/estate/yaml-edit';

const ESTATE = `version: 1
baseline:
  keys:
    db.timeout:   { type: duration, value: 10s, max: 30s }   # tested value
    log.level:
      enum:
        - INFO
        - WARN
    block.key:
      type: int
      value: 20 # signed off
    empty:
  exceptions:
    - { environment: prod, key: db.timeout, value: 20s, reason: "INC-1", expires: 2026-12-01 }
`;
const NO_EXCEPTIONS = ESTATE.slice(0, ESTATE.indexOf('  exceptions:'));

const crlf = (text: string): string => text.replace(/\n/g, '\r\n');

// Each edit of drift adopt, on the file as written above.
const EDITS: Array<[string, string, (source: string) => string]> = [
  ['a new key', ESTATE, (s) => setExpectedValue(s, 'inline', 'new.key', 'prod', '5')],
  ['an empty entry filled', ESTATE, (s) => setExpectedValue(s, 'inline', 'empty', 'prod', '5')],
  ['a value of a block map', ESTATE, (s) => setExpectedValue(s, 'inline', 'block.key', 'prod', '30')],
  ['a value of a flow map', ESTATE, (s) => setExpectedValue(s, 'inline', 'db.timeout', 'prod', '20s')],
  ['a bound (--force)', ESTATE, (s) => setKeyField(s, 'inline', 'db.timeout', 'max', '60s')],
  ['an enum option (--force)', ESTATE, (s) => appendEnumOption(s, 'inline', 'log.level', 'DEBUG')],
  ['a declared key', ESTATE, (s) => declareKey(s, 'inline', 'other.key')],
  ['an exception appended', ESTATE, (s) => appendException(s, 'inline', { environment: 'prod', key: 'empty', reason: 'r' })],
  ['the first exception', NO_EXCEPTIONS, (s) => appendException(s, 'inline', { environment: 'prod', key: 'empty', reason: 'r' })],
];

describe('an estate file with CRLF line ends is edited in CRLF', () => {
  test.each(EDITS)('%s: the same edit as with LF, every line ending in CRLF', (_, source, edit) => {
    const after = edit(crlf(source));
    expect(after).toBe(crlf(edit(source)));
    expect(after).not.toMatch(/[^\r]\n|\r(?!\n)/);
  });
});
