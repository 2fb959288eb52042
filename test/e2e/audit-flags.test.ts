import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { drift, scratch } from '../helpers/cli';

const FILES = {
  'drift.yaml': `version: 1
name: shop
environments:
  staging:
    sources:
      - dotenv: { from: staging.env }
  production:
    sources:
      - dotenv: { from: production.env }
baseline:
  undeclared: ignore
  keys:
    db.timeout: { type: duration, value: 10s, severity: high }
    log.level: { value: INFO, severity: low }
`,
  'staging.env': 'DB_TIMEOUT=10s\nLOG_LEVEL=INFO\n',
  'production.env': 'DB_TIMEOUT=60s\nLOG_LEVEL=INFO\n',
};

const T1 = new Date('2026-11-24T02:00:00Z');
const T2 = new Date('2026-11-25T02:00:00Z');
const T3 = new Date('2026-11-26T02:00:00Z');
const T4 = new Date('2026-11-27T02:00:00Z');

describe('drift audit flags', () => {
  test.each(['2026-02-30', '2026-04-31', '2026-02-29T10:00:00Z', '2026-13-01', 'tomorrow'])(
    '--as-of %s is not a day of the calendar: a usage error, not a day it rolls over to',
    async (asOf) => {
      const r = await drift(['audit', '--no-store', '--as-of', asOf], { cwd: scratch(FILES) });
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`--as-of: "${asOf}" is not a date`);
    },
  );

  test.each(['2028-02-29', '2026-04-30T23:59:59+02:00'])('--as-of %s is one', async (asOf) => {
    expect((await drift(['audit', '--no-store', '--as-of', asOf], { cwd: scratch(FILES) })).code).toBe(1);
  });

  test('enum flags take any case: --fail-on HIGH, --format JSON', async () => {
    const dir = scratch(FILES);
    const r = await drift(['audit', '--fail-on', 'HIGH', '--format', 'JSON', '--no-store'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).estate).toBe('shop');
    expect((await drift(['audit', '--fail-on', 'Critical', '--no-store'], { cwd: dir })).code).toBe(0);
    expect((await drift(['audit', '--fail-on', 'severe', '--no-store'], { cwd: dir })).code).toBe(2);
    expect((await drift(['validate', '--format', 'Json'], { cwd: dir })).code).toBe(0);
  });

  test('--fail-on-new: 1 on the run that opens a finding, 0 on the next when nothing new reaches the threshold', async () => {
    const dir = scratch(FILES);
    expect((await drift(['audit', '--fail-on-new'], { cwd: dir, now: T1 })).code).toBe(1);
    expect((await drift(['audit', '--fail-on-new'], { cwd: dir, now: T2 })).code).toBe(0);
    // Without the flag the open finding still fails the run.
    expect((await drift(['audit'], { cwd: dir, now: T2 })).code).toBe(1);
    // A new finding below the threshold does not fail it either; at a lower threshold it does.
    writeFileSync(path.join(dir, 'production.env'), 'DB_TIMEOUT=60s\nLOG_LEVEL=DEBUG\n');
    expect((await drift(['audit', '--fail-on-new'], { cwd: dir, now: T3 })).code).toBe(0);
    // (A changed value keeps its finding open: the new one is another environment's.)
    writeFileSync(path.join(dir, 'staging.env'), 'DB_TIMEOUT=10s\nLOG_LEVEL=WARN\n');
    expect((await drift(['audit', '--fail-on-new', '--fail-on', 'LOW'], { cwd: dir, now: T4 })).code).toBe(1);
  });

  test('--fail-on-new with --no-store: every finding is new', async () => {
    const dir = scratch(FILES);
    expect((await drift(['audit', '--fail-on-new', '--no-store'], { cwd: dir, now: T1 })).code).toBe(1);
    expect((await drift(['audit', '--fail-on-new', '--no-store'], { cwd: dir, now: T2 })).code).toBe(1);
    const help = await drift(['audit', '--help'], { cwd: dir });
    expect(help.stdout.replace(/\s+/g, ' ')).toContain('with --no-store or --as-of every finding is new');
  });

  test('--output FORMAT=FILE writes each format from one run; stdout keeps --format', async () => {
    const dir = scratch(FILES);
    const r = await drift(
      [
        'audit',
        '--no-store',
        '--format',
        'json',
        '--output',
        'sarif=out/drift.sarif',
        '--output',
        'MARKDOWN=summary.md',
        '--output',
        'text=report.txt',
      ],
      { cwd: dir },
    );
    mkdirSync(path.join(dir, 'out'), { recursive: true });
    expect(r.code).toBe(2); // out/ did not exist yet: refused before anything was collected
    expect(r.stderr).toContain('--output sarif=out/drift.sarif: no such folder');
    const ok = await drift(
      [
        'audit',
        '--no-store',
        '--format',
        'json',
        '--output',
        'sarif=out/drift.sarif',
        '--output',
        'MARKDOWN=summary.md',
        '--output',
        'text=report.txt',
      ],
      { cwd: dir },
    );
    expect(ok.code).toBe(1);
    const doc = JSON.parse(ok.stdout) as { findings: Array<{ id: string }> };
    const sarif = JSON.parse(readFileSync(path.join(dir, 'out/drift.sarif'), 'utf8'));
    expect(
      sarif.runs[0].results.map((x: { partialFingerprints: { driftFindingId: string } }) => x.partialFingerprints.driftFindingId),
    ).toEqual(doc.findings.map((f) => f.id));
    expect(readFileSync(path.join(dir, 'summary.md'), 'utf8')).toMatch(/^## drift audit: shop/);
    const text = readFileSync(path.join(dir, 'report.txt'), 'utf8');
    expect(text).toMatch(/^drift audit · shop/);
    expect(text).not.toContain('\u001b[');
  });

  test('--output: an unknown format or a path that cannot be written is a usage error, before anything is collected', async () => {
    const dir = scratch(FILES);
    const unknown = await drift(['audit', '--output', 'xml=report.xml'], { cwd: dir });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('--output: "xml" is not one of text, json, markdown, sarif, html');
    expect((await drift(['audit', '--output', 'sarif'], { cwd: dir })).code).toBe(2);
    expect((await drift(['audit', '--output', 'sarif=.'], { cwd: dir })).stderr).toContain('is a folder');
    expect((await drift(['audit', '--output', 'sarif=a.sarif', '--output', 'json=a.sarif'], { cwd: dir })).stderr).toContain('named twice');
    // `-` is stdout to most tools, which --format owns: never a file named `-`.
    const dash = await drift(['audit', '--output', 'json=-'], { cwd: dir });
    expect([dash.code, dash.stderr.trim()]).toEqual([
      2,
      'drift: --output json=-: stdout carries --format; write --format json to print json, or name a file',
    ]);
    expect(existsSync(path.join(dir, '-'))).toBe(false);
    expect((await drift(['audit', '--output', 'sarif=staging.env/x.sarif'], { cwd: dir })).stderr).toContain(
      '--output sarif=staging.env/x.sarif: no such folder',
    );
    // root may write anywhere: the permission check is only observable for other users.
    if (process.getuid?.() !== 0) {
      mkdirSync(path.join(dir, 'locked'));
      chmodSync(path.join(dir, 'locked'), 0o500);
      expect((await drift(['audit', '--output', 'sarif=locked/x.sarif'], { cwd: dir })).stderr).toContain('permission denied');
    }
    // Nothing was collected or stored.
    expect(existsSync(path.join(dir, '.drift'))).toBe(false);
  });
});

describe('a report written over the estate file', () => {
  test.each([
    ['--output json=drift.yaml', ['--output', 'json=drift.yaml']],
    ['--report drift.yaml', ['--report', 'drift.yaml']],
    ['--output through another spelling of the path', ['--output', 'sarif=./sub/../drift.yaml']],
  ])('%s is a usage error, and the estate file is left as it was', async (_what, flags) => {
    const dir = scratch(FILES);
    mkdirSync(path.join(dir, 'sub'));
    const before = readFileSync(path.join(dir, 'drift.yaml'), 'utf8');
    const run = await drift(['audit', '--no-store', ...flags], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/: is the estate file drift\.yaml; name another file\n$/);
    expect(readFileSync(path.join(dir, 'drift.yaml'), 'utf8')).toBe(before);
  });
});

describe('a report written over the baseline file the estate names', () => {
  const SPLIT = {
    ...FILES,
    'drift.yaml': FILES['drift.yaml'].replace(/baseline:[\s\S]*$/, 'baseline: baseline.yaml\n'),
    'baseline.yaml': 'undeclared: ignore\nkeys:\n  db.timeout: { type: duration, value: 10s, severity: high }\n',
  };

  test.each([
    ['--output json=baseline.yaml', ['--output', 'json=baseline.yaml']],
    ['--report ./sub/../baseline.yaml', ['--report', './sub/../baseline.yaml']],
  ])('%s is a usage error, and the baseline is left as it was', async (_what, flags) => {
    const dir = scratch(SPLIT);
    mkdirSync(path.join(dir, 'sub'));
    const run = await drift(['audit', ...flags], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/: is an input of the estate \(the baseline file\); name another file\n$/);
    expect(readFileSync(path.join(dir, 'baseline.yaml'), 'utf8')).toBe(SPLIT['baseline.yaml']);
    // Refused before the run is recorded: the next audit still opens its findings as new.
    const next = await drift(['audit', '--format', 'json'], { cwd: dir });
    expect((JSON.parse(next.stdout) as { findings: Array<{ status: string }> }).findings.map((f) => f.status)).toEqual(['new']);
  });
});
