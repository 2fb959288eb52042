import { assembleEstate, parseEstateDocument, type YamlReader } from '../../../lambdas/core/estate/parse-estate';
import { readYaml, readYamlWithPositions } from '../../../lambdas/core/estate/read-yaml';

/** An estate whose baseline declares `app.setting` with `spec`, and whose one environment carries `account`. */
const estate = (spec: string, account = '"111111111111"'): string => `version: 1
name: shop
environments:
  prod:
    account: ${account}
    sources:
      - file: { from: prod.yml }
baseline:
  keys:
    app.setting: ${spec}
    block.setting:
      value: ${spec.startsWith('{') ? '1' : spec}
`;

function keys(text: string, read: YamlReader) {
  const doc = parseEstateDocument(text, 'drift.yaml', read);
  if (!doc.ok) throw new Error(JSON.stringify(doc.problems));
  const r = assembleEstate(doc, 'folder');
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return { keys: r.estate.baseline.keys, account: r.estate.environments[0]?.account };
}

const READERS: Array<[string, YamlReader]> = [
  ['the fast reader', readYaml],
  ['the yaml package', readYamlWithPositions],
];

describe.each(READERS)('an estate number means the text it is written as (%s)', (_, read) => {
  test.each(['1.10', '0x1F', '0o17', '010', '1e3', '+5', '.5', '12345678901234567890', '1.0'])(
    '`value: %s` expects that text, in flow and block form',
    (written) => {
      const { keys: k } = keys(estate(written), read);
      expect(k.get('app.setting')?.value).toBe(written);
      expect(k.get('block.setting')?.value).toBe(written);
    },
  );

  test('a number its value spells the same way is that text too', () => {
    const { keys: k } = keys(estate('{ value: 8080, min: 1, max: 65535, enum: [8080, 8.5] }'), read);
    const spec = k.get('app.setting');
    expect([spec?.value, spec?.min, spec?.max, spec?.enum]).toEqual(['8080', '1', '65535', ['8080', '8.5']]);
  });

  test('bounds and enum options keep their written text', () => {
    const { keys: k } = keys(estate('{ enum: [1.10, 1.20], value: 1.10 }'), read);
    expect(k.get('app.setting')?.enum).toEqual(['1.10', '1.20']);
  });

  test('an unquoted account keeps its leading zero', () => {
    expect(keys(estate('{}', '012345678901'), read).account).toBe('012345678901');
  });
});

describe.each(READERS)('an unquoted number with a fraction compares as a number, unless tagged as text (%s)', (_, read) => {
  test.each([
    ['{ value: 1.10 }', 'number'],
    ['{ value: "1.10" }', undefined],
    ['{ value: !!str 1.10 }', undefined],
    ['{ value: !!float 0.50 }', 'number'],
    ['{ values: { prod: !!str 0.50 } }', undefined],
  ])('`%s` is of type %s', (spec, type) => {
    expect(keys(estate(spec), read).keys.get('app.setting')?.type).toBe(type);
  });
});
