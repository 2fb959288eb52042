import { readYaml } from '../../../lambdas/core/estate/read-yaml';
import { configFileBytesObservations } from '../../../lambdas/core/sources/config-file';
import { parseManifestText } from '../../../lambdas/core/sources/k8s-manifest';
import { MAX_KEY_NESTING, TANGLED_KEY } from '../../../lambdas/core/sources/yaml-collection-keys';
import { NODE_CONFIG_FILES } from '../../../lambdas/adapters/code/languages/node-config-files';
import { testContext } from '../../helpers/context';

// The yaml package turns a mapping or list written as a key into its YAML text, and again for each such key inside it:
// a line of 1.6 KB (`a: { [{ [{ [ … ]: 1}]: 1}]: 1}`, 200 deep) took 18 s to read, 300 `{ ` took 7 s in each of an
// estate file, a file source, a manifest and node-config's config/default.yml, and 400 took 24 s. Such a key is now
// refused where it is written, before the package is asked for values; a plain collection key is read as before.
const ctx = testContext();
const keyInKey = (n: number): string => `a: ${'{ ['.repeat(n)}${']: 1}'.repeat(n)}\n`;
const deepKey = (n: number): string => `a: { ${'['.repeat(n)}${']'.repeat(n)}: 1 }\n`;
const readFile = (text: string) => configFileBytesObservations(new TextEncoder().encode(text), 'c/app.yaml', ctx);

describe('a mapping or list written as a key', () => {
  test('a file source refuses a key that holds another collection key, where it is written', () => {
    expect(() => readFile(`log: info\n${keyInKey(3)}`)).toThrow(`c/app.yaml:2:6: ${TANGLED_KEY}`);
  });

  test(`a file source refuses a key nested deeper than ${MAX_KEY_NESTING} levels, and reads one that is not`, () => {
    expect(() => readFile(deepKey(MAX_KEY_NESTING + 1))).toThrow(`c/app.yaml:1:6: ${TANGLED_KEY}`);
    expect(readFile(deepKey(MAX_KEY_NESTING)).observations.map((o) => o.key)).toHaveLength(1);
  });

  test('a file source still reads a plain collection key and the keys beside it', () => {
    const keys = readFile('? { a: 1 }\n: x\nplain: 1\nb: { [1, 2]: y }\n').observations.map((o) => o.key);
    expect(keys).toContain('plain');
    expect(keys).toHaveLength(3);
  });

  test('a manifest refuses it', () => {
    const text = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  ${keyInKey(3)}`;
    expect(() => parseManifestText(text, 'm/c.yaml')).toThrow(`m/c.yaml:6:8: ${TANGLED_KEY}`);
  });

  test('the estate file refuses it, positioned', () => {
    const text = `version: 1\nname: x\nlabels:\n  ${keyInKey(3)}`;
    const read = readYaml(text, 'drift.yaml');
    expect(read).toEqual({ ok: false, problems: [{ file: 'drift.yaml', line: 4, column: 8, message: TANGLED_KEY }] });
  });

  test("node-config's config/default.yml holding one gives no defaults, as a file that does not parse", () => {
    expect(NODE_CONFIG_FILES.defaults(`b: 1\n${keyInKey(3)}`, 'config/default.yml').size).toBe(0);
    expect(NODE_CONFIG_FILES.defaults('b: 1\n? [x]\n: 2\n', 'config/default.yml').size).toBe(2);
  });
});
