import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { drift, type CliRun } from '../helpers/cli';

// CI runs a trusted drift on a drift.yaml a pull request changed: its paths must not reach files
// outside the estate's folder, nor the state folder with the fingerprint key.
const CANARY = 'CANARYoutside';

interface Layout {
  /** The estate's folder. */
  dir: string;
  outsideFile: string;
}

/** A parent folder holding a file outside the estate, and the estate with links out of itself. */
function layout(estate: string): Layout {
  const root = mkdtempSync(path.join(os.tmpdir(), 'drift-paths-'));
  const dir = path.join(root, 'estate');
  const write = (rel: string, text: string) => {
    mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    writeFileSync(path.join(root, rel), text);
  };
  write('outside.env', `STOLEN=${CANARY}\n`);
  write('outside-baseline.yaml', 'undeclared: info\nkeys:\n  stolen: { value: expected }\n');
  write('estate/drift.yaml', estate);
  write('estate/config/app.env', 'LOG_LEVEL=INFO\n');
  write('estate/.drift/fingerprint.key', `${Buffer.alloc(32, 4).toString('base64')}\n`);
  write('estate/.hidden/values.env', `HIDDEN=${CANARY}\n`);
  symlinkSync(path.join(root, 'outside.env'), path.join(dir, 'config/link.env'));
  symlinkSync(path.join(root, 'outside.env'), path.join(dir, 'linked-folder-file.env'));
  symlinkSync(path.join(root, 'outside-baseline.yaml'), path.join(dir, 'baseline-link.yaml'));
  return { dir, outsideFile: path.join(root, 'outside.env') };
}

const estateWith = (sources: string[], baseline = 'baseline:\n  undeclared: info\n') =>
  `version: 1\nname: shop\nenvironments:\n  production:\n    sources:\n${sources.map((s) => `      - ${s}\n`).join('')}${baseline}`;

const SOURCES = (outsideAbs: string) => [
  'dotenv: { from: config/app.env }',
  'dotenv: { from: ../outside.env }',
  `dotenv: { from: ${outsideAbs} }`,
  'dotenv: { from: config/link.env }',
  'dotenv: { from: .drift/fingerprint.key }',
  'dotenv: { from: .hidden/values.env }',
  'dotenv: { from: config }',
];

const shown = (r: CliRun): string => r.stdout + r.stderr;

describe("paths in the estate file stay in the estate file's folder", () => {
  it('from: outside the folder, absolute, through a symbolic link, or to a hidden file is a source error; the rest is audited', async () => {
    const probe = layout('');
    const { dir } = layout(estateWith(SOURCES(probe.outsideFile)));
    const r = await drift(['audit', '--format', 'json', '--no-store'], { cwd: dir });
    expect(shown(r)).not.toContain(CANARY);
    const findings = (JSON.parse(r.stdout) as { findings: Array<{ kind: string; message: string }> }).findings;
    const errors = findings
      .filter((f) => f.kind === 'source-error')
      .map((f) => f.message)
      .join('\n');
    expect(errors).toMatch(
      /\.\.\/outside\.env: is outside the estate file's folder; if the estate file is trusted, pass --trust-estate-paths/,
    );
    expect(errors).toMatch(/outside\.env: is outside the estate file's folder/);
    // An absolute path is named as written, once: not followed by the `../` path it makes from the estate's folder.
    expect(errors).toContain(`could not be read in production: ${probe.outsideFile}: is outside the estate file's folder`);
    expect(errors).toMatch(/config\/link\.env: leads through a symbolic link outside the estate file's folder/);
    expect(errors).toMatch(/\.drift\/fingerprint\.key: is a hidden file or folder/);
    expect(errors).toMatch(/\.hidden\/values\.env: is a hidden file or folder/);
    // A link found while walking a folder is refused too (the folder is not read); the other sources are.
    expect(errors.match(/config\/link\.env: leads through a symbolic link/g)).toHaveLength(2);
    expect(findings.some((f) => f.kind === 'undeclared' && f.message.includes('log.level'))).toBe(true);
  });

  it('a baseline: outside the folder or through a link is a positioned estate error', async () => {
    for (const baseline of ['../outside-baseline.yaml', 'baseline-link.yaml']) {
      const { dir } = layout(estateWith(['dotenv: { from: config/app.env }'], `baseline: ${baseline}\n`));
      const r = await drift(['audit', '--no-store'], { cwd: dir });
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(
        new RegExp(
          `drift\\.yaml:7:\\d+: the baseline file ${baseline.replace(/\./g, '\\.')} (is outside|leads through a symbolic link outside) the estate file's folder; if the estate file is trusted, pass --trust-estate-paths`,
        ),
      );
      expect(shown(r)).not.toContain(CANARY);
    }
  });

  it('drift validate names each path where it is written', async () => {
    const probe = layout('');
    const { dir } = layout(estateWith(SOURCES(probe.outsideFile)));
    const r = await drift(['validate'], { cwd: dir });
    expect(r.code).toBe(2);
    const lines = r.stderr.split('\n').filter((l) => /from: /.test(l));
    expect(lines).toHaveLength(5);
    expect(lines[0]).toMatch(
      /^(drift: )?drift\.yaml:7:\d+: environments\.production\.sources\[1\]\.dotenv\.from: \.\.\/outside\.env is outside the estate file's folder/,
    );
    expect(r.stderr).not.toContain(CANARY);
  });

  it('--trust-estate-paths (or DRIFT_TRUST_ESTATE_PATHS=1) reads them', async () => {
    const { dir } = layout(
      estateWith(['dotenv: { from: ../outside.env }', 'dotenv: { from: config/link.env }'], 'baseline: ../outside-baseline.yaml\n'),
    );
    for (const run of [
      () => drift(['audit', '--format', 'json', '--no-store', '--trust-estate-paths'], { cwd: dir }),
      () => drift(['audit', '--format', 'json', '--no-store'], { cwd: dir, env: { DRIFT_TRUST_ESTATE_PATHS: '1' } }),
    ]) {
      const r = await run();
      const findings = (JSON.parse(r.stdout) as { findings: Array<{ kind: string; key?: string }> }).findings;
      expect(findings.filter((f) => f.kind === 'source-error')).toEqual([]);
      expect(findings.some((f) => f.kind === 'mismatch' && f.key === 'stolen')).toBe(true);
    }
    expect((await drift(['validate', '--trust-estate-paths'], { cwd: dir })).code).toBe(0);
  });
});

describe('dotenv files named as dotenv names them', () => {
  it('.env and .env.production are read; a hidden folder on the way, .envrc, or a .env linking into .git is not', async () => {
    const { dir } = layout(
      estateWith([
        'dotenv: { from: .env }',
        'dotenv: { from: .env.production }',
        'dotenv: { from: .envrc }',
        'dotenv: { from: .secrets/.env }',
        'dotenv: { from: config/.env }',
      ]),
    );
    writeFileSync(path.join(dir, '.env'), 'SHARED_LEVEL=INFO\n');
    writeFileSync(path.join(dir, '.env.production'), 'PROD_LEVEL=WARN\n');
    writeFileSync(path.join(dir, '.envrc'), `ENVRC=${CANARY}\n`);
    mkdirSync(path.join(dir, '.secrets'));
    writeFileSync(path.join(dir, '.secrets/.env'), `NESTED=${CANARY}\n`);
    mkdirSync(path.join(dir, '.git'));
    writeFileSync(path.join(dir, '.git/config'), `TOKEN=${CANARY}\n`);
    symlinkSync(path.join(dir, '.git/config'), path.join(dir, 'config/.env'));
    const r = await drift(['audit', '--format', 'json', '--no-store'], { cwd: dir });
    expect(shown(r)).not.toContain(CANARY);
    const findings = (JSON.parse(r.stdout) as { findings: Array<{ kind: string; key?: string; message: string }> }).findings;
    expect(
      findings
        .filter((f) => f.kind === 'undeclared')
        .map((f) => f.key)
        .sort(),
    ).toEqual(['prod.level', 'shared.level']);
    const errors = findings
      .filter((f) => f.kind === 'source-error')
      .map((f) => f.message)
      .join('\n');
    expect(errors).toMatch(/\.envrc: is a hidden file or folder/);
    expect(errors).toMatch(/\.secrets\/\.env: is a hidden file or folder/);
    expect(errors).toMatch(/config\/\.env: leads through a symbolic link to a hidden file or folder/);
  });
});
