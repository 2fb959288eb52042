import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { drift, scratch } from '../helpers/cli';

// One environment of one dotenv file; each estate below adds its baseline's keys, exceptions and rules.
const HEAD = `version: 1
name: shop
environments:
  production:
    sources:
      - dotenv: { from: app.env }
baseline:
  undeclared: info
`;

// drift.yaml is kept in git: a secret written into it is a leak, whatever drift does with it.
const ESTATE = `${HEAD}  keys:
    payment.api.key: { secret: true, value: CANARYdeclared }
    db.password: { value: CANARYnamed }
    payment.gateway: { secret: true }
    payment.gateway.pin: { values: { production: CANARYsubtree } }
    billing.endpoint: { value: sk_live_CANARYstripe9xQ2mLk7PzR4vW }
    db.url: { value: "postgres://orders:CANARYurlpw@db:5432/orders" }
    ci.access: { type: string }
    log.level: { value: INFO }
    deploy.key: { enum: [none, AKIAQYLPMN5HCANARY2Z] }
    ci.token: { pattern: "^ghp_CANARYgh0123456789abcdefghijklmnopqr$" }
  exceptions:
    - { environment: production, key: db.password, value: CANARYexcused, reason: r, expires: 2026-12-31 }
  rules:
    - { name: no-default-token, assert: "ci.access != \\"ghp_CANARYgh0123456789abcdefghijklmnopqr\\"" }
`;

describe('drift validate refuses secrets written into the estate file', () => {
  it('expected values of secret keys, credentials by content, excused secret values and secret literals in rules', async () => {
    const r = await drift(['validate'], { cwd: scratch({ 'drift.yaml': ESTATE, 'app.env': 'LOG_LEVEL=INFO\n' }) });
    expect(r.code).toBe(2);
    expect(r.stdout + r.stderr).not.toMatch(/CANARY/);
    const lines = r.stderr.split('\n').filter((l) => l.includes('drift.yaml is kept in git'));
    const named = (field: string) => lines.filter((l) => l.includes(field));
    expect(named('keys.payment.api.key.value: payment.api.key is a secret key')).toHaveLength(1);
    expect(named('keys.db.password.value: db.password is a secret key')).toHaveLength(1);
    expect(named('keys.payment.gateway.pin.values.production: payment.gateway.pin is a secret key')).toHaveLength(1);
    expect(named('keys.billing.endpoint.value: holds a credential')).toHaveLength(1);
    expect(named('keys.db.url.value: holds a credential')).toHaveLength(1);
    expect(named('exceptions[0].value: a secret in plain text (key db.password)')).toHaveLength(1);
    expect(named('rules[0] no-default-token: a literal holds a credential')).toHaveLength(1);
    expect(named('keys.deploy.key.enum[1]: holds a credential')).toHaveLength(1);
    expect(named('keys.ci.token.pattern: holds a credential')).toHaveLength(1);
    expect(lines).toHaveLength(9);
    expect(named('log.level')).toEqual([]);
    // Where the exception writes its value, not the file's first line.
    expect(named('exceptions[0].value')[0]).toMatch(/^drift\.yaml:21:\d+: /);
  });

  it.each([
    ['audit --no-store', ['audit', '--no-store', '--format', 'json']],
    ['audit with its store', ['audit', '--format', 'json']],
    ['explain', ['explain', 'production', 'log.level']],
  ])('%s refuses the estate file too, before it collects or stores anything', async (_name, args) => {
    const cwd = scratch({ 'drift.yaml': ESTATE, 'app.env': 'LOG_LEVEL=INFO\n' });
    const r = await drift(args, { cwd });
    expect(r.code).toBe(2);
    expect(r.stdout + r.stderr).not.toMatch(/CANARY/);
    expect(r.stderr).toContain('drift.yaml is kept in git');
    expect(existsSync(path.join(cwd, '.drift'))).toBe(false);
  });
});

describe('a pattern that spells out a credential between its anchors, groups and alternatives', () => {
  // `^--password=…$` and `^(INFO|password=…)$`: the pattern's syntax stands where a separator would, so the
  // content rules read no option or setting. Let through, it was printed by every constraint finding and explain.
  const estate = `${HEAD}  keys:
    worker.args: { pattern: "^--password=CANARYoption$" }
    log.level: { pattern: "^(WARN|password=CANARYsetting)$" }
    job.args: { pattern: "^(?:--verbose|--token CANARYgroup)$" }
    cache.mode: { pattern: "^(lru|lfu)$" }
`;

  it('is refused by validate and every command, and never printed', async () => {
    const cwd = scratch({ 'drift.yaml': estate, 'app.env': 'WORKER_ARGS=--verbose\nLOG_LEVEL=INFO\nJOB_ARGS=x\nCACHE_MODE=lru\n' });
    const r = await drift(['validate'], { cwd });
    expect(r.code).toBe(2);
    const lines = r.stderr.split('\n').filter((l) => l.includes('drift.yaml is kept in git'));
    expect(lines.map((l) => l.replace(/^drift\.yaml:\d+:\d+: /, '').replace(/: holds.*/, ''))).toEqual([
      'keys.worker.args.pattern',
      'keys.log.level.pattern',
      'keys.job.args.pattern',
    ]);
    for (const args of [['validate'], ['audit', '--no-store'], ['explain', 'production', 'log.level', '--no-store']]) {
      const run = await drift(args, { cwd });
      expect(run.code).toBe(2);
      expect(run.stdout + run.stderr).not.toMatch(/CANARY/);
    }
  });
});

describe('words written for people that hold a credential', () => {
  // An owner, a description, an exception's reason or ticket are printed by explain, reports and tickets as written.
  const estate = (fields: string) => `${HEAD}  keys:
    log.level: { ${fields} }
  exceptions:
    - { environment: production, key: log.level, reason: "${'${REASON}'}", ticket: "${'${TICKET}'}", expires: 2026-12-31 }
  rules:
    - { name: level-set, assert: "log.level != ''", description: "${'${RULE}'}" }
`;
  const with_ = (fields: string, reason: string, ticket: string, rule: string) =>
    estate(fields).replace('${REASON}', reason).replace('${TICKET}', ticket).replace('${RULE}', rule);

  it('are refused where they hold a token or a URL password, and never printed', async () => {
    const cwd = scratch({
      'drift.yaml': with_(
        'owner: "postgres://ops:CANARYowner9@db/x", description: "deploy with ghp_CANARYgh0123456789abcdefghijklmnopqr"',
        'rotated https://bot:CANARYreason7@hooks.example.com/x',
        'https://ops:CANARYticket5@tracker.example.com/OPS-1',
        'key AKIAQYLPMN5HCANARY2Z',
      ),
      'app.env': 'LOG_LEVEL=INFO\n',
    });
    for (const args of [['validate'], ['audit', '--no-store'], ['explain', 'production', 'log.level', '--no-store']]) {
      const run = await drift(args, { cwd });
      expect(run.code).toBe(2);
      expect(run.stdout + run.stderr).not.toMatch(/CANARY/);
    }
    const r = await drift(['validate'], { cwd });
    const fields = r.stderr
      .split('\n')
      .filter((l) => l.includes('drift.yaml is kept in git'))
      .map((l) => l.replace(/^drift\.yaml:\d+:\d+: /, '').replace(/: (its description )?holds.*/, ''));
    expect(fields.sort()).toEqual([
      'exceptions[0].reason',
      'exceptions[0].ticket',
      'keys.log.level.description',
      'keys.log.level.owner',
      'rules[0] level-set',
    ]);
  });

  it('are read as written where they only speak of a secret', async () => {
    const cwd = scratch({
      'drift.yaml': with_(
        'owner: team-payments, description: "rotate the --password value with the token service"',
        'the secret= setting moves to SSM; password rotation pending',
        'https://tracker.example.com/browse/OPS-1234',
        'no key holds a token in plain text',
      ),
      'app.env': 'LOG_LEVEL=INFO\n',
    });
    const r = await drift(['validate'], { cwd });
    expect(r.stderr).not.toContain('drift.yaml is kept in git');
    expect(r.code).toBe(0);
  });
});

// Names and paths are printed as written: in every source's label, every problem, the digest and tickets.
const NAMED = `version: 1
name: shop
environments:
  ghp_CANARYenv0123456789abcdefghijklmnopqr:
    sources:
      - dotenv: { from: app.env }
  production:
    sources:
      - dotenv: { from: "https://deploy:CANARYfrom@config.example.com/app.env" }
      - k8s: { from: manifests/, workload: "xoxb-123456789012-1234567890123-CANARYworkload", container: api }
parity:
  - { name: stages, environments: [ghp_CANARYenv0123456789abcdefghijklmnopqr, production, staging] }
notify:
  tickets:
    labels: ["ghp_CANARYlabel123456789abcdefghijklmnopq"]
baseline:
  undeclared: info
  rules:
    - { name: "ghp_CANARYrule0123456789abcdefghijklmnopq", assert: "1 == 1" }
`;

describe('drift refuses a credential written as a name or a path of the estate file', () => {
  it('an environment, a source path or workload, a ticket label, a rule: each named by position, never quoted', async () => {
    // Nothing under a refused name is looked at: the first environment's sources would print it in their path.
    const dir = scratch({ 'drift.yaml': NAMED, 'app.env': 'LOG_LEVEL=INFO\n' });
    for (const args of [['validate'], ['audit', '--no-store']]) {
      const r = await drift(args, { cwd: dir });
      expect(r.code).toBe(2);
      expect(r.stdout + r.stderr).not.toMatch(/CANARY/);
      const lines = r.stderr.split('\n').filter((l) => l.includes('drift.yaml is kept in git'));
      expect(lines.map((l) => l.replace(/: (a name )?holds a credential.*$/, ''))).toEqual([
        'drift.yaml:4:3: environments',
        'drift.yaml:9:25: environments.production.sources[0].dotenv.from[0]',
        'drift.yaml:10:44: environments.production.sources[1].k8s.workload',
        'drift.yaml:12:36: parity[0].environments[0]',
        'drift.yaml:15:14: notify.tickets.labels[0]',
        'drift.yaml:19:15: baseline.rules[0].name',
      ]);
    }
  });
});
