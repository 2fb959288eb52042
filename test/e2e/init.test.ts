import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { copyOfExamples, drift, scratch } from '../helpers/cli';

interface Finding {
  kind: string;
  key?: string;
  environment?: string;
  group?: string;
}

/** The example estate with its `parity:` and `baseline:` cut out (they sit between `environments:` and `notify:`). */
function estateWithout(sections: RegExp): { dir: string; file: string; text: string } {
  const dir = copyOfExamples();
  const file = path.join(dir, 'drift.yaml');
  const text = readFileSync(file, 'utf8').replace(sections, '');
  writeFileSync(file, text);
  return { dir, file, text };
}
const PARITY_AND_BASELINE = /^parity:\n[\s\S]*?(?=^notify:)/m;
const BASELINE = /^baseline:\n[\s\S]*?(?=^notify:)/m;

describe('drift init', () => {
  it('writes a baseline after which the first audit shows only the known differences, as parity and missing', async () => {
    const { dir, file, text } = estateWithout(PARITY_AND_BASELINE);
    expect(text).not.toMatch(/^(parity|baseline):/m);

    const init = await drift(['init', '-c', file], { cwd: dir });
    expect(init.code).toBe(0);
    expect(init.stderr).toMatch(/wrote drift\.yaml: \d+ keys: \d+ agreeing, \d+ per-environment, \d+ differing \(→ findings to review\)/);
    const written = readFileSync(file, 'utf8');
    expect(written.startsWith(text)).toBe(true);
    expect(written).toContain('  - { name: production, environments: [production-us, production-eu] }');
    expect(written).toContain('  - { name: staging-vs-production-us, environments: [staging, production-us] }');
    expect(written).toMatch(
      /^ {4}db\.timeout: +\{ type: duration, required: true \} +# differs: dev 10000ms, staging 10s, production-us 60s, production-eu 10s$/m,
    );
    // Secrets are declared, never written: no value, no fingerprint.
    expect(written).toMatch(/^ {4}db\.password: +\{ secret: true, per-environment: true, required: true \}/m);
    expect(written).not.toMatch(/<secret:|[0-9a-f]{16}/);

    const validate = await drift(['validate', '-c', file], { cwd: dir });
    expect(validate.code).toBe(0);

    const audit = await drift(['audit', '-c', file, '--format', 'json', '--no-store'], { cwd: dir });
    const findings = (JSON.parse(audit.stdout) as { findings: Finding[] }).findings;
    const kinds = new Set(findings.map((f) => f.kind));
    expect(kinds.has('mismatch')).toBe(false);
    expect(kinds.has('undeclared')).toBe(false);
    const seen = (f: Finding) => `${f.kind} ${f.environment ?? f.group} ${f.key}`;
    expect(findings.map(seen)).toEqual(
      expect.arrayContaining([
        'parity production db.timeout',
        'parity production database.pool.size',
        'parity production runtime.autoscaling.enabled',
        'parity staging-vs-production-us log.level',
        'parity staging-vs-production-us log.include.sensitive',
        'missing production-us inventory.service.url',
      ]),
    );
    // The one absence that is drift: production-eu has the endpoint, its partner production-us not.
    expect(findings.filter((f) => f.kind === 'missing').map(seen)).toEqual(['missing production-us inventory.service.url']);
    // Endpoints differ by design: at most `missing` where an environment never got one.
    const endpoints = findings.filter((f) => /(^|\.)(host|url)$/.test(f.key ?? ''));
    expect(endpoints.map(seen)).toEqual(['missing production-us inventory.service.url']);
    // Agreeing values are equal under their type (1 = 1000m CPU; 60s written alike everywhere).
    expect(findings.map(seen)).not.toEqual(expect.arrayContaining([expect.stringMatching(/ (runtime\.cpu|http\.read\.timeout|port)$/)]));
  });

  it('the first audit of an estate initialised from itself finds nothing that init made up', async () => {
    const shared = 'PAYMENT_TIMEOUT=30\nPAYMENT_API_KEY=sk_live_same_in_both_0123456789\nFEATURE_X=true\nLOG_LEVEL=INFO\n';
    const dir = scratch({
      'drift.yaml': [
        'version: 1',
        'name: shop',
        'environments:',
        '  dev: { sources: [ { dotenv: { from: dev.env } } ] }',
        '  staging: { sources: [ { dotenv: { from: staging.env } } ] }',
        '  production: { sources: [ { dotenv: { from: production.env } } ] }',
        '',
      ].join('\n'),
      'dev.env': 'LOG_LEVEL=DEBUG\n',
      'staging.env': shared,
      'production.env': shared,
    });
    const file = path.join(dir, 'drift.yaml');
    expect((await drift(['init', '-c', file], { cwd: dir })).code).toBe(0);
    const audit = await drift(['audit', '-c', file, '--format', 'json', '--no-store'], { cwd: dir });
    expect((JSON.parse(audit.stdout) as { findings: Finding[] }).findings).toEqual([]);
    expect(audit.code).toBe(0);
  });

  it('keeps parity groups the file declares, and adds none', async () => {
    const { dir, file, text } = estateWithout(BASELINE);
    expect((await drift(['init', '-c', file], { cwd: dir })).code).toBe(0);
    const written = readFileSync(file, 'utf8');
    expect(written.startsWith(text)).toBe(true);
    expect(written.match(/^parity:/gm)).toHaveLength(1);
    expect(written).not.toContain('Proposed by `drift init`');
  });

  it('--dry-run prints the blocks and changes nothing', async () => {
    const { dir, file, text } = estateWithout(PARITY_AND_BASELINE);
    const run = await drift(['init', '-c', file, '--dry-run'], { cwd: dir });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^parity:\n[\s\S]*\nbaseline:\n {2}# Written by `drift init`[\s\S]* {2}keys:\n/);
    expect(run.stderr).toMatch(/^would write drift\.yaml: /m);
    expect(readFileSync(file, 'utf8')).toBe(text);
  });

  it('--dry-run creates no .drift/ either, even where no fingerprint key is kept yet', async () => {
    const { dir, file, text } = estateWithout(PARITY_AND_BASELINE);
    const run = await drift(['init', '-c', file, '--dry-run'], { cwd: dir, env: { DRIFT_FINGERPRINT_KEY: '' } });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^ {4}db\.password: +\{ secret: true, per-environment: true, required: true \}/m);
    expect(existsSync(path.join(dir, '.drift'))).toBe(false);
    expect(readFileSync(file, 'utf8')).toBe(text);
  });

  it('refuses a file whose baseline declares keys, with exit 2, and leaves it as it was', async () => {
    const dir = copyOfExamples();
    const file = path.join(dir, 'drift.yaml');
    const before = readFileSync(file, 'utf8');
    const run = await drift(['init', '-c', file], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^drift: the baseline already declares keys; init writes a first baseline only/);
    expect(readFileSync(file, 'utf8')).toBe(before);
  });

  it('reports a broken estate file as every command does, with exit 2, before collecting', async () => {
    const { dir, file } = estateWithout(PARITY_AND_BASELINE);
    writeFileSync(file, 'version: 1\nenvironments: [\n');
    const run = await drift(['init', '-c', file], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^drift\.yaml:\d+:\d+: /);
  });
});
