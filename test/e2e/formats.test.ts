import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { copyOfExamples, drift, scratch } from '../helpers/cli';

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
      - ssm: { path: /prod/shop/, from: prod-ssm.json }
parity:
  - { name: stage-vs-prod, environments: [staging, production] }
baseline:
  undeclared: ignore
  keys:
    db.timeout: { type: duration, value: 10s, severity: high }
    banner: {}
`,
  'staging.env': 'DB_TIMEOUT=10s\nBANNER=a|b\n',
  'production.env': 'BANNER=x|y *bold* <b>\nDB_TIMEOUT=60s\n',
  'prod-ssm.json': JSON.stringify({ Parameters: [{ Name: '/prod/shop/db_timeout', Type: 'String', Value: '45s', Version: 3 }] }),
};

describe('audit formats for machines and pull requests', () => {
  test('SARIF 2.1.0: a rule per finding kind, a result per finding, file lines where the source has them', async () => {
    const dir = scratch(FILES);
    const r = await drift(['audit', '--format', 'sarif'], { cwd: dir });
    const json = await drift(['audit', '--format', 'json'], { cwd: dir });
    const sarif = JSON.parse(r.stdout);
    const findings = JSON.parse(json.stdout).findings as Array<{ id: string; kind: string }>;
    expect(sarif.version).toBe('2.1.0');
    const run = sarif.runs[0];
    expect(run.tool.driver.rules.map((x: { id: string }) => x.id)).toContain('shadowed');
    expect(run.results.map((x: { partialFingerprints: { driftFindingId: string } }) => x.partialFingerprints.driftFindingId)).toEqual(
      findings.map((f) => f.id),
    );
    const parity = run.results.find((x: { ruleId: string }) => x.ruleId === 'parity');
    expect(parity.level).toBe('warning');
    const shadowed = run.results.find((x: { ruleId: string }) => x.ruleId === 'shadowed');
    expect(shadowed.locations[0].logicalLocations[0].fullyQualifiedName).toBe('shop/production/db.timeout');
    const mismatch = run.results.find((x: { ruleId: string }) => x.ruleId === 'mismatch');
    expect(mismatch.level).toBe('error');
    // The value comes from SSM, which no file of the repository sets: the key's line in drift.yaml.
    expect(mismatch.locations[0].physicalLocation).toEqual({
      artifactLocation: { uri: 'drift.yaml', uriBaseId: '%SRCROOT%' },
      region: { startLine: 16 },
    });
    expect(parity.locations[0].physicalLocation.region).toEqual({ startLine: 17 });
    expect(r.code).toBe(1);
  });

  test('SARIF: what code scanning shows people (messages, location names) has control and invisible characters of a key escaped', async () => {
    const dir = scratch({
      'drift.yaml': FILES['drift.yaml']
        .replace('undeclared: ignore', 'undeclared: info')
        .replace('staging.env }', 'staging.env }\n      - file: { from: odd.json }'),
      'staging.env': 'DB_TIMEOUT=10s\n',
      'production.env': 'DB_TIMEOUT=10s\n',
      'prod-ssm.json': JSON.stringify({ Parameters: [] }),
      'odd.json': JSON.stringify({ 'pay\u202eto\u200bkey\u001b[2J\ud800': 'x' }),
    });
    const r = await drift(['audit', '--format', 'sarif', '--no-store'], { cwd: dir });
    type Named = { name: string; fullyQualifiedName: string };
    type Result = { message: { text: string }; locations: Array<{ logicalLocations: Named[] }> };
    const results = (JSON.parse(r.stdout) as { runs: Array<{ results: Result[] }> }).runs[0]!.results;
    const shown = results
      .flatMap((res) => [
        res.message.text,
        ...res.locations.flatMap((l) => l.logicalLocations.flatMap((n) => [n.name, n.fullyQualifiedName])),
      ])
      .join('\n');
    expect(results.length).toBeGreaterThan(0);
    expect(shown).not.toMatch(/[\u202e\u200b\u001b]|\p{Cs}/u);
    expect(shown).toContain('pay\\u202eto\\u200bkey\\u001b[2.j\\ud800');
  });

  test('Markdown: a table per environment, cells escaped so values cannot break the table or inject markup', async () => {
    const dir = scratch(FILES);
    const r = await drift(['audit', '--format', 'markdown'], { cwd: dir });
    expect(r.stdout).toContain('## drift audit: shop');
    expect(r.stdout).toContain('### production');
    expect(r.stdout).toContain('### stage-vs-prod (parity group)');
    expect(r.stdout).toContain('x\\|y \\*bold\\* \\<b\\>');
    for (const row of r.stdout.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| severity'))) {
      expect(row.replace(/\\\|/g, '').split('|')).toHaveLength(8);
    }
  });

  test('Markdown with a store: a status column (new, open since) and what was resolved since the last run', async () => {
    const estate = FILES['drift.yaml'].replace('    banner: {}', '    banner: {}\n    cache.ttl: { type: duration, value: 5m }');
    const dir = scratch({
      ...FILES,
      'drift.yaml': estate,
      'staging.env': 'DB_TIMEOUT=10s\nBANNER=a\nCACHE_TTL=5m\n',
      'production.env': 'BANNER=a\nDB_TIMEOUT=60s\nCACHE_TTL=10m\n',
    });
    await drift(['audit', '--format', 'markdown'], { cwd: dir, now: new Date('2026-11-24T02:00:00Z') });
    // Someone fixes the SSM value, and someone else changes the banner in production only.
    writeFileSync(
      path.join(dir, 'prod-ssm.json'),
      JSON.stringify({ Parameters: [{ Name: '/prod/shop/db_timeout', Type: 'String', Value: '10s', Version: 4 }] }),
    );
    writeFileSync(path.join(dir, 'production.env'), 'BANNER=b\nDB_TIMEOUT=10s\nCACHE_TTL=10m\n');
    const r = await drift(['audit', '--format', 'markdown'], { cwd: dir, now: new Date('2026-11-25T02:00:00Z') });
    const rows = r.stdout.split('\n');
    expect(rows.find((l) => l.includes('| mismatch | cache.ttl |'))).toMatch(/\| open since 2026-11-24 \|$/);
    expect(rows.find((l) => l.includes('| parity | banner |'))).toMatch(/\| \*\*new\*\* \|$/);
    expect(r.stdout).toContain('### Resolved since the last run');
    expect(rows).toContain('| production | high | mismatch | db.timeout | value fixed |');
    expect(rows[2]).toMatch(/ · 1 new · 2 resolved · /);
  });

  test('Markdown: @mentions never notify, control characters never reach the page', async () => {
    const dir = scratch({ ...FILES, 'production.env': 'BANNER=@channel deploy now @org/team \u001b[31mred\nDB_TIMEOUT=60s\n' });
    const r = await drift(['audit', '--format', 'markdown', '--no-store'], { cwd: dir });
    const parity = r.stdout.split('\n').find((l) => l.includes('| parity |'))!;
    expect(parity).toContain('@&#8203;channel deploy now @&#8203;org/team \\\\u001b\\[31mred');
    expect(r.stdout).not.toMatch(/@[A-Za-z]/);
    expect(r.stdout).not.toContain('\u001b');
  });

  test('Markdown: issue references (#123, owner/repo#45) in values never link or cross-reference an issue', async () => {
    const dir = scratch({ ...FILES, 'production.env': 'BANNER="fixes #123 and acme/shop#45"\nDB_TIMEOUT=60s\n' });
    const r = await drift(['audit', '--format', 'markdown', '--no-store'], { cwd: dir });
    expect(r.stdout).toContain('fixes #&#8203;123 and acme/shop#&#8203;45');
    expect(r.stdout).not.toMatch(/(?<!&)#\d/);
  });

  test('Markdown: the GH-123 form of an issue reference in values never links either', async () => {
    const dir = scratch({ ...FILES, 'production.env': 'BANNER="see GH-123 and gh-45"\nDB_TIMEOUT=60s\n' });
    const r = await drift(['audit', '--format', 'markdown', '--no-store'], { cwd: dir });
    expect(r.stdout).toContain('see GH-&#8203;123 and gh-&#8203;45');
    expect(r.stdout).not.toMatch(/\bGH-\d/i);
  });

  test('one cause, one entry: the emergency bump of db.timeout leads with its constraint, the mismatch beneath it', async () => {
    const dir = copyOfExamples();
    const json = JSON.parse((await drift(['audit', '--format', 'json', '--no-store'], { cwd: dir })).stdout) as {
      findings: Array<{ id: string; kind: string; environment?: string; key?: string }>;
    };
    const bump = json.findings.filter((f) => f.environment === 'production-us' && f.key === 'db.timeout');
    expect(bump.map((f) => f.kind).sort()).toEqual(['constraint', 'mismatch']);

    const text = (await drift(['audit', '--no-store'], { cwd: dir })).stdout.split('\n');
    const lead = text.findIndex((l) => /^ {2}HIGH +constraint +db\.timeout/.test(l));
    expect(lead).toBeGreaterThan(0);
    expect(text.slice(lead + 1, lead + 6).join('\n')).toMatch(
      /same cause \(1 related finding\):\n +\+ MEDIUM mismatch: db\.timeout is 60s in production-us; the baseline expects 10s/,
    );
    // The mismatch is not listed a second time on its own.
    expect(text.filter((l) => /^ {2}MEDIUM +mismatch +db\.timeout/.test(l))).toEqual([]);

    const md = (await drift(['audit', '--format', 'markdown', '--no-store'], { cwd: dir })).stdout.split('\n');
    const row = md.findIndex((l) => l.startsWith('| high | constraint | db.timeout |'));
    expect(md[row + 1]).toMatch(/^\| ↳ medium \| mismatch \| db\.timeout \|/);
    expect(md.filter((l) => l.startsWith('| medium | mismatch | db.timeout |'))).toEqual([]);
  });
});
