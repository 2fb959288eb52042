import { parseManifestText } from '../../../lambdas/core/sources/k8s';

const CANARY = 'CANARY-s3cr3t-7f1e';

// Three documents; the second, a Secret, is broken (an unclosed flow mapping) and holds a value.
const MANIFEST = [
  'kind: ConfigMap\nmetadata: {name: a}\ndata: {x: "1"}',
  `kind: Secret\nmetadata: {name: b\nstringData:\n  password: ${CANARY}`,
  'kind: ConfigMap\nmetadata: {name: c}',
].join('\n---\n');

describe('a manifest with one document that cannot be read', () => {
  it('reads every other document and names the broken one by its position, never its content', () => {
    const errors: string[] = [];
    const objects = parseManifestText(MANIFEST, 'm.yaml', errors);
    expect(objects).toEqual([
      { kind: 'ConfigMap', metadata: { name: 'a' }, data: { x: '1' } },
      { kind: 'ConfigMap', metadata: { name: 'c' } },
    ]);
    expect(errors).toEqual([expect.stringMatching(/^m\.yaml:\d+:\d+: invalid YAML: /)]);
    expect(errors.join()).not.toContain(CANARY);
  });

  it('a document that cannot be read in place is an error there too (an alias to no anchor)', () => {
    const errors: string[] = [];
    const text =
      'kind: ConfigMap\nmetadata: {name: a}\n---\nkind: Secret\nmetadata: {name: *nowhere}\n---\nkind: ConfigMap\nmetadata: {name: c}\n';
    expect(parseManifestText(text, 'm.yaml', errors).map((o) => (o as { metadata: { name: string } }).metadata.name)).toEqual(['a', 'c']);
    expect(errors).toEqual([expect.stringMatching(/^m\.yaml:\d+:\d+: /)]);
  });

  it('still throws for the whole file when no errors list is given', () => {
    expect(() => parseManifestText(MANIFEST, 'm.yaml')).toThrow(/^m\.yaml:\d+:\d+: invalid YAML/);
  });
});
