import fc from 'fast-check';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseYaml, parseYamlWithPackage } from '../../../lambdas/core/sources/config-file';
import { parseYamlWithPackage as manifestWithPackage } from '../../../lambdas/core/sources/k8s-manifest';
import { fastYamlDocuments } from '../../../lambdas/core/sources/yaml-fast';
import { k8sManifest, nestedConfig } from './yaml-realistic';
import { yamlText } from './yaml-arbitraries';

/** A value with its objects' key order made visible, so equality also holds the order. */
const ordered = (v: unknown): unknown =>
  Array.isArray(v)
    ? v.map(ordered)
    : v !== null && typeof v === 'object'
      ? Object.entries(v).map(([k, x]) => [k, ordered(x)])
      : Object.is(v, -0)
        ? '-0'
        : v;

const outcome = (read: () => unknown): unknown => {
  try {
    return { value: ordered(read()) };
  } catch (err) {
    return { error: err instanceof Error ? `${err.name}: ${err.message}` : String(err) };
  }
};

/** The fast path agrees with the `yaml` package wherever it does not give up; returns whether it read the text. */
function agrees(text: string): boolean {
  const fast = fastYamlDocuments(text);
  if (fast !== undefined) expect(outcome(() => fast)).toEqual(outcome(() => manifestWithPackage(text, 'm.yaml')));
  expect(outcome(() => parseYaml(text, 'c.yaml'))).toEqual(outcome(() => parseYamlWithPackage(text, 'c.yaml')));
  return fast !== undefined;
}

describe('fastYamlDocuments', () => {
  // The reference warns on keys that are collections (`[a]: 1`), which the generator writes on purpose.
  beforeAll(() => jest.spyOn(process, 'emitWarning').mockImplementation(() => undefined));
  afterAll(() => jest.restoreAllMocks());

  it('gives what the yaml package gives, or gives up (documents within and beyond its subset)', () => {
    let read = 0;
    fc.assert(
      fc.property(yamlText, (text) => {
        if (agrees(text)) read++;
      }),
      { numRuns: 500 },
    );
    // The generator must exercise the fast path, not only its giving up.
    expect(read).toBeGreaterThan(75);
  }, 120_000);

  it('reads Kubernetes-shaped manifests as the yaml package does, and never gives up on them', () => {
    fc.assert(
      fc.property(k8sManifest, (text) => {
        expect(agrees(text)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('reads nested configuration files like the benchmark’s as the yaml package does, and never gives up on them', () => {
    fc.assert(
      fc.property(nestedConfig, (text) => {
        expect(agrees(text)).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it('reads the real manifests and configuration files in the fixtures and examples without giving up', () => {
    const root = path.join(__dirname, '../../..');
    const files = [
      'test/fixtures/realworld/microservices-demo/kubernetes-manifests.yaml',
      // Estate files: read by the fast path until a problem needs positions.
      'examples/drift.yaml',
      'examples/more-sources/drift.yaml',
      'examples/with-code/drift.yaml',
      ...['examples/manifests/production-us', 'examples/manifests/staging', 'examples/config', 'test/fixtures/trust-estate/config'].flatMap(
        (dir) => readdirSync(path.join(root, dir)).flatMap((f) => (/\.ya?ml$/.test(f) ? [`${dir}/${f}`] : [])),
      ),
    ];
    expect(files.length).toBeGreaterThan(10);
    for (const file of files) {
      const text = readFileSync(path.join(root, file), 'utf8');
      expect([file, agrees(text)]).toEqual([file, true]);
    }
  });

  it('gives up on what it does not prove it reads', () => {
    const outside = [
      'a: &x 1\nb: *x\n',
      'a: !!str 1\n',
      'a: [1, [2]]\n',
      'a: {b: {c: 1}}\n',
      'a: {b: 1, }\n',
      'a: [x, ]\n',
      'a: |+\n  x\n',
      'a: x\n  y\n',
      '? a\n: b\n',
      '%YAML 1.2\n---\na: 1\n',
    ];
    for (const text of [...outside, 'a: 1\na: 2\n', 'a:\tb\n', 'a: 1\rb: 2\n', 'a: "x\ry"\n', 'a: "x\n  y"\n', '...\n', '__proto__: 1\n']) {
      expect([text, fastYamlDocuments(text)]).toEqual([text, undefined]);
    }
  });

  it('leaves nesting deeper than 100 levels to the yaml package', () => {
    const nested = (depth: number): string =>
      Array.from({ length: depth }, (_, i) => `${' '.repeat(i)}k:\n`).join('') + `${' '.repeat(depth)}v: 1\n`;
    expect(fastYamlDocuments(nested(99))).toBeDefined();
    expect(fastYamlDocuments(nested(100))).toBeUndefined();
    expect(fastYamlDocuments(`${'- '.repeat(5000)}x\n`)).toBeUndefined();
  });

  it('reads documents, separators and empty documents as the yaml package does', () => {
    expect(fastYamlDocuments('')).toEqual([]);
    expect(fastYamlDocuments('# only\n')).toEqual([]);
    expect(fastYamlDocuments('---\n')).toEqual([null]);
    expect(fastYamlDocuments('a: 1\n---\n- b\n--- # c\n')).toEqual([{ a: 1 }, ['b'], null]);
    expect(fastYamlDocuments('a: |\r\n  x\r\nb: 1\r\n')).toEqual([{ a: 'x\n', b: 1 }]);
    expect(fastYamlDocuments('args: [--port=80, "-v", \'x\', 2, ~]\nnone: [ ]\n')).toEqual([
      { args: ['--port=80', '-v', 'x', 2, null], none: [] },
    ]);
  });
});
