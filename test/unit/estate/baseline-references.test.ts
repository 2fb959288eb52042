import { formatProblem } from '../../../lambdas/core/estate/estate-error';
import { assembleEstate, parseBaselineDocument, parseEstateDocument } from '../../../lambdas/core/estate/parse-estate';

const HEAD = `version: 1
environments:
  prod:
    sources:
      - file: { from: prod.yml }
  staging:
    sources:
      - file: { from: staging.yml }
baseline:
  keys:
    db.timeout: { type: duration, value: 10s, max: 30s }
    http.retry.max.attempts: { type: int }
    cache.size: { type: bytes }
    feature.on: { type: bool }
    log.level: { enum: [DEBUG, INFO, WARN, ERROR], value: INFO }
    loose: {}
    db.password: { secret: true }
`;

function problems(extra: string): string[] {
  const doc = parseEstateDocument(HEAD + extra, 'drift.yaml');
  if (!doc.ok) return doc.problems.map(formatProblem);
  const r = assembleEstate(doc, 'folder');
  return r.ok ? [] : r.problems.map(formatProblem);
}

/** `drift.yaml:L:C` of the first `text` on the line holding it: where a problem must point. */
function at(extra: string, text: string, from = 0): string {
  const lines = (HEAD + extra).split('\n');
  const i = lines.findIndex((l, n) => n >= from && l.includes(text));
  return `drift.yaml:${i + 1}:${lines[i]!.indexOf(text) + 1}`;
}

describe('rules: keys the baseline declares, types that add up', () => {
  test('a misspelt key, pointed at inside the expression, with did-you-mean', () => {
    const extra = '  rules:\n    - { name: x, assert: "db.timout * http.retry.max.attempts <= 120s" }\n';
    expect(problems(extra)).toEqual([
      `${at(extra, 'db.timout')}: rule "x": key db.timout is not declared in the baseline (did you mean "db.timeout"?)`,
    ]);
  });

  test('in a plain scalar too; where escapes come first, at the start of the value', () => {
    const plain = '  rules:\n    - name: x\n      assert: http.retry.max.attempts > 1 && db.timout < 5s\n';
    expect(problems(plain)[0]).toMatch(new RegExp(`^${at(plain, 'db.timout')}: `));
    const escaped = "  rules:\n    - name: x\n      assert: 'log.level == ''INFO'' && db.timout < 5s'\n";
    expect(problems(escaped)[0]).toMatch(new RegExp(`^${at(escaped, "'log.level")}: `));
    const block = '  rules:\n    - name: x\n      assert: >-\n        db.timout < 5s\n';
    expect(problems(block)[0]).toMatch(new RegExp(`^${at(block, '>-')}: `));
  });

  test('runtime.* keys are built in: declared without a line in the baseline', () => {
    expect(problems('  rules:\n    - { name: x, assert: "runtime.replicas >= 2 && runtime.memory <= 2Gi" }\n')).toEqual([]);
  });

  test('a duration plus a size, a bool compared with a number: refused at the rule, naming the part', () => {
    const extra =
      '  rules:\n    - { name: budget, assert: "db.timeout + cache.size <= 120s" }\n    - { name: flag, assert: "feature.on == 1" }\n';
    expect(problems(extra)).toEqual([
      `${at(extra, '"db.timeout')}: rule "budget": cannot add a size to a duration: db.timeout + cache.size (db.timeout is duration, cache.size is bytes)`,
      `${at(extra, '"feature.on')}: rule "flag": cannot compare a bool with a number: feature.on == 1 (feature.on is bool)`,
    ]);
  });

  test('a declared key without a type is read as written: no false problem', () => {
    expect(problems('  rules:\n    - { name: x, assert: "loose * http.retry.max.attempts <= 120s" }\n')).toEqual([]);
  });

  test('a rule over a secret could never be judged', () => {
    const extra = '  rules:\n    - { name: x, assert: "db.password != \'\'" }\n';
    expect(problems(extra)).toEqual([
      `${at(extra, 'db.password !=')}: rule "x": db.password is a secret: rules cannot read secrets, drift never holds their plain text`,
    ]);
  });

  test('a rule over a secret is refused for that alone: no type problem prints what the secret meets', () => {
    const extra = '  rules:\n    - { name: x, assert: "db.password + \'CANARYliteral\' > 5" }\n';
    const found = problems(extra);
    expect(found).toEqual([
      `${at(extra, 'db.password +')}: rule "x": db.password is a secret: rules cannot read secrets, drift never holds their plain text`,
    ]);
    expect(found.join('\n')).not.toContain('CANARY');
  });
});

describe("expected values pass their own key's checks", () => {
  test("value INF0 beside enum: the value's position, the allowed values and did-you-mean", () => {
    const doc = HEAD.replace('value: INFO }', 'value: INF0 }');
    const parsed = parseEstateDocument(doc, 'drift.yaml');
    if (!parsed.ok) throw new Error('schema');
    const r = assembleEstate(parsed, 'folder');
    const line = doc.split('\n').findIndex((l) => l.includes('INF0'));
    const column = doc.split('\n')[line]!.indexOf('INF0') + 1;
    expect(r.ok ? [] : r.problems.map(formatProblem)).toEqual([
      `drift.yaml:${line + 1}:${column}: value: is not one of DEBUG, INFO, WARN, ERROR (did you mean "INFO"?)`,
    ]);
  });

  it.each([
    [
      'above max, per environment',
      '    t: { type: duration, max: 30s, values: { prod: 60s } }\n',
      '60s',
      'values.prod: is above the maximum 30s',
    ],
    ['below min', '    n: { type: int, min: 2, value: 1 }\n', 'value: 1', 'value: is below the minimum 2'],
    ['pattern', '    v: { pattern: "^v[0-9]+$", value: x1 }\n', 'x1', 'value: does not match the pattern ^v[0-9]+$'],
    ['type', '    d: { type: duration, value: soon }\n', 'soon', 'value: not a duration (type duration)'],
    ['an enum entry of another type', '    e: { type: int, enum: [1, two] }\n', 'two', 'enum: not an integer (type int)'],
  ])('%s', (_name, key, where, message) => {
    const text = HEAD + key;
    const parsed = parseEstateDocument(text, 'drift.yaml');
    if (!parsed.ok) throw new Error(parsed.problems.map(formatProblem).join('\n'));
    const r = assembleEstate(parsed, 'folder');
    const lines = text.split('\n');
    const line = lines.length - 2;
    const column = lines[line]!.indexOf(where.startsWith('value: ') ? where.slice(7) : where, lines[line]!.indexOf(':') + 1) + 1;
    expect(r.ok ? [] : r.problems.map(formatProblem)).toEqual([`drift.yaml:${line + 1}:${column}: ${message}`]);
  });

  test('values that fit pass', () => {
    expect(problems('    ok: { type: duration, value: 10s, values: { prod: 20s }, min: 1s, max: 30s }\n')).toEqual([]);
  });
});

describe('exceptions name something that exists', () => {
  const ex = (fields: string) =>
    `  exceptions:\n    - { ${fields}, reason: r, expires: 2027-01-01 }\n  rules:\n    - { name: payment-wait, assert: "db.timeout * http.retry.max.attempts <= 120s" }\n`;

  test('a misspelt key, with did-you-mean', () => {
    const extra = ex('environment: prod, key: db.timout');
    expect(problems(extra)).toEqual([
      `${at(extra, 'db.timout')}: key db.timout is not declared in the baseline and is not a rule (did you mean "db.timeout"?)`,
    ]);
  });

  test("any spelling of a declared key, a rule's name, a built-in runtime key, a glob that matches: all fine", () => {
    for (const fields of [
      'environment: prod, key: DB_TIMEOUT',
      'environment: prod, key: payment-wait',
      'environment: prod, key: runtime.cpu',
      'environment: "*", key: "cache.*"',
      'environment: "?rod", key: "*.on"',
    ]) {
      expect([fields, problems(ex(fields))]).toEqual([fields, []]);
    }
  });

  test('a key the baseline does not declare, near none it does: its undeclared and parity findings are what it excuses', () => {
    expect(problems(ex('environment: prod, key: legacy.banner'))).toEqual([]);
    // Unless undeclared keys are not judged at all: then it would excuse nothing.
    const ignoring = (HEAD + ex('environment: prod, key: legacy.banner')).replace('baseline:\n', 'baseline:\n  undeclared: ignore\n');
    const doc = parseEstateDocument(ignoring, 'drift.yaml');
    const r = doc.ok ? assembleEstate(doc, 'folder') : undefined;
    expect(r?.ok ? [] : r?.problems.map(formatProblem)).toEqual([
      expect.stringContaining('key legacy.banner is not declared in the baseline and is not a rule'),
    ]);
  });

  test('a misspelt rule name gets did-you-mean too', () => {
    expect(problems(ex('environment: prod, key: payment-wiat'))[0]).toContain(
      'key payment.wiat is not declared in the baseline and is not a rule (did you mean "payment-wait"?)',
    );
  });

  test('a key glob or an environment glob that matches nothing', () => {
    const extra = ex('environment: "prd-*", key: "payments.*"');
    expect(problems(extra)).toEqual([
      `${at(extra, '"prd-*"')}: environment glob "prd-*" matches no environment (the estate has prod, staging)`,
      `${at(extra, '"payments.*"')}: key glob "payments.*" matches no key declared in the baseline and no rule`,
    ]);
  });
});

test('a separate baseline file: rule problems are positioned in that file', () => {
  const doc = parseEstateDocument(
    'version: 1\nenvironments:\n  a:\n    sources:\n      - file: { from: a.yml }\nbaseline: baseline.yaml\n',
    'drift.yaml',
  );
  const base = parseBaselineDocument(
    'keys:\n  db.timeout: { type: duration }\nrules:\n  - { name: x, assert: "db.timout < 5s" }\n',
    'baseline.yaml',
  );
  if (!doc.ok || !base.ok) throw new Error('invalid');
  const r = assembleEstate(doc, 'folder', base);
  expect(r.ok ? [] : r.problems.map(formatProblem)).toEqual([
    'baseline.yaml:4:25: rule "x": key db.timout is not declared in the baseline (did you mean "db.timeout"?)',
  ]);
});
