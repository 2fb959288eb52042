import { audit } from '../../../lambdas/core/engine/audit';
import { LARGE_VALUE_CHARS } from '../../../lambdas/core/values/value';
import { estateFrom, estateYaml, NOW, snapshot } from '../../helpers/estate';

// A routing table over the size drift keeps whole, as Terraform's jsonencode writes it (compact) and as
// the console writes it (pretty-printed, keys in another order): the same JSON.
const TABLE = Object.fromEntries(Array.from({ length: 300 }, (_, i) => [`route-${i}`, { weight: i % 7, region: 'eu-west-1' }]));
const COMPACT = JSON.stringify(TABLE);
const PRETTY = JSON.stringify(Object.fromEntries(Object.entries(TABLE).reverse()), null, 2);
const OTHER = JSON.stringify({ ...TABLE, 'route-7': { weight: 9, region: 'eu-west-1' } });

const estate = (keySpec: string) =>
  estateFrom(
    estateYaml(
      ['prod-us', 'prod-eu'],
      `parity:\n  - { name: regions, environments: [prod-us, prod-eu] }\nbaseline:\n  undeclared: ignore\n  keys:\n    routes: ${keySpec}\n`,
    ),
  );
const findings = (keySpec: string, us: string, eu: string) =>
  audit(estate(keySpec), [snapshot('prod-us', { values: { routes: us } }), snapshot('prod-eu', { values: { routes: eu } })], NOW).findings;

describe('a json key whose value is too large to keep whole', () => {
  beforeAll(() => expect(Math.min(COMPACT.length, PRETTY.length)).toBeGreaterThan(LARGE_VALUE_CHARS));

  it('compares by structure: the same JSON written otherwise is no parity finding', () => {
    expect(findings('{ type: json }', COMPACT, PRETTY)).toEqual([]);
  });

  it('still differs where the JSON does', () => {
    expect(findings('{ type: json }', OTHER, PRETTY).map((f) => `${f.kind} ${f.key}`)).toEqual(['parity routes']);
  });

  it('compares with a short text of the same JSON', () => {
    const short = JSON.stringify({ a: 1, b: [1, 2] });
    const long = `{"b": [1, 2],${' '.repeat(LARGE_VALUE_CHARS)}"a": 1}`;
    expect(long.length).toBeGreaterThan(LARGE_VALUE_CHARS);
    expect(findings('{ type: json }', short, long)).toEqual([]);
  });

  it('meets an expected value written compactly', () => {
    expect(findings(`{ type: json, value: ${JSON.stringify(COMPACT)} }`, PRETTY, COMPACT)).toEqual([]);
  });

  it('has its type judged: JSON is no "not judged" note', () => {
    expect(findings('{ type: json }', PRETTY, PRETTY)).toEqual([]);
  });

  it('a string key still compares the text as written', () => {
    expect(findings('{ type: string }', COMPACT, PRETTY).map((f) => `${f.kind} ${f.key}`)).toEqual(['parity routes']);
  });
});
