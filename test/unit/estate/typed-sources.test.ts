import { formatProblem } from '../../../lambdas/core/estate/estate-error';
import { parseEstateDocument } from '../../../lambdas/core/estate/parse-estate';

const problems = (text: string): string[] => {
  const doc = parseEstateDocument(text, 'drift.yaml');
  return doc.ok ? [] : doc.problems.map(formatProblem);
};

const estate = (sources: string): string => `version: 1\nenvironments:\n  a:\n    sources:\n${sources}`;

describe('a source written with a type field, as other tools write one', () => {
  test('is one problem saying how drift keys a source, at the source, with the fields it had', () => {
    expect(problems(estate('      - { type: ssm, path: /a/api/, from: a.json }\n'))).toEqual([
      'drift.yaml:5:9: environments.a.sources[0]: a source is keyed by its kind, not by "type": write - ssm: { path: …, from: … }',
    ]);
  });

  test('is never valid, even when the fields fit the kind', () => {
    expect(parseEstateDocument(estate('      - type: dotenv\n        from: a.env\n'), 'drift.yaml').ok).toBe(false);
  });

  test("is checked against its kind's fields as well, so one round of edits fixes the file", () => {
    const found = problems(estate('      - type: k8s\n        from: k8s/a/\n        deployment: api\n'));
    expect(found[0]).toBe(
      'drift.yaml:5:9: environments.a.sources[0]: a source is keyed by its kind, not by "type": write - k8s: { from: …, deployment: … }',
    );
    expect(found.slice(1)).toEqual([
      'drift.yaml:5:9: environments.a.sources[0].k8s: missing field "workload"',
      'drift.yaml:5:9: environments.a.sources[0].k8s: unknown field "deployment"',
    ]);
    expect(found.join('\n')).not.toMatch(/exactly one of|unknown field "type"/);
  });

  test.each([
    ['parameter-store', 'ssm'],
    ['Kubernetes', 'k8s'],
    ['secrets-manager', 'secretsmanager'],
    ['env', 'dotenv'],
  ])('names the kind another tool would call %s: %s', (written, kind) => {
    expect(problems(estate(`      - { type: ${written}, from: x }\n`))[0]).toContain(`write - ${kind}: { from: … }`);
  });

  test('a type that names no kind is left to the usual problems', () => {
    const found = problems(estate('      - { type: consul, from: x }\n'));
    expect(found.join('\n')).toMatch(/a source is exactly one of/);
    expect(found.join('\n')).not.toMatch(/keyed by its kind/);
  });

  test('shows no value of the source, only its field names', () => {
    const found = problems(estate('      - { type: ssm, path: /a/hunter2-secret/, from: a.json }\n'));
    expect(found.join('\n')).not.toContain('hunter2');
  });
});

// `- dotenv: env/staging.env`, as a first estate file is often written, was "expected object, received string":
// true, but it did not say which field the string belongs in.
describe('a source written as a bare string', () => {
  test.each([
    ['dotenv: env/a.env', 'sources[0].dotenv', 'dotenv: { from: … }'],
    ['file: config/a.yml', 'sources[0].file', 'file: { from: … }'],
    ['ssm: /a/api/', 'sources[0].ssm', 'ssm: { path: … }'],
    ['secretsmanager: a/api', 'sources[0].secretsmanager', 'secretsmanager: { secretId: … }'],
  ])('- %s is one problem naming the field to write', (written, where, form) => {
    expect(problems(estate(`      - ${written}\n`))).toEqual([
      `drift.yaml:5:${written.indexOf(':') + 11}: environments.a.${where}: a source's fields are a mapping, not a string: write - ${form}`,
    ]);
  });

  test("is checked against its kind's fields as well", () => {
    expect(problems(estate('      - k8s: manifests/a/\n'))).toEqual([
      "drift.yaml:5:14: environments.a.sources[0].k8s: a source's fields are a mapping, not a string: write - k8s: { from: … }",
      'drift.yaml:5:14: environments.a.sources[0].k8s: missing field "workload"',
    ]);
  });
});
