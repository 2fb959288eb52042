import { configFileBytesObservations } from '../../../lambdas/core/sources/config-file';
import { baselineJsonKeys } from '../../../lambdas/core/sources/context';
import { testContext } from '../../helpers/context';
import { estateFrom, estateYaml } from '../../helpers/estate';

const CANARY = 'CANARY-s3cr3t-json-9d2c';
const estate = estateFrom(
  estateYaml(['us'], `baseline:\n  keys:\n    retry.policy: { type: json }\n    db: { type: json }\n    other.n: { type: int }\n`),
);
const ctx = { ...testContext(), jsonKeys: baselineJsonKeys(estate.baseline) };
const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);

const read = (text: string, file: string) =>
  Object.fromEntries(
    configFileBytesObservations(bytes(text), file, ctx).observations.map((o) => [
      o.key,
      o.value.kind === 'text' ? o.value.text : o.value.kind,
    ]),
  );

describe('a key the baseline declares `type: json` is one value in a configuration file, not flattened', () => {
  test.each([
    ['YAML', 'c/us.yml', 'retry:\n  policy:\n    max_attempts: 3\n    backoff: [1, 2]\nother:\n  n: 1\n'],
    ['JSON', 'c/us.json', '{"retry": {"policy": {"max_attempts": 3, "backoff": [1, 2]}}, "other": {"n": 1}}'],
  ])('%s: the mapping under it is its JSON text; other keys are flattened as before', (_what, file, text) => {
    expect(read(text, file)).toEqual({ 'retry.policy': '{"max_attempts":3,"backoff":[1,2]}', 'other.n': '1' });
  });

  test('a mapping holding a secret-named key is a secret as a whole: its text is never kept', () => {
    const r = configFileBytesObservations(bytes(`db:\n  user: app\n  password: ${CANARY}\n`), 'c/us.yml', ctx);
    expect(r.observations.map((o) => [o.key, o.value.kind])).toEqual([['db', 'secret']]);
    expect(JSON.stringify(r)).not.toContain(CANARY);
  });

  test('without json keys in the baseline, files are flattened all the way', () => {
    expect(baselineJsonKeys(estateFrom(estateYaml(['us'], 'baseline:\n  keys:\n    x: {}\n')).baseline)).toBeUndefined();
    const plain = configFileBytesObservations(bytes('retry:\n  policy:\n    max_attempts: 3\n'), 'c/us.yml', testContext());
    expect(plain.observations.map((o) => o.key)).toEqual(['retry.policy.max.attempts']);
  });
});
