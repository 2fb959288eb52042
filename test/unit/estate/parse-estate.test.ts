import { formatProblem } from '../../../lambdas/core/estate/estate-error';
import { assembleEstate, parseBaselineDocument, parseEstateDocument } from '../../../lambdas/core/estate/parse-estate';

function problems(text: string): string[] {
  const doc = parseEstateDocument(text, 'drift.yaml');
  if (!doc.ok) return doc.problems.map(formatProblem);
  const r = assembleEstate(doc, 'folder');
  return r.ok ? [] : r.problems.map(formatProblem);
}

const VALID = `version: 1
name: checkout-api
environments:
  staging:
    region: us-east-1
    sources:
      - file:   { from: config/staging.yml }
      - dotenv: { from: env/staging.env }
      - ssm:    { path: /staging/api/, from: exports/staging-ssm.json }
      - ecs:    { from: [exports/td.json, exports/svc.json], container: api }
      - k8s:    { from: manifests/staging/, workload: api-server, container: server }
  production-us:
    account: "222222222222"
    roleArn: arn:aws:iam::222222222222:role/drift-read
    sources:
      - ssm: { path: /production/api/ }
      - ecs: { cluster: prod, service: api-server, container: api }
      - eks: { cluster: prod, namespace: api, workload: api-server }
  production-eu:
    sources:
      - file: { from: config/eu.yml }
parity:
  - name: us-vs-eu
    environments: [production-us, production-eu]
baseline:
  undeclared: info
  keys:
    DB_TIMEOUT:        { type: duration, value: 10s, max: 30s }
    db.host:           { per-environment: true, required: true }
    log.level:         { enum: [DEBUG, INFO, WARN, ERROR], value: INFO }
    log.include.sensitive: { type: bool, value: false, severity: critical }
    db.pool.size:      { type: int, value: 20, values: { production-eu: 20 } }
    enable.new.checkout:   { retired: 2026-05-01 }
    payment.api.key:   { secret: true }
    runtime.replicas:  {}
    feature.x: true
  exceptions:
    - { environment: production-us, key: log.level, value: DEBUG, reason: "INC-2231", ticket: OPS-88, expires: 2026-12-01 }
    - { environment: us-vs-eu, key: db.pool.size, reason: "tuning", expires: 2026-12-01 }
  rules:
    - { name: payment-worst-case-wait, assert: "payment.timeout * payment.max.retries <= 120s", severity: high }
notify:
  sns:   { minSeverity: high, kinds: all, onFirstRun: false }
  slack: { minSeverity: low, window: "0 8 * * *", timezone: Europe/Berlin, allClear: true }
`;

describe('drift.yaml: every field of the spec', () => {
  test('the spec example is valid and becomes the model', () => {
    const doc = parseEstateDocument(VALID, 'drift.yaml');
    if (!doc.ok) throw new Error(doc.problems.map(formatProblem).join('\n'));
    const r = assembleEstate(doc, 'folder');
    if (!r.ok) throw new Error(r.problems.map(formatProblem).join('\n'));
    const e = r.estate;
    expect(e.name).toBe('checkout-api');
    expect(e.environments.map((x) => x.name)).toEqual(['staging', 'production-us', 'production-eu']);
    expect(e.environments[0]!.sources.map((s) => s.type)).toEqual(['file', 'dotenv', 'ssm', 'ecs', 'k8s']);
    expect(e.environments[0]!.sources[3]).toMatchObject({
      type: 'ecs',
      from: ['exports/td.json', 'exports/svc.json'],
      container: 'api',
      index: 3,
    });
    expect(e.environments[1]).toMatchObject({ account: '222222222222', roleArn: 'arn:aws:iam::222222222222:role/drift-read' });
    expect(e.baseline.keys.get('db.timeout')).toMatchObject({ type: 'duration', value: '10s', max: '30s' });
    expect(e.baseline.keys.get('db.pool.size')).toMatchObject({ type: 'int', value: '20', values: { 'production-eu': '20' } });
    expect(e.baseline.keys.get('runtime.replicas')).toMatchObject({ type: 'int' });
    expect(e.baseline.keys.get('feature.x')).toMatchObject({ value: 'true', type: 'bool' });
    expect(e.baseline.exceptions[1]).toMatchObject({ group: 'us-vs-eu', environment: undefined });
    expect(e.notify.slack.timezone).toBe('Europe/Berlin');
  });

  test('the name defaults to the folder and notify to the spec defaults', () => {
    const doc = parseEstateDocument('version: 1\nenvironments:\n  a:\n    sources:\n      - file: { from: a.yml }\n', 'drift.yaml');
    if (!doc.ok) throw new Error('invalid');
    const r = assembleEstate(doc, 'my-service');
    expect(r.ok && r.estate.name).toBe('my-service');
    expect(r.ok && r.estate.notify).toEqual({
      tickets: { minSeverity: 'high', kinds: 'all', labels: ['drift'], owners: {} },
      sns: { minSeverity: 'high', kinds: 'all', onFirstRun: false },
      slack: { minSeverity: 'low', window: '0 8 * * *', timezone: 'Europe/Berlin', allClear: true },
    });
  });
});

const ONE_ENV = (body: string, extra = '') => `version: 1\nenvironments:\n  staging:\n    sources:\n${body}\n${extra}`;

describe('positioned errors with "did you mean"', () => {
  test.each([
    [
      'a misspelt source field',
      ONE_ENV('      - ssm: { pth: /a/ }'),
      'drift.yaml:5:16: environments.staging.sources[0].ssm: unknown field "pth" (did you mean "path"?)',
    ],
    [
      'a misspelt source kind',
      ONE_ENV('      - dotnev: { from: a.env }'),
      'drift.yaml:5:9: environments.staging.sources[0]: unknown field "dotnev" (did you mean "dotenv"?)',
    ],
    [
      'a misspelt top-level field',
      ONE_ENV('      - file: { from: a.yml }', 'paritty: []'),
      'drift.yaml:6:1: unknown field "paritty" (did you mean "parity"?)',
    ],
    [
      'a misspelt key field',
      ONE_ENV('      - file: { from: a.yml }', 'baseline:\n  keys:\n    db.timeout: { tpye: duration }'),
      'drift.yaml:8:19: baseline.keys.db.timeout: unknown field "tpye" (did you mean "type"?)',
    ],
    [
      'a misspelt type',
      ONE_ENV('      - file: { from: a.yml }', 'baseline:\n  keys:\n    db.timeout: { type: duraton }'),
      'drift.yaml:8:25: baseline.keys.db.timeout.type: expected one of string, int, number, bool, duration, bytes, cpu, url, json (did you mean "duration"?)',
    ],
    [
      'a misspelt environment in a parity group',
      ONE_ENV('      - file: { from: a.yml }', 'parity:\n  - name: g\n    environments: [staging, stagin]'),
      'drift.yaml:8:29: unknown environment "stagin" (did you mean "staging"?)',
    ],
    [
      'an environment listed twice in a parity group',
      ONE_ENV('      - file: { from: a.yml }', 'parity:\n  - name: g\n    environments: [staging, staging]'),
      'drift.yaml:8:29: environment "staging" is listed twice in parity group "g"',
    ],
    [
      'a missing required field',
      ONE_ENV('      - k8s: { from: m/ }'),
      'drift.yaml:5:14: environments.staging.sources[0].k8s: missing field "workload"',
    ],
    [
      'a bad date',
      ONE_ENV('      - file: { from: a.yml }', 'baseline:\n  keys:\n    f: { retired: 2026-02-30 }'),
      'drift.yaml:8:19: baseline.keys.f.retired: expected a date as YYYY-MM-DD',
    ],
    [
      'a value that does not fit its type',
      ONE_ENV('      - file: { from: a.yml }', 'baseline:\n  keys:\n    t: { type: duration, value: soon }'),
      'drift.yaml:8:33: value: not a duration (type duration)',
    ],
    [
      'a rule that does not parse',
      ONE_ENV('      - file: { from: a.yml }', 'baseline:\n  rules:\n    - { name: r, assert: "process.exit()" }'),
      'drift.yaml:8:26: rule "r":',
    ],
    ['YAML syntax', ONE_ENV('      - file: { from: a.yml'), 'drift.yaml:'],
    ['a duplicate key', ONE_ENV('      - file: { from: a.yml }', 'baseline:\n  keys:\n    a: {}\n    a: {}'), 'drift.yaml:9:5:'],
    [
      'the same key spelt twice',
      ONE_ENV('      - file: { from: a.yml }', 'baseline:\n  keys:\n    DB_TIMEOUT: {}\n    db.timeout: {}'),
      'drift.yaml:9:5: "db.timeout" is the same key as "DB_TIMEOUT" (both are db.timeout)',
    ],
    [
      'an unknown runtime key',
      ONE_ENV('      - file: { from: a.yml }', 'baseline:\n  keys:\n    runtime.replica: {}'),
      'drift.yaml:8:5: unknown runtime key "runtime.replica" (did you mean "runtime.replicas"?)',
    ],
    [
      'an exception for an unknown environment',
      ONE_ENV(
        '      - file: { from: a.yml }',
        'baseline:\n  exceptions:\n    - { environment: stagng, key: a, reason: r, expires: 2026-01-01 }',
      ),
      'drift.yaml:8:22: unknown environment "stagng" (did you mean "staging"?)',
    ],
    ['a wrong version', 'version: 2\nenvironments: {}', 'drift.yaml:1:10: version: expected 1'],
    ['an empty file', '', 'drift.yaml:1:1: the file is empty'],
    ['a file of comments', '# nothing yet\n', 'drift.yaml:1:1: the file is empty'],
    ['a document marker alone', '---\n', 'drift.yaml:1:1: the file is empty'],
    ['a document marker and comments', '---\n# nothing yet\n', 'drift.yaml:1:1: the file is empty'],
  ])('%s', (_name, text, expected) => {
    const found = problems(text);
    expect(found.length).toBeGreaterThan(0);
    expect(found.some((p) => p.startsWith(expected))).toBe(true);
  });

  test('a separate baseline file is checked with its own positions', () => {
    const b = parseBaselineDocument('keys:\n  a: { requird: true }\n', 'baseline.yaml');
    expect(b.ok).toBe(false);
    expect(!b.ok && b.problems.map(formatProblem)).toEqual([
      'baseline.yaml:2:8: keys.a: unknown field "requird" (did you mean "required"?)',
    ]);
  });
});

describe('"__proto__" as a name', () => {
  // JavaScript objects cannot hold it as a name: parsed as is, the environment or key would vanish without a word.
  test.each([
    ['an environment', 'version: 1\nname: x\nenvironments:\n  __proto__:\n    sources: []\n  prod:\n    sources: []\n', 'drift.yaml:4:3'],
    [
      'a baseline key',
      `version: 1\nname: x\nenvironments:\n  prod:\n    sources: []\nbaseline:\n  keys:\n    __proto__: { type: string, value: x }\n`,
      'drift.yaml:8:5',
    ],
    ['a flow mapping key', 'version: 1\nname: x\nenvironments: { prod: { sources: [] }, __proto__: { sources: [] } }\n', 'drift.yaml:3:40'],
  ])('%s is refused where it is written', (_what, text, at) => {
    expect(problems(text)).toEqual([`${at}: "__proto__" cannot be a name in an estate file`]);
  });

  test('the word anywhere else (a value, part of a name) is nothing special', () => {
    const text = `version: 1\nname: x\nenvironments:\n  prod__proto__x:\n    sources:\n      - dotenv: { from: a.env }\nbaseline:\n  keys:\n    a: { type: string, value: __proto__ }\n`;
    expect(problems(text)).toEqual([]);
  });
});

describe('a section left empty', () => {
  // `exceptions:` once its last entry is commented out, a template's placeholders: YAML reads each as null.
  const HEAD = 'version: 1\nname: x\nenvironments:\n  prod:\n    sources:\n      - dotenv: { from: a.env }\n';
  test('is read as absent, in the estate file and in its baseline', () => {
    const text = `${HEAD}parity:\nnotify:\ndeployers:\nflags:\ncode:\nbaseline:\n  keys:\n  exceptions:\n  # - { environment: prod, key: a, reason: r, expires: 2026-12-01 }\n  rules:\n`;
    expect(problems(text)).toEqual([]);
    const doc = parseEstateDocument(text, 'drift.yaml');
    const estate = doc.ok ? assembleEstate(doc, 'folder') : undefined;
    expect(
      estate?.ok && [
        estate.estate.parity,
        estate.estate.baseline.keys.size,
        estate.estate.baseline.exceptions,
        estate.estate.baseline.rules,
      ],
    ).toEqual([[], 0, [], []]);
    expect(problems(`${HEAD}baseline:\n`)).toEqual([]);
  });

  test('in a separate baseline file too', () => {
    const b = parseBaselineDocument('keys:\n  a: { required: true }\nexceptions:\nrules:\n', 'baseline.yaml');
    expect(b.ok && [b.raw.exceptions, b.raw.rules]).toEqual([[], []]);
  });

  test('is no licence for a field the schema does not know, or for no environment', () => {
    expect(problems(`${HEAD}paritty:\n`)).toEqual(['drift.yaml:7:1: unknown field "paritty" (did you mean "parity"?)']);
    expect(problems('version: 1\nname: x\nenvironments:\n')).not.toEqual([]);
  });
});

describe('a source written twice in one environment', () => {
  test('is refused where it is written again, naming the first', () => {
    const text =
      'version: 1\nname: x\nenvironments:\n  prod:\n    sources:\n      - dotenv: { from: a.env }\n      - file: { from: a.yml }\n      - dotenv: { from: a.env }\n  staging:\n    sources:\n      - dotenv: { from: a.env }\n';
    expect(problems(text)).toEqual(['drift.yaml:8:9: environments.prod.sources[2]: the same source as sources[0]']);
  });
});
