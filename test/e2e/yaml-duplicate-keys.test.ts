import { drift, scratch, type CliRun } from '../helpers/cli';

// A YAML file that writes a key twice would not start the application (Spring Boot, js-yaml and yaml.v3 refuse it); drift
// read the last value silently. It is now a source-error of that file, and its values are still judged.
const CANARY = 'CANARY-s3cr3t-7f1e';
const ESTATE = `version: 1
name: dup
environments:
  prod:
    sources:
      - file: { from: [config/base.yaml, config/a.yaml] }
baseline:
  undeclared: ignore
  keys:
    db.timeout: { type: duration, value: 10s }
    db.password: { secret: true }
    db.host: { required: true }
`;

type Finding = { kind: string; key?: string; message: string; source?: { location: string } };
const findingsOf = (run: CliRun): Finding[] => (JSON.parse(run.stdout) as { findings: Finding[] }).findings;

describe('a YAML file source that writes a key twice', () => {
  it('is a source-error naming the file, the key and both lines, and its values are still judged', async () => {
    const dir = scratch({
      'drift.yaml': ESTATE,
      'config/base.yaml': 'log: {level: INFO}\n',
      'config/a.yaml': `db:\n  timeout: 10s\n  timeout: 60s\n  password: x\n  password: ${CANARY}\n`,
    });
    const run = await drift(['audit', '--format', 'json', '--no-store'], { cwd: dir });
    expect(run.code).toBe(3);
    const findings = findingsOf(run);
    // db.host is absent, and not missing: a source-error leaves what its environment lacks unjudged.
    expect(findings.map((f) => `${f.kind} ${f.key ?? f.source?.location}`)).toEqual([
      'source-error config/base.yaml, config/a.yaml',
      'mismatch db.timeout',
    ]);
    expect(findings[0]?.message).toBe(
      'file config/base.yaml, config/a.yaml was read with errors in prod (its values are judged; while it fails, no key is reported missing there): ' +
        'config/a.yaml: line 3: db.timeout is written twice (first on line 2); YAML requires unique keys and most loaders refuse the file; ' +
        'config/a.yaml: line 5: db.password is written twice (first on line 4); YAML requires unique keys and most loaders refuse the file',
    );
    expect(findings[1]?.message).toBe('db.timeout is 60s in prod; the baseline expects 10s');
    const text = await drift(['audit', '--no-store'], { cwd: dir });
    expect(`${run.stdout}${text.stdout}${text.stderr}`).not.toContain(CANARY);
  });

  it('names a key that is a credential (a JWT, which holds dots) hidden, as its other findings do', async () => {
    const signature = 'dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U';
    const jwt = `eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.${signature}`;
    const dir = scratch({
      'drift.yaml': ESTATE,
      'config/base.yaml': 'db: {host: h}\n',
      'config/a.yaml': `tokens:\n  "${jwt}": admin\n  "${jwt}": root\n`,
    });
    const run = await drift(['audit', '--format', 'json', '--no-store'], { cwd: dir });
    expect(findingsOf(run).find((f) => f.kind === 'source-error')?.message).toMatch(/line 3: tokens\.secret_[0-9a-f]{8} is written twice/);
    const text = await drift(['audit', '--no-store'], { cwd: dir });
    expect(`${run.stdout}${text.stdout}${text.stderr}`).not.toContain(signature);
  });
});
