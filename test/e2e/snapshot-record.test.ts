import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { copyOfExamples, drift } from '../helpers/cli';

const filesUnder = (dir: string): string[] =>
  readdirSync(dir).flatMap((n) => {
    const p = path.join(dir, n);
    return statSync(p).isDirectory() ? filesUnder(p) : [p];
  });

const essence = (stdout: string) =>
  (JSON.parse(stdout) as { findings: Array<Record<string, unknown>> }).findings.map((f) => ({
    id: f.id,
    kind: f.kind,
    severity: f.severity,
    environment: f.environment,
    group: f.group,
    key: f.key,
    expected: f.expected,
    actual: f.actual,
    values: f.values,
    hidden: (f.hidden as Array<{ value: string }> | undefined)?.map((h) => h.value),
  }));

describe('drift snapshot --record', () => {
  it('records the example estate so that an audit of the recording finds exactly the same', async () => {
    const dir = copyOfExamples();
    const rec = await drift(['snapshot', '--record', 'recording'], { cwd: dir });
    expect(rec.stderr).toBe('');
    expect(rec.code).toBe(0);
    const before = await drift(['audit', '--format', 'json', '--no-store'], { cwd: dir });
    const after = await drift(['audit', '-c', 'recording/drift.yaml', '--format', 'json', '--no-store'], { cwd: dir });
    expect(after.stderr).toBe('');
    expect(essence(after.stdout)).toEqual(essence(before.stdout));
    expect(readFileSync(path.join(dir, 'recording/README.txt'), 'utf8')).toMatch(/fingerprint marker/);
  });

  // The code tree is no source: it is not copied, so the recording's drift.yaml cannot point at it.
  it('leaves the code tree out of the recorded estate and says so, so the recording audits without a source-error', async () => {
    const dir = path.join(copyOfExamples(), 'with-code');
    const rec = await drift(['snapshot', '--record', 'recording'], { cwd: dir });
    expect(rec.code).toBe(0);
    const after = await drift(['audit', '-c', 'recording/drift.yaml', '--format', 'json', '--no-store'], { cwd: dir });
    expect(after.stderr).toBe('');
    const kinds = (JSON.parse(after.stdout) as { findings: Array<{ kind: string }> }).findings.map((f) => f.kind);
    expect(kinds).not.toContain('source-error');
    expect(kinds.length).toBeGreaterThan(0);
    expect(readFileSync(path.join(dir, 'recording/README.txt'), 'utf8')).toMatch(/code: .*not recorded/);
  });

  it('never writes a secret: every source kind, with canaries', async () => {
    const dir = copyOfExamples();
    const edit = (file: string, fn: (text: string) => string): void =>
      writeFileSync(path.join(dir, file), fn(readFileSync(path.join(dir, file), 'utf8')));
    const b64 = (s: string): string => Buffer.from(s).toString('base64');
    edit('exports/staging-ssm.json', (t) =>
      t.replace(
        '"Parameters": [',
        '"Parameters": [ { "Name": "/staging/checkout/canary/key", "Type": "SecureString", "Value": "CANARY-SSM-SECURESTRING", "Version": 1 },',
      ),
    );
    edit('exports/production-eu/checkout.env', (t) => `${t}\nDB_PASSWORD=CANARY-ECS-ENVFILE\n`);
    edit('exports/production-eu/taskdef.json', (t) =>
      t.replace('"environment": [', '"environment": [ { "name": "PAYMENT_API_KEY", "value": "CANARY-ECS-ENVIRONMENT" },'),
    );
    edit('manifests/staging/secrets.yaml', (t) =>
      t
        .replace('db-password: ', `canary-data: ${b64('CANARY-K8S-DATA')}\n  db-password: `)
        .replace('stringData:', 'stringData:\n  canary-string: CANARY-K8S-STRINGDATA'),
    );
    edit('manifests/staging/checkout-api.yaml', (t) =>
      t.replace(
        /(key: smtp-password\n)/,
        '$1            - name: DATABASE_DSN\n              value: postgres://app:$(DB_PASSWORD)@db/checkout\n',
      ),
    );
    const rec = await drift(['snapshot', '--record', 'recording'], { cwd: dir });
    expect(rec.stderr).toBe('');
    expect(rec.code).toBe(0);
    const canaries = [
      'CANARY-SSM-SECURESTRING',
      'CANARY-ECS-ENVFILE',
      'CANARY-ECS-ENVIRONMENT',
      'CANARY-K8S-DATA',
      b64('CANARY-K8S-DATA'),
      'CANARY-K8S-STRINGDATA',
      'FAKE-staging-db-password-not-real',
      'fake-webhook-signing-secret-staging',
    ];
    const files = filesUnder(path.join(dir, 'recording'));
    expect(files.length).toBeGreaterThan(5);
    for (const f of files) {
      const text = readFileSync(f, 'utf8');
      for (const c of canaries) expect({ f, leaked: text.includes(c) ? c : undefined }).toEqual({ f, leaked: undefined });
    }
    for (const c of canaries) expect(rec.stdout + rec.stderr).not.toContain(c);
    const secrets = readFileSync(path.join(dir, 'recording/staging/04-k8s/manifest.yaml'), 'utf8')
      .split(/^---$/m)
      .filter((d) => /^kind: Secret$/m.test(d));
    expect(secrets.length).toBe(2);
    for (const d of secrets) expect(d).not.toMatch(/^data:/m);
    // The recording reads back to the same audit, canaries and expansion included.
    const before = await drift(['audit', '--format', 'json', '--no-store'], { cwd: dir });
    const after = await drift(['audit', '-c', 'recording/drift.yaml', '--format', 'json', '--no-store'], { cwd: dir });
    expect(essence(after.stdout)).toEqual(essence(before.stdout));
  });

  it('a folder that cannot be made is said before anything is read: exit 2, no stack', async () => {
    const dir = copyOfExamples();
    writeFileSync(path.join(dir, 'taken'), 'a file, not a folder');
    const rec = await drift(['snapshot', '--record', 'taken/recording'], { cwd: dir });
    expect(rec.code).toBe(2);
    expect(rec.stderr).toBe('drift: snapshot --record taken/recording: the folder cannot be made (ENOTDIR)\n');
    expect(rec.stdout).toBe('');
  });

  it('a file named as the folder is said the same way, not an internal error after collecting', async () => {
    const dir = copyOfExamples();
    writeFileSync(path.join(dir, 'taken'), 'a file, not a folder');
    const rec = await drift(['snapshot', '--record', 'taken'], { cwd: dir });
    expect(rec.stderr).toBe('drift: snapshot --record taken: the folder cannot be made (ENOTDIR)\n');
    expect(rec.code).toBe(2);
    expect(rec.stdout).toBe('');
  });
});
