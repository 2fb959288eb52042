import { audit } from '../../../lambdas/core/engine/audit';
import { estateFrom, estateYaml, NOW, snapshot } from '../../helpers/estate';

// A key declared without a type compares as its expected value is written, as undeclared values do.

const findingsOf = (keys: string, value: string) => {
  const estate = estateFrom(estateYaml(['prod'], `baseline:\n  undeclared: ignore\n  keys:\n${keys}`));
  return audit(estate, [snapshot('prod', { values: { 'app.version': value } })], NOW).findings.map((f) => `${f.kind} ${f.actual}`);
};

describe('an untyped key with an expected value', () => {
  it('expecting 1.10 reports 1.1: versions, not numbers', () => {
    expect(findingsOf('    app.version: { value: "1.10" }\n', '1.1')).toEqual(['mismatch 1.1']);
  });

  it('expecting 1.10 judges no type: a version that is no number is no constraint', () => {
    expect(findingsOf('    app.version: { value: "1.10" }\n', 'v1.10-rc1')).toEqual(['mismatch v1.10-rc1']);
  });

  it('expecting 10 still reads 010 as the number it is', () => {
    expect(findingsOf('    app.version: { value: "10" }\n', '010')).toEqual([]);
  });
});

describe('an exception on an untyped key', () => {
  it('for value 1.10 does not excuse 1.1', () => {
    const keys =
      '    app.version: { value: "2.0" }\n  exceptions:\n    - { environment: prod, key: app.version, value: "1.10", reason: r, permanent: true }\n';
    expect(findingsOf(keys, '1.1')).toEqual(['mismatch 1.1']);
    expect(findingsOf(keys, '1.10')).toEqual([]);
  });
});

describe('an untyped key with expected values per environment only', () => {
  it('compares them as they are written: True is true, 60s is 1m', () => {
    expect(findingsOf('    app.version: { values: { prod: "True" } }\n', 'true')).toEqual([]);
    expect(findingsOf('    app.version: { values: { prod: "60s" } }\n', '1m')).toEqual([]);
    expect(findingsOf('    app.version: { values: { prod: "60s" } }\n', '2m')).toEqual(['mismatch 2m']);
  });

  it('compares them as strings when they are written in different types', () => {
    const estate = estateFrom(estateYaml(['prod', 'dev'], 'baseline:\n  keys:\n    app.version: { values: { prod: "60s", dev: "on" } }\n'));
    expect(estate.baseline.keys.get('app.version')?.type).toBeUndefined();
  });
});
