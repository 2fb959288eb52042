import { existsSync, readFileSync, rmSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { drift, scratch } from '../helpers/cli';

const ESTATE = `version: 1
name: shop
environments:
  staging:
    sources:
      - file: { from: staging.yml }
      - dotenv: { from: staging.env }
  production:
    sources:
      - file: { from: production.yml }
      - dotenv: { from: production.env }
parity:
  - { name: stage-vs-prod, environments: [staging, production] }
baseline:
  undeclared: ignore
  keys:
    db.timeout: { type: duration, value: 10s, severity: high }
    db.host: { per-environment: true, required: true }
    log.level: { value: INFO, severity: low }
`;

const FILES = {
  'drift.yaml': ESTATE,
  'staging.yml': 'db:\n  timeout: 10s\n  host: db.staging\nlog:\n  level: INFO\ncache:\n  ttl: 60s\n',
  'staging.env': 'FEATURE_X=on\n',
  'production.yml': 'db:\n  timeout: 10000ms\n  host: db.prod\nlog:\n  level: INFO\ncache:\n  ttl: 1m\n',
  'production.env': 'FEATURE_X=on\n',
};

describe('drift audit: exit codes and formats', () => {
  test('a clean estate exits 0 and says so', async () => {
    const dir = scratch(FILES);
    const r = await drift(['audit'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('no findings');
  });

  test('a finding at the threshold exits 1; below it exits 0', async () => {
    const dir = scratch({ ...FILES, 'production.env': 'FEATURE_X=on\nDB_TIMEOUT=60s\nLOG_LEVEL=DEBUG\n' });
    expect((await drift(['audit'], { cwd: dir })).code).toBe(1);
    expect((await drift(['audit', '--fail-on', 'critical'], { cwd: dir })).code).toBe(0);
    expect((await drift(['audit', '--fail-on', 'low', '--env', 'staging'], { cwd: dir })).code).toBe(0);
  });

  test('--format json prints exactly the audit document on stdout', async () => {
    const dir = scratch({ ...FILES, 'production.env': 'FEATURE_X=on\nDB_TIMEOUT=60s\n' });
    const r = await drift(['audit', '--format', 'json'], { cwd: dir });
    const doc = JSON.parse(r.stdout);
    expect(Object.keys(doc)).toEqual(['schema', 'generatedAt', 'estate', 'environments', 'findings', 'suppressed', 'resolved', 'summary']);
    expect(doc).toMatchObject({
      schema: 'drift-audit/v1',
      generatedAt: '2026-11-24T02:00:00Z',
      estate: 'shop',
      environments: ['staging', 'production'],
    });
    expect(doc.findings).toEqual([
      expect.objectContaining({
        kind: 'mismatch',
        severity: 'high',
        environment: 'production',
        key: 'db.timeout',
        expected: '10s',
        actual: '60s',
        source: { type: 'dotenv', location: 'production.env:2' },
        estate: 'shop',
      }),
      // production.yml says 10000ms: the dotenv value hides it.
      expect.objectContaining({ kind: 'shadowed', severity: 'low', environment: 'production', key: 'db.timeout', actual: '60s' }),
    ]);
    expect(doc.findings[0].id).toMatch(/^[0-9a-f]{20}$/);
    expect(doc.summary).toEqual({
      bySeverity: { critical: 0, high: 1, medium: 0, low: 1, info: 0 },
      byKind: { mismatch: 1, shadowed: 1 },
      rulesSkipped: 0,
    });
  });

  test('a missing source file is a source-error: exit 3, the other checks still run, no false missing or parity', async () => {
    const dir = scratch({ ...FILES, 'production.yml': undefined });
    const r = await drift(['audit', '--format', 'json'], { cwd: dir });
    const doc = JSON.parse(r.stdout);
    const kinds = doc.findings.map((f: { kind: string; environment?: string; key?: string }) =>
      `${f.kind} ${f.environment ?? ''} ${f.key ?? ''}`.trim(),
    );
    expect(kinds).toEqual(['source-error production']);
    expect(doc.findings[0].message).toContain('production.yml: not found');
    expect(r.code).toBe(3);

    // The environment's other source is still judged.
    const drifted = scratch({ ...FILES, 'production.env': 'FEATURE_X=on\nDB_TIMEOUT=60s\n' });
    rmSync(path.join(drifted, 'production.yml'));
    const again = JSON.parse((await drift(['audit', '--format', 'json'], { cwd: drifted })).stdout);
    expect(again.findings.map((f: { kind: string }) => f.kind).sort()).toEqual(['mismatch', 'source-error']);
  });

  test('a broken estate file: positioned error on stderr, exit 2, nothing collected or written', async () => {
    const dir = scratch({ ...FILES, 'drift.yaml': ESTATE.replace('- file: { from: staging.yml }', '- fiel: { from: staging.yml }') });
    for (const cmd of [['audit'], ['validate'], ['diff', 'staging', 'production'], ['explain', 'staging', 'db.timeout']]) {
      const r = await drift(cmd, { cwd: dir, env: { DRIFT_FINGERPRINT_KEY: '' } });
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toContain('drift.yaml:6:9: environments.staging.sources[0]: unknown field "fiel" (did you mean "file"?)');
    }
    expect(existsSync(path.join(dir, '.drift'))).toBe(false);
  });

  test('usage errors exit 2', async () => {
    const dir = scratch(FILES);
    expect((await drift(['audit', '--fail-on', 'severe'], { cwd: dir })).code).toBe(2);
    expect((await drift(['audit', '--format', 'xml'], { cwd: dir })).code).toBe(2);
    // Every command checks --format against its own list, before it reads anything.
    const badFormat = await drift(['validate', '--format', 'sarif'], { cwd: dir });
    expect(badFormat.code).toBe(2);
    expect(badFormat.stderr).toContain('Allowed choices are text, json');
    expect((await drift(['diff', 'staging', 'production', '--format', 'markdown'], { cwd: dir })).code).toBe(2);
    expect((await drift(['audit', '--env', 'prod'], { cwd: dir })).stderr).toContain('did you mean "production"');
    expect((await drift(['audit', '--bogus'], { cwd: dir })).code).toBe(2);
    expect((await drift(['audit', '-c', 'nope.yaml'], { cwd: dir })).stderr).toContain(
      'nope.yaml:1:1: cannot read the estate file: not found',
    );
  });

  test('without DRIFT_FINGERPRINT_KEY a key is generated once into .drift/, owner-only, and reused', async () => {
    const dir = scratch(FILES);
    await drift(['audit'], { cwd: dir, env: { DRIFT_FINGERPRINT_KEY: '' } });
    const keyFile = path.join(dir, '.drift', 'fingerprint.key');
    const key = readFileSync(keyFile, 'utf8');
    await drift(['audit'], { cwd: dir, env: { DRIFT_FINGERPRINT_KEY: '' } });
    expect(readFileSync(keyFile, 'utf8')).toBe(key);
    expect(statSync(keyFile).mode & 0o077).toBe(0);
  });
});

describe('drift diff and explain', () => {
  test('diff shows both sides with their sources and marks real differences only', async () => {
    const dir = scratch({ ...FILES, 'production.env': 'FEATURE_X=off\n' });
    const r = await drift(['diff', 'staging', 'production', '--format', 'json'], { cwd: dir });
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    const row = (k: string) => doc.keys.find((x: { key: string }) => x.key === k);
    expect(row('feature.x')).toMatchObject({ same: false, a: { value: 'on', source: { type: 'dotenv' } }, b: { value: 'off' } });
    expect(row('db.timeout').same).toBe(true);
    expect(row('cache.ttl').same).toBe(true);
    const text = await drift(['diff', 'staging', 'production', '--only-diff'], { cwd: dir });
    expect(text.stdout).toContain('feature.x');
    expect(text.stdout).not.toContain('cache.ttl');
    expect(text.stdout).toContain('staging: dotenv staging.env:1');
  });

  test('explain lists every source in precedence order, the winner and the findings', async () => {
    const dir = scratch({ ...FILES, 'production.env': 'DB_TIMEOUT=60s\n' });
    const r = await drift(['explain', 'production', 'DB_TIMEOUT', '--format', 'json'], { cwd: dir });
    const doc = JSON.parse(r.stdout);
    expect(doc.layers.map((l: { value: string; wins: boolean; source: { type: string } }) => [l.source.type, l.value, l.wins])).toEqual([
      ['file', '10000ms', false],
      ['dotenv', '60s', true],
    ]);
    expect(doc.findings.map((f: { kind: string }) => f.kind).sort()).toEqual(['mismatch', 'shadowed']);
    const text = await drift(['explain', 'production', 'db.timout'], { cwd: dir });
    expect(text.code).toBe(2);
    expect(text.stderr).toContain('did you mean "db.timeout"');
  });
});
