import { audit } from '../../../lambdas/core/engine/audit';
import type { EnvironmentSnapshot, Finding } from '../../../lambdas/core/model';
import { makeValue } from '../../../lambdas/core/values/value';
import { testFingerprinter } from '../../helpers/context';
import { estateFrom, estateYaml, NOW, snapshot, type SourceGiven } from '../../helpers/estate';

interface Case {
  name: string;
  envs?: string[];
  extra: string;
  given: Record<string, SourceGiven[]>;
  /** Findings that must be reported, as `kind scope key`. */
  fires: string[];
  /** Must not be reported at all (look-alikes). */
  silent?: string[];
}

const line = (f: Finding) => `${f.kind} ${f.environment ?? f.group} ${f.key ?? f.rule ?? f.source?.location}`;
const secret = (text: string) => makeValue(text, true, testFingerprinter());

function run(c: Case) {
  const envs = c.envs ?? Object.keys(c.given);
  const estate = estateFrom(estateYaml(envs, c.extra));
  const snaps: EnvironmentSnapshot[] = envs.map((e) => snapshot(e, ...(c.given[e] ?? [{}])));
  return audit(estate, snaps, NOW);
}

const baseline = (body: string) => `baseline:\n  undeclared: ignore\n${body}`;
/** A baseline that tracks undeclared keys: with `undeclared: ignore` they take no part in parity either. */
const tracked = (body: string) => `baseline:\n  undeclared: info\n${body}`;
const group = (...envs: string[]) => `parity:\n  - name: g\n    environments: [${envs.join(', ')}]\n`;

const CASES: Case[] = [
  {
    name: 'mismatch: a value differs from the expected one; an equal value written differently does not',
    extra: baseline('  keys:\n    db.timeout: { type: duration, value: 10s }\n    api.timeout: { type: duration, value: 1m }\n'),
    given: {
      prod: [{ values: { 'db.timeout': '60s', 'api.timeout': '60000ms' } }],
      staging: [{ values: { 'db.timeout': '10s', 'api.timeout': '60' } }],
    },
    fires: ['mismatch prod db.timeout'],
    silent: ['mismatch staging db.timeout', 'mismatch prod api.timeout', 'mismatch staging api.timeout'],
  },
  {
    name: 'mismatch: per-environment expected values',
    extra: baseline('  keys:\n    db.pool.size: { type: int, value: 20, values: { eu: 10 } }\n'),
    given: { us: [{ values: { 'db.pool.size': '10' } }], eu: [{ values: { 'db.pool.size': '10' } }] },
    fires: ['mismatch us db.pool.size'],
    silent: ['mismatch eu db.pool.size'],
  },
  {
    name: 'missing: required or expected keys that are absent; a per-environment key with no value is not expected',
    extra: baseline(
      '  keys:\n    inventory.service.url: { type: url, required: true, per-environment: true }\n    log.level: { value: INFO }\n    db.host: { per-environment: true }\n',
    ),
    given: { staging: [{ values: { 'inventory.service.url': 'https://inv.staging', 'log.level': 'INFO' } }], prod: [{ values: {} }] },
    fires: ['missing prod inventory.service.url', 'missing prod log.level'],
    silent: ['missing staging inventory.service.url', 'missing prod db.host', 'missing staging db.host'],
  },
  {
    name: 'missing: never where a source failed, never for runtime keys',
    extra: baseline('  keys:\n    log.level: { value: INFO }\n    runtime.replicas: { value: 3 }\n'),
    given: { prod: [{ values: {} }, { errors: ['boom'] }], staging: [{ values: { 'log.level': 'INFO' } }] },
    fires: ['source-error prod #1'],
    silent: ['missing prod log.level', 'missing staging runtime.replicas', 'missing prod runtime.replicas'],
  },
  {
    name: 'constraint: a runtime key is judged by its built-in type only where declared',
    extra: baseline('  keys:\n    runtime.memory: {}\n'),
    given: { prod: [{ values: { 'runtime.cpu': 'lots', 'runtime.memory': '5Qi', 'runtime.replicas': 'ten' } }] },
    fires: ['constraint prod runtime.memory'],
    silent: ['constraint prod runtime.cpu', 'constraint prod runtime.replicas'],
  },
  {
    name: 'undeclared: present but not declared; runtime keys never are',
    extra: 'baseline:\n  undeclared: low\n  keys:\n    a: {}\n',
    given: { prod: [{ values: { a: '1', 'legacy.cache.ttl': '300', 'runtime.replicas': '3' } }] },
    fires: ['undeclared prod legacy.cache.ttl'],
    silent: ['undeclared prod a', 'undeclared prod runtime.replicas'],
  },
  {
    name: 'retired: still present after the date; not on the date itself, not where absent',
    extra: baseline('  keys:\n    enable.new.checkout: { retired: 2026-05-01 }\n    old.flag: { retired: 2026-11-24 }\n'),
    given: { prod: [{ values: { 'enable.new.checkout': 'true', 'old.flag': 'x' } }], dev: [{ values: {} }] },
    fires: ['retired prod enable.new.checkout'],
    silent: ['retired prod old.flag', 'retired dev enable.new.checkout', 'missing dev enable.new.checkout'],
  },
  {
    name: 'constraint: max, min, enum, pattern and type; values inside the bounds pass',
    extra: baseline(
      '  keys:\n    db.timeout: { type: duration, max: 30s }\n    pool: { type: int, min: 5 }\n    log.level: { enum: [DEBUG, INFO] }\n    region.code: { pattern: "^[a-z]{2}-[a-z]+-[0-9]$" }\n    retries: { type: int }\n',
    ),
    given: {
      prod: [{ values: { 'db.timeout': '60s', pool: '2', 'log.level': 'TRACE', 'region.code': 'EU', retries: 'three' } }],
      staging: [{ values: { 'db.timeout': '30s', pool: '5', 'log.level': 'INFO', 'region.code': 'eu-west-1', retries: '3' } }],
    },
    fires: [
      'constraint prod db.timeout',
      'constraint prod pool',
      'constraint prod log.level',
      'constraint prod region.code',
      'constraint prod retries',
    ],
    silent: [
      'constraint staging db.timeout',
      'constraint staging pool',
      'constraint staging log.level',
      'constraint staging region.code',
      'constraint staging retries',
    ],
  },
  {
    name: 'parity: a shared key differs (absence counts); equal values written differently do not',
    envs: ['us', 'eu'],
    extra: group('us', 'eu') + tracked('  keys:\n    db.host: { per-environment: true }\n    db.timeout: { type: duration }\n'),
    given: {
      us: [
        {
          values: { 'database.pool.size': '20', 'db.timeout': '60s', 'http.read.timeout': '60s', flag: 'True', 'db.host': 'us', only: 'x' },
        },
      ],
      eu: [{ values: { 'database.pool.size': '10', 'db.timeout': '1m', 'http.read.timeout': '1m', flag: 'true', 'db.host': 'eu' } }],
    },
    fires: ['parity g database.pool.size', 'parity g only'],
    silent: ['parity g db.timeout', 'parity g http.read.timeout', 'parity g flag', 'parity g db.host'],
  },
  {
    name: 'parity: undeclared numbers written with a fraction compare as written, so version 1.10 is not 1.1',
    envs: ['us', 'eu'],
    extra: group('us', 'eu') + tracked(''),
    given: {
      us: [{ values: { 'app.version': '1.10', 'sample.rate': '0.5', 'pool.size': '7' } }],
      eu: [{ values: { 'app.version': '1.1', 'sample.rate': '0.50', 'pool.size': '007' } }],
    },
    fires: ['parity g app.version', 'parity g sample.rate'],
    silent: ['parity g pool.size'],
  },
  {
    name: 'parity: undeclared URLs compare as URLs, so a root slash or the host spelling is no difference',
    envs: ['us', 'eu'],
    extra: group('us', 'eu') + tracked(''),
    given: {
      us: [
        {
          values: {
            'svc.url': 'https://svc.example.com/',
            'cdn.url': 'https://CDN.example.com:443/a',
            'api.url': 'https://api.example.com/v1',
          },
        },
      ],
      eu: [
        {
          values: { 'svc.url': 'https://svc.example.com', 'cdn.url': 'https://cdn.example.com/a', 'api.url': 'https://api.example.com/v2' },
        },
      ],
    },
    fires: ['parity g api.url'],
    silent: ['parity g svc.url', 'parity g cdn.url'],
  },
  {
    name: 'parity: a URL with its password masked still compares as a URL; a different password differs',
    envs: ['us', 'eu'],
    extra: group('us', 'eu') + tracked('  keys:\n    hook.url: { type: url }\n'),
    given: {
      us: [
        {
          values: {
            'hook.url': 'https://user:Pa55word@Hooks.example.com/',
            'db.url': 'https://app:hunter2@db.example.com/',
            'queue.url': 'https://app:one@q.example.com',
          },
        },
      ],
      eu: [
        {
          values: {
            'hook.url': 'https://user:Pa55word@hooks.example.com',
            'db.url': 'https://app:hunter2@db.example.com',
            'queue.url': 'https://app:two@q.example.com',
          },
        },
      ],
    },
    fires: ['parity g queue.url'],
    silent: ['parity g hook.url', 'parity g db.url'],
  },
  {
    name: 'parity: secrets are compared by fingerprint, never by what they look like',
    envs: ['us', 'eu', 'ap'],
    extra: group('us', 'eu', 'ap') + tracked(''),
    given: {
      us: [{ values: { 'db.password': secret('s3cret'), 'api.token': secret('one'), mixed: secret('x') } }],
      eu: [{ values: { 'db.password': secret('s3cret'), 'api.token': secret('two'), mixed: 'x' } }],
      ap: [{ values: { 'db.password': secret('s3cret'), 'api.token': secret('one'), mixed: secret('x') } }],
    },
    fires: ['parity g api.token', 'parity g mixed'],
    silent: ['parity g db.password'],
  },
  {
    name: 'parity: keys the first environment lacks are judged too, once each',
    envs: ['us', 'eu', 'ap'],
    extra: group('us', 'eu', 'ap') + tracked(''),
    given: {
      us: [{ values: { same: 'a', 'first.only': 'x' } }],
      eu: [{ values: { same: 'a', 'later.only': 'y', 'later.differs': '1' } }],
      ap: [{ values: { same: 'a', 'later.only': 'y', 'later.differs': '2', 'last.only': 'z' } }],
    },
    fires: ['parity g first.only', 'parity g later.only', 'parity g later.differs', 'parity g last.only'],
    silent: ['parity g same'],
  },
  {
    name: 'parity: no finding where a value is absent because a source failed; runtime keys only when declared',
    envs: ['us', 'eu'],
    extra: group('us', 'eu') + baseline('  keys:\n    runtime.memory: {}\n'),
    given: {
      us: [{ values: { 'feature.x': 'on', 'runtime.memory': '2Gi', 'runtime.cpu': '1' } }],
      eu: [{ values: { 'runtime.memory': '2048Mi', 'runtime.cpu': '2' } }, { errors: ['denied'] }],
    },
    fires: ['source-error eu #1'],
    silent: ['parity g feature.x', 'parity g runtime.memory', 'parity g runtime.cpu'],
  },
  {
    name: 'parity: a key with an expected value is judged by mismatch instead',
    envs: ['us', 'eu'],
    extra: group('us', 'eu') + baseline('  keys:\n    pool: { type: int, value: 20 }\n'),
    given: { us: [{ values: { pool: '20' } }], eu: [{ values: { pool: '10' } }] },
    fires: ['mismatch eu pool'],
    silent: ['parity g pool'],
  },
  {
    name: 'shadowed: sources disagree; the same value in two sources is not shadowing',
    extra: baseline('  keys:\n    database.pool.size: { type: int }\n    db.timeout: { type: duration }\n'),
    given: {
      prod: [
        { type: 'file', values: { 'database.pool.size': '20', 'db.timeout': '60s' } },
        { type: 'ssm', values: { 'database.pool.size': '25', 'db.timeout': '1m' } },
        { type: 'k8s', values: { 'database.pool.size': '15' } },
      ],
    },
    fires: ['shadowed prod database.pool.size'],
    silent: ['shadowed prod db.timeout'],
  },
  {
    name: 'shadowed: secrets compared by fingerprint',
    extra: baseline('  keys:\n    db.password: { secret: true }\n    api.token: { secret: true }\n'),
    given: {
      prod: [
        { type: 'ssm', values: { 'db.password': secret('a'), 'api.token': secret('same') } },
        { type: 'k8s', values: { 'db.password': secret('b'), 'api.token': secret('same') } },
      ],
    },
    fires: ['shadowed prod db.password'],
    silent: ['shadowed prod api.token'],
  },
  {
    name: 'rule: false where the values break it, passes elsewhere, skipped where keys are absent',
    extra: baseline(
      '  keys:\n    payment.timeout: { type: duration }\n    payment.max.retries: { type: int }\n  rules:\n    - { name: worst-case, assert: "payment.timeout * payment.max.retries <= 120s", severity: high }\n',
    ),
    given: {
      prod: [{ values: { 'payment.timeout': '60', 'payment.max.retries': '5' } }],
      staging: [{ values: { 'payment.timeout': '30', 'payment.max.retries': '3' } }],
      dev: [{ values: {} }],
    },
    fires: ['rule prod worst-case'],
    silent: ['rule staging worst-case', 'rule dev worst-case'],
  },
  {
    name: 'exceptions: a live one suppresses, an expired one becomes exception-expired, a value-scoped one excuses only that value',
    extra: baseline(
      '  keys:\n    log.level: { value: INFO }\n  exceptions:\n' +
        '    - { environment: prod, key: log.level, value: DEBUG, reason: debugging, expires: 2026-12-01 }\n' +
        '    - { environment: "eu*", key: log.level, reason: old incident, expires: 2026-10-31 }\n' +
        '    - { environment: staging, key: log.level, value: WARN, reason: only warn, expires: 2027-01-01 }\n',
    ),
    given: {
      prod: [{ values: { 'log.level': 'DEBUG' } }],
      eu1: [{ values: { 'log.level': 'DEBUG' } }],
      staging: [{ values: { 'log.level': 'TRACE' } }],
    },
    fires: ['exception-expired eu1 log.level', 'mismatch staging log.level'],
    silent: ['mismatch prod log.level', 'mismatch eu1 log.level'],
  },
  {
    name: 'shadowed: quiet where the team meant the override (a defaults source; the value the baseline expects)',
    extra: baseline('  keys:\n    log.level: { values: { dev: DEBUG } }\n    pool: { type: int }\n    cache.ttl: { type: duration }\n'),
    given: {
      dev: [
        { type: 'file', defaults: true, values: { 'log.level': 'INFO', pool: '10' } },
        { type: 'dotenv', values: { 'log.level': 'DEBUG', pool: '20', 'cache.ttl': '5m' } },
        { type: 'ssm', values: { 'cache.ttl': '10m' } },
      ],
      prod: [
        { type: 'file', values: { 'log.level': 'INFO' } },
        { type: 'dotenv', values: { 'log.level': 'DEBUG' } },
      ],
    },
    fires: ['shadowed dev cache.ttl', 'shadowed prod log.level'],
    silent: ['shadowed dev log.level', 'shadowed dev pool'],
  },
  {
    name: 'shadowed: a key can set its severity, or turn it off',
    extra: baseline('  keys:\n    pool: { type: int, shadowed: high }\n    cache.ttl: { type: duration, shadowed: ignore }\n'),
    given: {
      prod: [
        { type: 'file', values: { pool: '10', 'cache.ttl': '5m' } },
        { type: 'ssm', values: { pool: '20', 'cache.ttl': '10m' } },
      ],
    },
    fires: ['shadowed prod pool'],
    silent: ['shadowed prod cache.ttl'],
  },
  {
    name: 'parity: a group leaves out its ignore: globs and compares only its keys: globs',
    envs: ['staging', 'prod', 'us', 'eu'],
    extra:
      'parity:\n  - { name: g, environments: [staging, prod], ignore: ["runtime.*", "*_URL"] }\n  - { name: h, environments: [us, eu], keys: ["db.*"] }\n' +
      tracked('  keys:\n    runtime.replicas: {}\n'),
    given: {
      staging: [{ values: { 'runtime.replicas': '2', 'inventory.service.url': 'https://a', 'db.pool': '5' } }],
      prod: [{ values: { 'runtime.replicas': '10', 'inventory.service.url': 'https://b', 'db.pool': '20' } }],
      us: [{ values: { 'db.pool': '20', 'cache.size': '1' } }],
      eu: [{ values: { 'db.pool': '10', 'cache.size': '2' } }],
    },
    fires: ['parity g db.pool', 'parity h db.pool'],
    silent: ['parity g runtime.replicas', 'parity g inventory.service.url', 'parity h cache.size'],
  },
  {
    name: 'parity: `undeclared: ignore` silences parity on undeclared keys too',
    envs: ['us', 'eu'],
    extra: group('us', 'eu') + baseline('  keys:\n    pool: { type: int }\n'),
    given: { us: [{ values: { pool: '20', 'legacy.knob': 'a' } }], eu: [{ values: { pool: '10', 'legacy.knob': 'b' } }] },
    fires: ['parity g pool'],
    silent: ['parity g legacy.knob', 'undeclared us legacy.knob'],
  },
  {
    name: 'parity: a group that names its keys compares them, declared or not',
    envs: ['us', 'eu'],
    extra: 'parity:\n  - { name: g, environments: [us, eu], keys: ["legacy.*"] }\n' + baseline(''),
    given: { us: [{ values: { 'legacy.knob': 'a', other: '1' } }], eu: [{ values: { 'legacy.knob': 'b', other: '2' } }] },
    fires: ['parity g legacy.knob'],
    silent: ['parity g other', 'undeclared us legacy.knob'],
  },
  {
    name: 'missing: `required: false` holds even with an expected value',
    extra: baseline('  keys:\n    banner: { value: "hello", required: false }\n    port: { type: int, value: 8080 }\n'),
    given: { prod: [{ values: {} }], staging: [{ values: { banner: 'bye', port: '8080' } }] },
    fires: ['missing prod port', 'mismatch staging banner'],
    silent: ['missing prod banner'],
  },
  {
    name: 'exceptions: a permanent one suppresses for good',
    extra: baseline(
      '  keys:\n    pool: { type: int, value: 20 }\n  exceptions:\n    - { environment: eu, key: pool, value: 10, reason: "smaller database by design", permanent: true }\n',
    ),
    given: { eu: [{ values: { pool: '10' } }], us: [{ values: { pool: '10' } }] },
    fires: ['mismatch us pool'],
    silent: ['mismatch eu pool', 'exception-expired eu pool'],
  },
  {
    name: "runtime.replicas is the autoscaler's where autoscaling is on; its bounds are compared",
    envs: ['us', 'eu', 'ap'],
    extra:
      group('us', 'eu', 'ap') +
      baseline('  keys:\n    runtime.replicas: {}\n    runtime.autoscaling.enabled: {}\n    runtime.autoscaling.min: {}\n'),
    given: {
      us: [{ values: { 'runtime.replicas': '13', 'runtime.autoscaling.enabled': 'true', 'runtime.autoscaling.min': '10' } }],
      eu: [{ values: { 'runtime.replicas': '7', 'runtime.autoscaling.enabled': 'true', 'runtime.autoscaling.min': '5' } }],
      ap: [{ values: { 'runtime.replicas': '10', 'runtime.autoscaling.enabled': 'true', 'runtime.autoscaling.min': '10' } }],
    },
    fires: ['parity g runtime.autoscaling.min'],
    silent: ['parity g runtime.replicas'],
  },
];

describe('each finding kind fires where it should and not on its look-alike', () => {
  test.each(CASES)('$name', (c) => {
    const r = run(c);
    const reported = r.findings.map(line);
    for (const f of c.fires) expect(reported).toContain(f);
    for (const s of c.silent ?? []) expect(reported).not.toContain(s);
  });
});

test('parity judges a key the first environment lacks once', () => {
  const r = run(CASES.find((c) => c.name.startsWith('parity: keys the first'))!);
  expect(r.findings.filter((f) => f.kind === 'parity' && f.key === 'later.only')).toHaveLength(1);
  expect(r.findings.find((f) => f.key === 'later.only')?.values).toEqual({ us: null, eu: 'y', ap: 'y' });
});

describe('exceptions', () => {
  test('a suppressed finding names its exception and is flagged when it expires within 7 days', () => {
    const r = run(CASES.find((c) => c.name.startsWith('exceptions'))!);
    expect(r.suppressed).toHaveLength(1);
    expect(r.suppressed[0]).toMatchObject({
      kind: 'mismatch',
      environment: 'prod',
      exception: { reason: 'debugging', expires: '2026-12-01' },
      expiresSoon: true,
    });
    const expired = r.findings.find((f) => f.kind === 'exception-expired')!;
    expect(expired).toMatchObject({ expected: 'INFO', actual: 'DEBUG', exception: { expires: '2026-10-31' } });
  });
});

describe('dangling references', () => {
  test('an ECS secret naming a parameter under a snapshotted SSM path that does not exist dangles; one that exists resolves', () => {
    const estate = estateFrom(
      estateYaml(['eu'], baseline('  keys:\n    db.password: { secret: true }\n    stripe.secret: { secret: true }\n')),
    );
    const snap = snapshot('eu', { type: 'ssm', ssmPath: '/eu/app/', values: {} }, { type: 'ecs', values: {} });
    const pw = secret('hunter2');
    const ssmSource = snap.sources[0]!;
    ssmSource.observations.push({
      key: 'db.password',
      rawKey: '/eu/app/db/password',
      value: pw,
      origin: { source: ssmSource.source, location: '/eu/app/db/password' },
    });
    const ecs = snap.sources[1]!;
    for (const [key, target] of [
      ['db.password', 'arn:aws:ssm:eu-west-1:1:parameter/eu/app/db/password'],
      ['stripe.secret', 'arn:aws:ssm:eu-west-1:1:parameter/eu/app/stripe/secret'],
      ['vendor.key', 'arn:aws:secretsmanager:eu-west-1:1:secret:vendor'],
    ] as const) {
      ecs.observations.push({
        key,
        rawKey: key,
        value: { kind: 'ref', target },
        ref: { kind: target.includes(':ssm:') ? 'ssm-parameter' : 'secretsmanager', target },
        origin: { source: ecs.source, location: `secrets ${key}` },
      });
    }
    const r = audit(estate, [snap], NOW);
    const lines = r.findings.map(line);
    expect(lines).toContain('dangling-ref eu stripe.secret');
    expect(lines).not.toContain('dangling-ref eu db.password');
    expect(lines).not.toContain('shadowed eu db.password');
    expect(lines).not.toContain('dangling-ref eu vendor.key');
    expect(r.configs[0]!.entries.get('db.password')!.value).toEqual(pw);
  });
});

describe('identity', () => {
  test('ids are stable when values change and differ per subject', () => {
    const c = CASES[0]!;
    const a = run(c).findings.find((f) => f.key === 'db.timeout')!;
    const b = run({ ...c, given: { ...c.given, prod: [{ values: { 'db.timeout': '90s' } }] } }).findings.find(
      (f) => f.key === 'db.timeout' && f.kind === 'mismatch',
    )!;
    expect(a.id).toBe(b.id);
    const all = run(CASES.find((x) => x.name.startsWith('constraint'))!).findings.map((f) => f.id);
    expect(new Set(all).size).toBe(all.length);
  });

  test('output order is fixed: severity, then scope, kind, key', () => {
    const r = run(CASES.find((x) => x.name.startsWith('constraint'))!);
    const again = run(CASES.find((x) => x.name.startsWith('constraint'))!);
    expect(r.findings.map((f) => f.id)).toEqual(again.findings.map((f) => f.id));
  });
});

test("where autoscaling is off, replicas are the team's and compared", () => {
  const r = run({
    name: 'replicas off',
    envs: ['us', 'eu'],
    extra: group('us', 'eu') + baseline('  keys:\n    runtime.replicas: { value: 10 }\n    runtime.autoscaling.enabled: {}\n'),
    given: {
      us: [{ values: { 'runtime.replicas': '13', 'runtime.autoscaling.enabled': 'true' } }],
      eu: [{ values: { 'runtime.replicas': '15', 'runtime.autoscaling.enabled': 'false' } }],
    },
    fires: [],
  });
  expect(r.findings.map(line)).toEqual(expect.arrayContaining(['mismatch eu runtime.replicas', 'parity g runtime.autoscaling.enabled']));
  expect(r.findings.map(line)).not.toContain('mismatch us runtime.replicas');
});

test('a shadowed finding takes the severity its key sets', () => {
  const r = run(CASES.find((c) => c.name.startsWith('shadowed: a key can set'))!);
  expect(r.findings.find((f) => f.kind === 'shadowed')?.severity).toBe('high');
});

test('a permanent exception is listed as accepted, never as expiring', () => {
  const r = run({ ...CASES.find((c) => c.name.startsWith('exceptions: a permanent'))! });
  const s = r.suppressed.find((f) => f.environment === 'eu');
  expect(s?.exception).toMatchObject({ permanent: true, reason: 'smaller database by design' });
  expect(s?.exception?.expires).toBeUndefined();
  expect(s?.expiresSoon).toBeUndefined();
});

test('values in messages carry the unit their type reads them in', () => {
  const r = run({
    name: 'units',
    extra: baseline('  keys:\n    db.timeout: { type: duration, value: 10s, max: 15 }\n    heap: { type: bytes, value: 512Mi }\n'),
    given: { prod: [{ values: { 'db.timeout': '30', heap: '1024' } }] },
    fires: [],
  });
  const messages = r.findings.map((f) => f.message);
  expect(messages).toContain('db.timeout is 30s in prod: above the maximum 15s');
  expect(messages).toContain('db.timeout is 30s in prod; the baseline expects 10s');
  expect(messages).toContain('heap is 1024B in prod; the baseline expects 512Mi');
  // The document keeps the value as the source wrote it.
  expect(r.findings.find((f) => f.kind === 'mismatch' && f.key === 'db.timeout')?.actual).toBe('30');
});

test('an exception needs expires or permanent, not both', () => {
  const bad = (ex: string) => () =>
    estateFrom(estateYaml(['prod'], baseline(`  keys:\n    a: {}\n  exceptions:\n    - { environment: prod, key: a, reason: r${ex} }\n`)));
  expect(bad('')).toThrow(/needs `expires: YYYY-MM-DD`, or `permanent: true`/);
  expect(bad(', expires: 2027-01-01, permanent: true')).toThrow(/either `permanent: true` or has `expires`/);
  expect(bad(', permanent: true')).not.toThrow();
});
