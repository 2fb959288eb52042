import fc from 'fast-check';
import { assembleEstate, parseBaselineDocument, parseEstateDocument, type YamlReader } from '../../../lambdas/core/estate/parse-estate';
import { readYaml, readYamlWithPositions } from '../../../lambdas/core/estate/read-yaml';
import { keyPositions, positionAt } from '../../../lambdas/core/estate/yaml-positions';
import { fastYamlDocuments } from '../../../lambdas/core/sources/yaml-fast';

/** The estate a text loads to through one YAML reader: the model with every position, or the problems. */
function load(text: string, read: YamlReader): unknown {
  const doc = parseEstateDocument(text, 'drift.yaml', read);
  if (!doc.ok) return { problems: doc.problems };
  return assembleEstate(doc, 'folder');
}

const name = fc.stringMatching(/^[a-z][a-z0-9-]{0,6}$/);
const pathText = fc.stringMatching(/^[a-z0-9][a-z0-9_./-]{0,10}$/);
const written = fc.oneof(
  { weight: 16, arbitrary: pathText },
  { weight: 2, arbitrary: pathText.map((p) => `"${p}"`) },
  { weight: 1, arbitrary: pathText.map((p) => `'${p}'`) },
  { weight: 1, arbitrary: fc.constantFrom('x y', 'a:b', '1', 'true', '~', '', '[a, b]', '{ a: 1 }', '&x a', '"open') },
  { weight: 1, arbitrary: fc.constantFrom('1.10', '0x1F', '010', '1e3', '.5', '+1', '.inf', '12345678901234567890') },
);
const tail = fc.constantFrom('', '', '', '  # note', ' ');
const kind = fc.constantFrom('file', 'dotenv', 'ssm', 'ecs', 'k8s', 'eks', 'bogus');
const field = fc.tuple(fc.constantFrom('from', 'from', 'path', 'container', 'workload', 'cluster', 'unknown'), written);

/** One source, written in flow (`- file: { from: a.json }`) or block form. */
const source = fc
  .tuple(kind, fc.uniqueArray(field, { minLength: 1, maxLength: 3, selector: ([f]) => f }), fc.boolean(), tail)
  .map(([k, fields, flow, t]) =>
    flow
      ? `      - ${k}: { ${fields.map(([f, v]) => `${f}: ${v}`).join(', ')} }${t}\n`
      : `      - ${k}:${t}\n${fields.map(([f, v]) => `          ${f}: ${v}\n`).join('')}`,
  );
const environment = fc
  .tuple(name, fc.option(fc.constantFrom('us-east-1', '"111111111111"', '1')), fc.array(source, { maxLength: 4 }))
  .map(([n, region, sources]) => `  ${n}:\n${region ? `    region: ${region}\n` : ''}    sources:\n${sources.join('')}`);
const baselineKey = fc
  .tuple(
    fc.stringMatching(/^[a-z][a-z0-9_.]{0,8}$/),
    fc.constantFrom(
      '{ type: duration, max: 1h }',
      '{ type: int }',
      '10s',
      '{ secret: true }',
      '{ type: nope }',
      '1.10',
      '{ value: 0x1F, enum: [0x1F, 1.0] }',
    ),
  )
  .map(([k, spec]) => `    ${k}: ${spec}\n`);

/** Estate files like the ones people write, a share broken on purpose; often with one character changed. */
const estateText = fc
  .tuple(
    fc.uniqueArray(environment, { minLength: 1, maxLength: 3, selector: (e) => e.split(':')[0] }),
    fc.option(fc.array(name, { maxLength: 3 })),
    fc.array(baselineKey, { maxLength: 4 }),
    fc.oneof(
      { weight: 2, arbitrary: fc.constant(null) },
      { weight: 1, arbitrary: fc.tuple(fc.nat(), fc.constantFrom('', ' ', '\n', ':', '-', '{', '"', '#', '\t', 'x')) },
    ),
  )
  .map(([envs, parity, keys, edit]) => {
    const text =
      `version: 1\nname: shop\nenvironments:\n${envs.join('')}` +
      (parity ? `parity:\n  - name: group\n    environments: [${parity.join(', ')}]\n` : '') +
      (keys.length ? `baseline:\n  undeclared: ignore\n  keys:\n${keys.join('')}` : '');
    if (!edit) return text;
    const at = edit[0] % text.length;
    return text.slice(0, at) + edit[1] + text.slice(at + (edit[1] === '' ? 1 : 0));
  });

describe('readYaml: the fast reader with positions found when asked', () => {
  it('loads every estate as the yaml package alone does: the same model, positions, warnings and problems', () => {
    let fast = 0;
    fc.assert(
      fc.property(estateText, (text) => {
        if (fastYamlDocuments(text)?.length === 1) fast++;
        expect(load(text, readYaml)).toEqual(load(text, readYamlWithPositions));
      }),
      { numRuns: 400 },
    );
    // The generator must exercise the fast path, not only its giving up.
    expect(fast).toBeGreaterThan(150);
  });

  it('points every path and key where the yaml package points them', () => {
    const text =
      'environments:\n  dev:\n    sources:\n      - file: { from: a.json }  # c\n      - ssm:\n          from: "b.json"\nkeys:\n  a.b: { type: int }\n';
    const fast = readYaml(text, 'x.yaml');
    const plain = readYamlWithPositions(text, 'x.yaml');
    if (!fast.ok || !plain.ok) throw new Error('both read the text');
    for (const path of [
      ['environments', 'dev', 'sources', 0, 'file', 'from'],
      ['environments', 'dev', 'sources', 1, 'ssm', 'from'],
      ['keys'],
      ['nope'],
    ]) {
      expect(positionAt(fast.yaml, path)).toEqual(positionAt(plain.yaml, path));
    }
    expect(keyPositions(fast.yaml, ['keys'])).toEqual(keyPositions(plain.yaml, ['keys']));
    expect(fast.data).toEqual(plain.data);
  });

  it('reads a baseline file as the yaml package alone does', () => {
    for (const text of [
      'undeclared: warning\nkeys:\n  a.b: { type: int, max: 3 }\n',
      'keys:\n  a: { type: int, max: 3 }\n  a: {}\n',
      'keys: [a\n',
    ]) {
      expect(parseBaselineDocument(text, 'b.yaml', readYaml)).toEqual(parseBaselineDocument(text, 'b.yaml', readYamlWithPositions));
    }
  });
});

describe('readYaml on a document nested thousands deep', () => {
  it.each([
    ['flow', `baseline: ${'['.repeat(10000)}${']'.repeat(10000)}\n`],
    ['block', `baseline:\n${Array.from({ length: 3000 }, (_, i) => `${' '.repeat(i + 1)}a${i}:`).join('\n')} 1\n`],
  ])('%s: says it is nested too deeply, where, and nothing of the engine', (_form, text) => {
    const r = readYaml(text, 'drift.yaml');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    for (const p of r.problems) {
      expect(p.file).toBe('drift.yaml');
      expect(p.message).not.toMatch(/call stack|RangeError|RESOURCE_EXHAUSTION/i);
    }
    expect(r.problems.map((p) => p.message)).toContain('nested too deeply to read');
  });
});
