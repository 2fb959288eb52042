import { existsSync, symlinkSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { drift, scratch } from '../helpers/cli';

const ESTATE = `version: 1
name: shop
environments:
  staging:
    sources:
      - file: { from: staging.yml }
  production:
    sources:
      - file: { from: production.yml }
      - dotenv: { from: [production.env, overrides.env] }
baseline:
  undeclared: ignore
  keys:
    db.timeout: { type: duration, value: 10s }
    http.retry.max.attempts: { type: int, value: 3 }
    cache.size: { type: bytes }
    log.level: { enum: [DEBUG, INFO, WARN, ERROR], value: INFO }
  exceptions:
    - { environment: production, key: log.level, value: DEBUG, reason: "INC-1 debugging", expires: 2026-12-31 }
  rules:
    - { name: request-budget, assert: "db.timeout * http.retry.max.attempts <= 120s" }
`;

const FILES = {
  'drift.yaml': ESTATE,
  'staging.yml': 'db:\n  timeout: 10s\nhttp:\n  retry:\n    max:\n      attempts: 3\nlog:\n  level: INFO\n',
  'production.yml': 'db:\n  timeout: 10s\nhttp:\n  retry:\n    max:\n      attempts: 3\nlog:\n  level: DEBUG\n',
  'production.env': 'CACHE_SIZE=1Gi\n',
  'overrides.env': '',
};

/** `drift.yaml:L:C` of the first `needle` in the text: where a problem must point. */
function at(text: string, needle: string): string {
  const lines = text.split('\n');
  const i = lines.findIndex((l) => l.includes(needle));
  if (i < 0) throw new Error(`${needle} is not in the estate`);
  return `drift.yaml:${i + 1}:${lines[i]!.indexOf(needle) + 1}`;
}

interface Variant {
  name: string;
  estate: string;
  /** The problem, as validate prints it. */
  problem: (estate: string) => string;
}

const BROKEN: Variant[] = [
  {
    name: 'a misspelt key in a rule',
    estate: ESTATE.replace('"db.timeout * http', '"db.timout * http'),
    problem: (e) =>
      `${at(e, 'db.timout')}: rule "request-budget": key db.timout is not declared in the baseline (did you mean "db.timeout"?)`,
  },
  {
    name: 'a rule adding a size to a duration',
    estate: ESTATE.replace('db.timeout * http.retry.max.attempts <= 120s', 'db.timeout + cache.size <= 120s'),
    problem: (e) =>
      `${at(e, '"db.timeout + cache.size')}: rule "request-budget": cannot add a size to a duration: db.timeout + cache.size (db.timeout is duration, cache.size is bytes)`,
  },
  {
    name: 'an expected value outside its own enum',
    estate: ESTATE.replace('value: INFO }', 'value: INF0 }'),
    problem: (e) => `${at(e, 'INF0')}: value: is not one of DEBUG, INFO, WARN, ERROR (did you mean "INFO"?)`,
  },
  {
    name: 'an exception on a misspelt key',
    estate: ESTATE.replace('key: log.level,', 'key: log.levle,'),
    problem: (e) => `${at(e, 'log.levle')}: key log.levle is not declared in the baseline and is not a rule (did you mean "log.level"?)`,
  },
];

const MISSING_FROM: Variant = {
  name: 'a from: path that does not exist',
  estate: ESTATE.replace('from: staging.yml', 'from: stagin.yml'),
  problem: (e) =>
    `${at(e, 'stagin.yml')}: environments.staging.sources[0].file.from: stagin.yml does not exist (did you mean "staging.yml"?)`,
};

describe('drift validate catches what the audit would trip on', () => {
  test('the estate as written is valid', async () => {
    const r = await drift(['validate'], { cwd: scratch(FILES) });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('drift.yaml is valid');
  });

  test.each([...BROKEN, MISSING_FROM].map((v) => [v.name, v] as const))(
    '%s: a positioned problem naming the culprit, exit 2',
    async (_name, v) => {
      const dir = scratch({ ...FILES, 'drift.yaml': v.estate });
      const r = await drift(['validate'], { cwd: dir });
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toBe(`${v.problem(v.estate)}\n`);
    },
  );

  test.each(BROKEN.map((v) => [v.name, v] as const))('%s: the audit refuses it too, collects nothing, writes nothing', async (_name, v) => {
    const dir = scratch({ ...FILES, 'drift.yaml': v.estate });
    const r = await drift(['audit'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(v.problem(v.estate));
    expect(existsSync(path.join(dir, '.drift'))).toBe(false);
  });

  test('a missing from: path is still a source-error for the audit, which judges the rest', async () => {
    const dir = scratch({ ...FILES, 'drift.yaml': MISSING_FROM.estate });
    const r = await drift(['audit', '--format', 'json', '--no-store'], { cwd: dir });
    expect(r.code).toBe(3);
    const doc = JSON.parse(r.stdout) as { findings: Array<{ kind: string; environment?: string; message: string }> };
    expect(doc.findings.map((f) => `${f.kind} ${f.environment}`)).toEqual(['source-error staging']);
    expect(doc.findings[0]!.message).toContain('stagin.yml');
  });

  test('a from: path that is a link to nothing is named so, not offered as its own near name', async () => {
    const estate = ESTATE.replace('from: staging.yml', 'from: dangling.yml');
    const dir = scratch({ ...FILES, 'drift.yaml': estate });
    symlinkSync(path.join(dir, 'gone.yml'), path.join(dir, 'dangling.yml'));
    const r = await drift(['validate'], { cwd: dir });
    expect(r.stderr).toBe(
      `${at(estate, 'dangling.yml')}: environments.staging.sources[0].file.from: dangling.yml is a symbolic link to a path that does not exist\n`,
    );
  });

  test('a missing path in a list of recordings is named at its own position', async () => {
    const estate = ESTATE.replace('overrides.env]', 'override.env]');
    const r = await drift(['validate'], { cwd: scratch({ ...FILES, 'drift.yaml': estate }) });
    expect(r.stderr).toBe(
      `${at(estate, 'override.env')}: environments.production.sources[1].dotenv.from: override.env does not exist (did you mean "overrides.env"?)\n`,
    );
  });

  test('a recorded folder exists as well as a file', async () => {
    const estate = ESTATE.replace(
      '      - dotenv: { from: [production.env, overrides.env] }',
      '      - k8s: { from: manifests/, workload: api }',
    );
    const r = await drift(['validate'], {
      cwd: scratch({ ...FILES, 'drift.yaml': estate, 'manifests/deployment.yaml': 'kind: Deployment\n' }),
    });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  });
});

describe('drift validate reports the names a deploy would refuse', () => {
  const LIVE = `version: 1
name: shop
environments:
  production:
    sources:
      - eks: { cluster: prod, namespace: Shop_1, workload: "api server", container: server }
      - ssm: { path: /prod/api/, region: eu west }
      - eks: { cluster: "arn:aws:eks:eu-west-1:123456789012:cluster/prod", namespace: shop, workload: api }
`;

  test('each name that is not one, positioned at its field like other estate errors, exit 2', async () => {
    const r = await drift(['validate'], { cwd: scratch({ 'drift.yaml': LIVE }) });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    const field = 'environments.production.sources';
    expect(r.stderr.split('\n').filter(Boolean)).toEqual([
      `${at(LIVE, 'Shop_1')}: ${field}[0].eks.namespace: "Shop_1" is not a Kubernetes namespace (a DNS label: lowercase letters, digits and "-", at most 63)`,
      expect.stringMatching(
        new RegExp(`^${at(LIVE, '"api server"')}: ${field}\\[0\\]\\.eks\\.workload: "api server" is not a Kubernetes workload \\(`),
      ),
      `${at(LIVE, 'eu west')}: ${field}[1].ssm.region: "eu west" is not an AWS region (e.g. eu-west-1)`,
      `${at(LIVE, '"arn:aws:eks')}: ${field}[2].eks.cluster: "arn:aws:eks:eu-west-1:123456789012:cluster/prod" is an ARN: give the EKS cluster's name`,
    ]);
  });

  test('recorded sources are not judged as live reads: the CLI audits them', async () => {
    const estate = LIVE.replace(/      - .*\n/g, '').replace(
      'sources:\n',
      'sources:\n      - k8s: { from: manifests/, workload: "deployment/api" }\n',
    );
    const r = await drift(['validate'], { cwd: scratch({ 'drift.yaml': estate, 'manifests/deployment.yaml': 'kind: Deployment\n' }) });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  });
});

describe('drift validate --format json', () => {
  test('an invalid estate: one JSON document on stdout listing every problem, nothing on stderr, exit 2', async () => {
    const estate = BROKEN[0]!.estate.replace('value: INFO }', 'value: INF0 }');
    const r = await drift(['validate', '--format', 'json'], { cwd: scratch({ ...FILES, 'drift.yaml': estate }) });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('');
    const doc = JSON.parse(r.stdout);
    const position = (needle: string) => {
      const [file, line, column] = at(estate, needle).split(':');
      return { file, line: Number(line), column: Number(column) };
    };
    expect(doc).toEqual({
      valid: false,
      warnings: [],
      problems: [
        { ...position('INF0'), message: 'value: is not one of DEBUG, INFO, WARN, ERROR (did you mean "INFO"?)' },
        {
          ...position('db.timout'),
          message: 'rule "request-budget": key db.timout is not declared in the baseline (did you mean "db.timeout"?)',
        },
      ],
    });
  });

  test('missing recordings and unreadable estate files are problems in the same document', async () => {
    const dir = scratch({ ...FILES, 'drift.yaml': MISSING_FROM.estate });
    const missing = await drift(['validate', '--format', 'json'], { cwd: dir });
    expect(missing.code).toBe(2);
    expect(JSON.parse(missing.stdout).problems).toEqual([
      expect.objectContaining({ file: 'drift.yaml', message: expect.stringContaining('stagin.yml does not exist') }),
    ]);
    const nofile = await drift(['validate', '--format', 'json', '-c', 'nope.yaml'], { cwd: dir });
    expect(nofile.code).toBe(2);
    expect(JSON.parse(nofile.stdout)).toEqual({
      valid: false,
      problems: [{ file: 'nope.yaml', line: 1, column: 1, message: 'cannot read the estate file: not found' }],
      warnings: [],
    });
  });

  test('a valid estate: valid true, no problems, and its summary', async () => {
    const r = await drift(['validate', '--format', 'json'], { cwd: scratch(FILES) });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ valid: true, problems: [], estate: 'shop', rules: 1, exceptions: 1 });
  });
});

describe('exceptions with key globs', () => {
  test('`key: db.*` excuses every db key in its environment and nothing else', async () => {
    const estate = ESTATE.replace(
      '    - { environment: production, key: log.level',
      '    - { environment: production, key: "db.*", reason: "PERF-7 load test", expires: 2026-12-31 }\n    - { environment: production, key: log.level',
    );
    const dir = scratch({
      ...FILES,
      'drift.yaml': estate,
      'production.yml': 'db:\n  timeout: 20s\nhttp:\n  retry:\n    max:\n      attempts: 4\nlog:\n  level: DEBUG\n',
    });
    const r = await drift(['audit', '--format', 'json', '--no-store'], { cwd: dir });
    const doc = JSON.parse(r.stdout) as {
      findings: Array<{ kind: string; key?: string }>;
      suppressed: Array<{ key: string; exception: { key: string } }>;
    };
    expect(doc.suppressed.map((f) => [f.key, f.exception.key]).sort()).toEqual([
      ['db.timeout', 'db.*'],
      ['log.level', 'log.level'],
    ]);
    expect(doc.findings.map((f) => `${f.kind} ${f.key}`)).toEqual(['mismatch http.retry.max.attempts']);
  });

  test('a key glob that matches nothing is refused', async () => {
    const estate = ESTATE.replace('key: log.level,', 'key: "logging.*",');
    const r = await drift(['validate'], { cwd: scratch({ ...FILES, 'drift.yaml': estate }) });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${at(estate, '"logging.*"')}: key glob "logging.*" matches no key declared in the baseline and no rule`);
  });
});

describe('a rule judged in no environment', () => {
  const estate = ESTATE.replace(
    '    - { name: request-budget',
    '    - { name: payment-worst-case-wait, assert: "payment.timeout * http.retry.max.attempts <= 120s", severity: critical }\n    - { name: request-budget',
  ).replace('    cache.size: { type: bytes }', '    cache.size: { type: bytes }\n    payment.timeout: { type: duration }');
  interface F {
    id: string;
    kind: string;
    severity: string;
    environment?: string;
    group?: string;
    rule?: string;
    message: string;
    status?: string;
    firstSeen?: string;
    reason?: string;
  }
  const unjudged = (findings: F[]) => findings.filter((f) => f.kind === 'rule' && f.environment === undefined);
  const T1 = new Date('2026-11-24T02:00:00Z');
  const T2 = new Date('2026-11-25T02:00:00Z');
  const T3 = new Date('2026-11-26T02:00:00Z');
  const T4 = new Date('2026-11-27T02:00:00Z');

  test('is an estate-wide finding naming the rule and the absent key, in every format', async () => {
    const dir = scratch({ ...FILES, 'drift.yaml': estate });
    const r = await drift(['audit', '--format', 'json', '--no-store'], { cwd: dir });
    const doc = JSON.parse(r.stdout) as { findings: F[]; summary: { rulesSkipped: number } };
    expect(unjudged(doc.findings)).toEqual([
      expect.objectContaining({
        kind: 'rule',
        // Low, not the rule's critical: nothing is known to be violated.
        severity: 'low',
        rule: 'payment-worst-case-wait',
        message: 'rule payment-worst-case-wait could not be judged in any environment: payment.timeout is set nowhere',
      }),
    ]);
    expect(unjudged(doc.findings)[0]).not.toHaveProperty('group');
    expect(doc.summary.rulesSkipped).toBe(2);
    // The CI gate (--fail-on high) passes: a rule nobody could judge is not a rule that is false; asked for low, it fails.
    expect(r.code).toBe(0);
    expect((await drift(['audit', '--no-store', '--fail-on', 'low'], { cwd: dir })).code).toBe(1);
    const text = await drift(['audit', '--no-store'], { cwd: dir });
    expect(text.stdout).toContain('all environments');
    expect(text.stdout).toContain('rule payment-worst-case-wait could not be judged in any environment');
  });

  test('with a store: new, then still open on the next run; --env carries it; a full run that judges the rule resolves it', async () => {
    const dir = scratch({ ...FILES, 'drift.yaml': estate });
    const run = async (now: Date, extra: string[] = []) =>
      JSON.parse((await drift(['audit', '--format', 'json', ...extra], { cwd: dir, now })).stdout) as { findings: F[]; resolved: F[] };
    const first = unjudged((await run(T1)).findings);
    expect(first.map((f) => f.status)).toEqual(['new']);
    const second = unjudged((await run(T2)).findings);
    expect(second.map((f) => [f.id, f.status, f.firstSeen])).toEqual([[first[0]!.id, 'open', T1.toISOString()]]);

    // Staging gets the key: an audit of staging alone cannot say the rule is judged now.
    writeFileSync(path.join(dir, 'staging.yml'), `${FILES['staging.yml']}payment:\n  timeout: 10s\n`);
    const partial = await run(T3, ['--env', 'staging']);
    expect(partial.resolved).toEqual([]);
    const full = await run(T4);
    expect(unjudged(full.findings)).toEqual([]);
    expect(full.resolved.map((f) => [f.kind, f.rule, f.environment])).toEqual([['rule', 'payment-worst-case-wait', undefined]]);
  });
});

describe('a rule key declared nowhere and near nothing', () => {
  // The product contract's own example reads payment.timeout and payment.max.retries without
  // declaring them: that estate stays valid, and validate says what it cannot check.
  const estate = [
    'version: 1',
    'environments:',
    '  prod:',
    '    sources:',
    '      - dotenv: { from: prod.env }',
    'baseline:',
    '  keys:',
    '    db.timeout: { type: duration }',
    '  rules:',
    '    - { name: worst-case, assert: "payment.timeout * payment.max.retries <= 120s" }',
  ].join('\n');

  test('is a warning with its position, not a problem', async () => {
    const dir = scratch({ 'drift.yaml': estate, 'prod.env': 'PAYMENT_TIMEOUT=30s\nPAYMENT_MAX_RETRIES=3\n' });
    const text = await drift(['validate'], { cwd: dir });
    expect(text.code).toBe(0);
    expect(text.stderr).toBe(
      'drift.yaml:10:36: warning: rule "worst-case": key payment.timeout is not declared in the baseline: it is read untyped (declare it with its type to have the rule checked)\n' +
        'drift.yaml:10:54: warning: rule "worst-case": key payment.max.retries is not declared in the baseline: it is read untyped (declare it with its type to have the rule checked)\n',
    );
    const json = await drift(['validate', '--format', 'json'], { cwd: dir });
    const doc = JSON.parse(json.stdout) as { valid: boolean; warnings: Array<{ line: number; message: string }> };
    expect(doc.valid).toBe(true);
    expect(doc.warnings.map((w) => w.line)).toEqual([10, 10]);
    // And the audit judges the rule on what is set.
    const audit = await drift(['audit', '--no-store', '--format', 'json'], { cwd: dir });
    expect(audit.code).toBe(0);
  });
});
