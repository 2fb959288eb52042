import { cpSync, mkdtempSync, readFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { drift, REPO } from '../helpers/cli';
import { filesUnder, storeText } from '../helpers/written';
import { REPORT_FORMATS } from '../../lambdas/adapters/reports/report-format-names';

// test/fixtures/trust-estate plants every case a team must be able to trust drift on: credentials
// of each shape under innocent names (their secret parts hold "CANARY"), a defaults file, camelCase
// keys, a rule whose keys are set nowhere, `required: false`, parity `ignore:`, a permanent exception.
const FIXTURE = path.join(REPO, 'test/fixtures/trust-estate');
const CANARY = 'CANARY';

function copyOfFixture(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'drift-trust-'));
  cpSync(FIXTURE, dir, { recursive: true });
  return dir;
}

interface F {
  kind: string;
  severity: string;
  environment?: string;
  group?: string;
  key?: string;
  rule?: string;
  message: string;
  values?: Record<string, string | null>;
  exception?: { permanent?: boolean; expires?: string };
}
interface Doc {
  findings: F[];
  suppressed: F[];
}
const line = (f: F) => [f.environment ?? f.group ?? 'all-environments', f.kind, f.key ?? f.rule, f.severity].join(' ');

const EXPECTED = [
  'all-environments rule payment-worst-case low',
  'production-eu constraint http.timeout high',
  'production-eu mismatch http.timeout medium',
  'production-eu undeclared backup.key.id info',
  'us-vs-eu parity backup.key.id medium',
  'us-vs-eu parity payment.retry.limit medium',
  'us-vs-eu parity replica.url medium',
];

describe('an estate with every case of "findings people can trust"', () => {
  const dir = copyOfFixture();
  const cfg = ['-c', 'drift.yaml'];
  let doc: Doc;

  beforeAll(async () => {
    const r = await drift(['audit', ...cfg, '--no-store', '--format', 'json'], { cwd: dir });
    doc = JSON.parse(r.stdout) as Doc;
  });

  test('exactly the planted drift is found, and nothing the team meant', () => {
    expect(doc.findings.map(line).sort()).toEqual(EXPECTED);
    const all = doc.findings.map(line).join('\n');
    // A defaults file overridden, or overridden to the value the baseline expects, is not shadowing.
    expect(all).not.toMatch(/shadowed/);
    // `required: false` with a value: missing nowhere.
    expect(all).not.toMatch(/missing/);
    // The staging group ignores cache.* and replica.*.
    expect(all).not.toMatch(/staging-vs-production/);
    // camelCase in YAML and SCREAMING_SNAKE in dotenv are one key.
    expect(all).not.toMatch(/retrylimit/);
  });

  test('the rule judged nowhere is a finding that names it and the absent key', () => {
    const rule = doc.findings.find((f) => f.kind === 'rule');
    expect(rule).toMatchObject({ rule: 'payment-worst-case', severity: 'low' });
    expect(rule?.environment).toBeUndefined();
    expect(rule?.message).toMatch(/could not be judged in any environment: payment\.timeout is set nowhere/);
  });

  test('a permanent exception is an accepted difference, not an expiring one', () => {
    expect(doc.suppressed).toEqual([
      expect.objectContaining({ kind: 'parity', key: 'cache.size', exception: expect.objectContaining({ permanent: true }) }),
    ]);
    expect(doc.suppressed[0]?.exception?.expires).toBeUndefined();
  });

  test('a URL keeps its host and database, its password fingerprinted in place', () => {
    const replica = doc.findings.find((f) => f.kind === 'parity' && f.key === 'replica.url');
    for (const v of Object.values(replica?.values ?? {}))
      expect(v).toMatch(/^postgres:\/\/reader:<secret:[0-9a-f]{8}>@replica\.global\.internal:5432\/orders$/);
  });

  test('no credential reaches any output, the store or a recording', async () => {
    const outputs = REPORT_FORMATS.map((f) => `--output=${f}=${path.join(dir, `out.${f}`)}`);
    const runs = [
      await drift(['audit', ...cfg, ...outputs], { cwd: dir }),
      await drift(['audit', ...cfg, '--format', 'markdown'], { cwd: dir }),
      await drift(['diff', 'production-us', 'production-eu', ...cfg, '--no-store'], { cwd: dir }),
      await drift(['diff', 'staging', 'production-us', ...cfg, '--no-store', '--format', 'json'], { cwd: dir }),
      ...(await Promise.all(
        [
          'DATABASE_URL',
          'STRIPE_KEY',
          'AUTH_HEADER',
          'SLACK_HOOK',
          'AWS_ACCESS_KEY_ID',
          'SIGNING_KEY',
          'CACHE_URL',
          '/production-us/orders/github/token',
        ].map((k) => drift(['explain', 'production-us', k, ...cfg], { cwd: dir })),
      )),
      await drift(['history', 'production-eu', 'BACKUP_KEY_ID', ...cfg], { cwd: dir }),
      await drift(['snapshot', '--record', path.join(dir, 'recording'), ...cfg], { cwd: dir }),
    ];
    for (const r of runs) {
      expect(r.stdout).not.toContain(CANARY);
      expect(r.stderr).not.toContain(CANARY);
    }
    expect(runs[0]?.code).toBe(1);
    for (const f of REPORT_FORMATS) expect(readFileSync(path.join(dir, `out.${f}`), 'utf8')).not.toContain(CANARY);
    for (const file of filesUnder(path.join(dir, 'recording')))
      expect({ file, leaked: readFileSync(file, 'utf8').includes(CANARY) }).toEqual({ file, leaked: false });
    const stored = await storeText(dir);
    expect(stored.length).toBeGreaterThan(1000);
    expect(stored).not.toContain(CANARY);

    // The recording audits as the estate does: secrets come back as the same fingerprints.
    const replay = await drift(['audit', '-c', 'recording/drift.yaml', '--no-store', '--format', 'json'], { cwd: dir });
    const replayed = JSON.parse(replay.stdout) as Doc;
    expect(replayed.findings.map(line).sort()).toEqual(EXPECTED);
  });
});
