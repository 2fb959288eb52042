import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { copyOfExamples, drift, scratch } from '../helpers/cli';

interface Finding {
  kind: string;
  key?: string;
  environment?: string;
  group?: string;
  severity: string;
  expected?: string;
  actual?: string;
}

const subject = (f: Finding): string => `${f.kind} ${f.environment ?? f.group} ${f.key} ${f.severity} ${f.expected} ${f.actual}`;

async function audit(dir: string): Promise<{ findings: string[]; suppressed: string[] }> {
  const run = await drift(['audit', '-c', 'drift.yaml', '--format', 'json', '--no-store'], { cwd: dir });
  const doc = JSON.parse(run.stdout) as { findings: Finding[]; suppressed: Finding[] };
  return { findings: doc.findings.map(subject), suppressed: doc.suppressed.map(subject) };
}

/** The 0-based numbers of the lines that differ, when both texts have as many lines. */
function changedLineNumbers(before: string, after: string): number[] {
  const a = before.split('\n');
  const b = after.split('\n');
  expect(b).toHaveLength(a.length);
  return a.flatMap((l, i) => (l === b[i] ? [] : [i]));
}

const lineOf = (text: string, start: string): number => text.split('\n').findIndex((l) => l.startsWith(start));
const estateText = (dir: string): string => readFileSync(path.join(dir, 'drift.yaml'), 'utf8');

describe('drift adopt', () => {
  it('round-trips: the adopted mismatch is gone, every other finding and every other line stays', async () => {
    const dir = copyOfExamples();
    const stored = await drift(['audit', '-c', 'drift.yaml'], { cwd: dir });
    expect(stored.code).toBe(1);
    const before = estateText(dir);
    const findingsBefore = await audit(dir);
    const gone = 'mismatch production-us api.timeout medium 30s 120';
    expect(findingsBefore.findings).toContain(gone);

    const adopt = await drift(['adopt', 'production-us', 'API_TIMEOUT'], { cwd: dir });
    expect(adopt.stderr).toContain('adopted api.timeout: 30s → 120 in production-us (drift.yaml)');
    expect(adopt.code).toBe(0);

    const after = estateText(dir);
    expect(changedLineNumbers(before, after)).toEqual([lineOf(before, '    api.timeout:')]);
    expect(after).toContain('    api.timeout:           { type: duration, value: 30s, values: { production-us: 120 } }\n');
    const findingsAfter = await audit(dir);
    expect(findingsAfter.findings).toEqual(findingsBefore.findings.filter((f) => f !== gone));
    expect(findingsAfter.suppressed).toEqual(findingsBefore.suppressed);

    // The stored history closes it (and its ticket) as adopted: the running value was not fixed.
    const next = await drift(['audit', '-c', 'drift.yaml', '--format', 'json'], { cwd: dir });
    const { resolved } = JSON.parse(next.stdout) as { resolved: Array<Finding & { reason: string }> };
    expect(resolved.map((f) => `${f.kind} ${f.environment} ${f.key}: ${f.reason}`)).toEqual([
      'mismatch production-us api.timeout: adopted into the baseline',
    ]);
  });

  it('refuses a value outside the key’s own bounds, with the reason; --force adopts it and widens them', async () => {
    const dir = copyOfExamples();
    const before = estateText(dir);
    const refused = await drift(['adopt', 'production-us', 'db.timeout'], { cwd: dir });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(
      "db.timeout: 60s breaks the key's own constraints (above the maximum 30s); --force adopts it and widens them",
    );
    expect(estateText(dir)).toBe(before);

    const forced = await drift(['adopt', 'production-us', 'db.timeout', '--force'], { cwd: dir });
    expect(forced.code).toBe(0);
    expect(forced.stderr).toContain('widened its bounds to admit it (--force): max 60s');
    const after = estateText(dir);
    expect(changedLineNumbers(before, after)).toEqual([lineOf(before, '    db.timeout:')]);
    expect(after).toContain('    db.timeout:            { type: duration, value: 10s, max: 60s, values: { production-us: 60s } }');
    const { findings } = await audit(dir);
    expect(findings.filter((f) => f.includes(' production-us db.timeout '))).toEqual([]);
    expect((await drift(['validate', '-c', 'drift.yaml'], { cwd: dir })).code).toBe(0);
  });

  it('refuses, even with --force, a value its key could never expect', async () => {
    const dir = scratch({
      'drift.yaml': [
        'version: 1',
        'environments:',
        '  prod: { sources: [ { dotenv: { from: prod.env } } ] }',
        'baseline:',
        '  keys:',
        '    port: { type: int }',
        '    region: { pattern: "^[a-z]+-[a-z]+-[0-9]$" }',
        '',
      ].join('\n'),
      'prod.env': 'PORT=eighty\nREGION=Europe\n',
    });
    const run = await drift(['adopt', 'prod', 'port', 'region', '--force'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("adopt: port: eighty is not of the key's type int");
    expect(run.stderr).toContain('adopt: region: Europe does not match the pattern');
  });

  it('--everywhere writes the expected value for every environment', async () => {
    const dir = copyOfExamples();
    const before = estateText(dir);
    const run = await drift(['adopt', 'production-us', 'database.pool.size', '--everywhere'], { cwd: dir });
    expect(run.code).toBe(0);
    const after = estateText(dir);
    expect(changedLineNumbers(before, after)).toEqual([lineOf(before, '    database.pool.size:')]);
    expect(after).toContain('    database.pool.size:    { type: int, value: 15 }\n');
    const { findings } = await audit(dir);
    // Every environment is now held to production-us's value: the others are the drift.
    expect(findings.filter((f) => f.startsWith('mismatch') && f.includes('database.pool.size'))).toEqual([
      'mismatch dev database.pool.size medium 15 20',
      'mismatch staging database.pool.size medium 15 20',
      'mismatch production-eu database.pool.size medium 15 10',
    ]);
  });

  it.each([
    [['--expires', '2026-12-31'], 'expires: 2026-12-31'],
    [['--permanent'], 'permanent: true'],
  ])('--as exception %j documents the drift as an exception', async (flags, ends) => {
    const dir = copyOfExamples();
    const before = estateText(dir);
    const run = await drift(
      ['adopt', 'production-us', 'api.timeout', '--as', 'Exception', '--reason', 'INC-2301: PSP latency', '--ticket', 'OPS-99', ...flags],
      { cwd: dir },
    );
    expect(run.code).toBe(0);
    const after = estateText(dir);
    const added = `    - { environment: production-us, key: api.timeout, value: 120, reason: "INC-2301: PSP latency", ticket: OPS-99, ${ends} }`;
    expect(after).toBe(before.replace(/(\n    - \{ environment: production-eu, key: log\.level[^\n]*)/, `$1\n${added}`));
    const audited = await audit(dir);
    expect(audited.findings.some((f) => f.includes('production-us api.timeout'))).toBe(false);
    expect(audited.suppressed).toContain('mismatch production-us api.timeout medium 30s 120');
    expect((await drift(['validate', '-c', 'drift.yaml'], { cwd: dir })).code).toBe(0);
  });

  it('--as exception needs a reason and an expiry or --permanent', async () => {
    const dir = copyOfExamples();
    const noReason = await drift(['adopt', 'production-us', 'api.timeout', '--as', 'exception', '--permanent'], { cwd: dir });
    expect(noReason.code).toBe(2);
    expect(noReason.stderr).toContain('--as exception needs --reason');
    const other = await drift(['adopt', 'production-us', 'api.timeout', '--as', 'value'], { cwd: dir });
    expect(other.code).toBe(2);
    expect(other.stderr).toContain('--as takes "exception", not "value"');
    const noEnd = await drift(['adopt', 'production-us', 'api.timeout', '--as', 'exception', '--reason', 'x'], { cwd: dir });
    expect(noEnd.code).toBe(2);
    expect(noEnd.stderr).toContain('either --expires YYYY-MM-DD or --permanent');
  });

  it.each(['2026-02-30', '2026-13-01', '2026-04-31'])(
    '--expires %s, a day the calendar does not have, is refused and the estate file left valid',
    async (day) => {
      const dir = copyOfExamples();
      const before = estateText(dir);
      const args = ['adopt', 'production-us', 'api.timeout', '--as', 'exception', '--reason', 'r', '--expires', day];
      const run = await drift(args, { cwd: dir });
      expect(run).toMatchObject({ code: 2, stderr: `drift: adopt: --expires "${day}" is not a date (YYYY-MM-DD)\n` });
      expect(estateText(dir)).toBe(before);
    },
  );

  it('--expires a day already past is refused: the exception would excuse nothing; today (inclusive) is taken', async () => {
    const now = new Date('2026-11-24T23:30:00Z');
    const dir = copyOfExamples();
    const before = estateText(dir);
    const args = (day: string) => ['adopt', 'production-us', 'api.timeout', '--as', 'exception', '--reason', 'r', '--expires', day];
    const past = await drift(args('2026-11-23'), { cwd: dir, now });
    expect(past.code).toBe(2);
    expect(past.stderr).toMatch(/^drift: adopt: --expires 2026-11-23 is past .*2026-11-24/);
    expect(estateText(dir)).toBe(before);
    const today = await drift(args('2026-11-24'), { cwd: dir, now });
    expect(today.code).toBe(0);
    expect(estateText(dir)).toContain('expires: 2026-11-24 }');
  });

  it('--dry-run prints the unified diff and changes nothing', async () => {
    const dir = copyOfExamples();
    const before = estateText(dir);
    const run = await drift(['adopt', 'production-us', 'api.timeout', '--dry-run'], { cwd: dir });
    expect(run.code).toBe(0);
    expect(estateText(dir)).toBe(before);
    const n = lineOf(before, '    api.timeout:') + 1;
    expect(run.stdout).toBe(
      [
        '--- a/drift.yaml',
        '+++ b/drift.yaml',
        `@@ -${n - 3},7 +${n - 3},7 @@`,
        ...before
          .split('\n')
          .slice(n - 4, n - 1)
          .map((l) => ` ${l}`),
        '-    api.timeout:           { type: duration, value: 30s }',
        '+    api.timeout:           { type: duration, value: 30s, values: { production-us: 120 } }',
        ...before
          .split('\n')
          .slice(n, n + 3)
          .map((l) => ` ${l}`),
        '',
      ].join('\n'),
    );
  });

  it('refuses an unknown environment and a key the environment does not set', async () => {
    const dir = copyOfExamples();
    const env = await drift(['adopt', 'production', 'api.timeout'], { cwd: dir });
    expect(env.code).toBe(2);
    expect(env.stderr).toContain('unknown environment "production"');
    const key = await drift(['adopt', 'production-us', 'no.such.key'], { cwd: dir });
    expect(key.code).toBe(2);
    expect(key.stderr).toContain('no.such.key: not set in production-us');
  });

  it('--all-changed adopts the keys the stored history shows changed away from the baseline', async () => {
    const dir = copyOfExamples();
    expect((await drift(['audit', '-c', 'drift.yaml'], { cwd: dir })).code).toBe(1);
    const ssm = path.join(dir, 'exports', 'production-us-ssm.json');
    writeFileSync(ssm, readFileSync(ssm, 'utf8').replace('"Value": "120"', '"Value": "90"'));
    expect((await drift(['audit', '-c', 'drift.yaml'], { cwd: dir, now: new Date('2026-11-25T02:00:00Z') })).code).toBe(1);
    const before = estateText(dir);

    const run = await drift(['adopt', '--all-changed', 'production-us'], { cwd: dir });
    expect(run.code).toBe(0);
    const after = estateText(dir);
    // database.pool.size and db.timeout differ too, but no stored change moved them: left alone.
    expect(changedLineNumbers(before, after)).toEqual([lineOf(before, '    api.timeout:')]);
    expect(after).toContain('values: { production-us: 90 }');
  });

  it('edits the baseline file `baseline:` names, and declares a key that was not', async () => {
    const baseline = '# owned by the platform team\nundeclared: info\nkeys:\n  port:\n    type: int\n    value: 8080\n';
    const dir = scratch({
      'drift.yaml': 'version: 1\nenvironments:\n  prod: { sources: [ { dotenv: { from: prod.env } } ] }\nbaseline: baseline.yaml\n',
      'baseline.yaml': baseline,
      'prod.env': 'PORT=8081\nCACHE_TTL=300\n',
    });
    const run = await drift(['adopt', 'prod', 'PORT', 'cache-ttl'], { cwd: dir });
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('(baseline.yaml)');
    expect(readFileSync(path.join(dir, 'baseline.yaml'), 'utf8')).toBe(
      '# owned by the platform team\nundeclared: info\nkeys:\n  port:\n    type: int\n    value: 8080\n    values: { prod: 8081 }\n  cache.ttl:\n    values: { prod: 300 }\n',
    );
    expect((await audit(dir)).findings).toEqual([]);
  });

  it('--all-changed needs the store', async () => {
    const run = await drift(['adopt', 'production-us', '--all-changed', '--no-store'], { cwd: copyOfExamples() });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('run it without --no-store');
  });
  it('writes nothing for a key whose running value is already the expected one, and says so', async () => {
    const dir = copyOfExamples();
    const before = estateText(dir);
    // production-us runs DATABASE_PORT 5432, the baseline's value; API_TIMEOUT 120 is drift.
    const adopt = await drift(['adopt', 'production-us', 'database.port', 'API_TIMEOUT'], { cwd: dir });
    expect(adopt.code).toBe(0);
    expect(adopt.stderr).toContain("nothing to adopt for database.port: production-us already runs the baseline's value");
    const after = estateText(dir);
    expect(changedLineNumbers(before, after)).toEqual([lineOf(before, '    api.timeout:')]);
    expect(after).toContain('    database.port:         { type: int, value: 5432 }\n');

    const alone = await drift(['adopt', 'production-us', 'database.port', '--dry-run'], { cwd: dir });
    expect(alone.code).toBe(0);
    expect(alone.stdout).toBe('');
    const everywhere = await drift(['adopt', 'production-us', 'database.port', '--everywhere'], { cwd: dir });
    expect(everywhere.code).toBe(0);
    expect(everywhere.stderr).toContain("nothing to adopt for database.port: production-us already runs the baseline's value");
    expect(estateText(dir)).toBe(after);
  });

  it('--everywhere leaves alone a value the baseline writes another way (30s, running 30)', async () => {
    const estate =
      'version: 1\nname: shop\nenvironments:\n  eu:\n    sources: [ { dotenv: { from: eu.env } } ]\n' +
      'baseline:\n  keys:\n    api.timeout: { type: duration, value: 30s }   # PERF-3\n';
    const dir = scratch({ 'drift.yaml': estate, 'eu.env': 'API_TIMEOUT=30\n' });
    const run = await drift(['adopt', 'eu', 'API_TIMEOUT', '--everywhere'], { cwd: dir });
    expect(run.code).toBe(0);
    expect(run.stderr).toContain("nothing to adopt for api.timeout: eu already runs the baseline's value");
    expect(estateText(dir)).toBe(estate);
  });
});
