import { createHash } from 'node:crypto';
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { FileEstateSource, loadEstate } from '../../../lambdas/adapters/estate-file';
import { EstateLoadError } from '../../../lambdas/ports/estate-source';

const sha256 = (...parts: string[]): string => {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return h.digest('hex');
};

const estateText =
  'version: 1\nname: shop\nenvironments:\n  dev:\n    sources:\n      - dotenv: { from: dev.env }\nbaseline: baseline.yaml\n';
const baselineText = 'undeclared: ignore\nkeys:\n  db.timeout: { type: duration }\n';
const inlineText = estateText.replace('baseline: baseline.yaml\n', 'baseline:\n  undeclared: ignore\n');

describe('the version loadEstate returns', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'drift-estate-'));
  writeFileSync(path.join(dir, 'drift.yaml'), estateText);
  writeFileSync(path.join(dir, 'baseline.yaml'), baselineText);

  it('is the hash of the bytes the estate and its baseline file were parsed from', async () => {
    const loaded = await loadEstate(path.join(dir, 'drift.yaml'));
    if (!loaded.ok) throw new Error(loaded.problems.map((p) => p.message).join('; '));
    // Files changed after loading do not change what the run says it audited.
    writeFileSync(path.join(dir, 'baseline.yaml'), `${baselineText}# edited\n`);
    expect(loaded.version).toEqual({ file: 'drift.yaml', sha256: sha256(estateText, baselineText) });
  });

  it('is the estate file alone when the baseline is inline, and belongs to its own load (no state kept between loads)', async () => {
    writeFileSync(path.join(dir, 'inline.yaml'), inlineText);
    const first = await loadEstate(path.join(dir, 'inline.yaml'));
    writeFileSync(path.join(dir, 'inline.yaml'), `${inlineText}# edited\n`);
    const second = await loadEstate(path.join(dir, 'inline.yaml'));
    if (!first.ok || !second.ok) throw new Error('inline estate did not load');
    expect(first.version.sha256).toBe(sha256(inlineText));
    expect(second.version.sha256).toBe(sha256(`${inlineText}# edited\n`));
  });
});

describe('FileEstateSource: estate files on disk behind the estate port', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'drift-estates-'));
  const file = (name: string, text: string): string => {
    const p = path.join(dir, name);
    mkdirSync(path.dirname(p), { recursive: true });
    writeFileSync(p, text);
    return p;
  };

  it('lists its files and loads one with the version the run record names', async () => {
    const shop = file('shop/drift.yaml', estateText);
    file('shop/baseline.yaml', baselineText);
    const billing = file('billing/drift.yaml', inlineText.replace('name: shop', 'name: billing'));
    const source = new FileEstateSource([shop, billing]);
    expect(await source.listKeys()).toEqual([billing, shop]);
    const loaded = await source.load({ key: shop });
    expect(loaded.ref).toEqual({ key: shop });
    expect(loaded.estate.name).toBe('shop');
    expect(loaded.baseline).toEqual({ file: 'drift.yaml', sha256: sha256(estateText, baselineText) });
    expect(loaded.warnings).toEqual([]);
  });

  it('throws EstateLoadError with positioned problems: a missing baseline file, one outside the folder unless trusted', async () => {
    const gone = file('gone/drift.yaml', estateText);
    const err = await new FileEstateSource([gone]).load({ key: gone }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(EstateLoadError);
    expect((err as EstateLoadError).problems).toEqual([
      { file: gone, line: 7, column: 11, message: 'cannot read the baseline file baseline.yaml: not found' },
    ]);

    file('common/baseline.yaml', baselineText);
    const out = file('out/drift.yaml', estateText.replace('baseline.yaml', '../common/baseline.yaml'));
    await expect(new FileEstateSource([out]).load({ key: out })).rejects.toThrow(/the baseline file \.\.\/common\/baseline\.yaml .*trust/);
    expect((await new FileEstateSource([out], { trustPaths: true }).load({ key: out })).estate.name).toBe('shop');
  });
});

describe('an estate file that is not a file', () => {
  it('is refused, saying what it is, without opening it: a named pipe would wait for a writer for ever', async () => {
    if (process.platform !== 'linux') return;
    const dir = mkdtempSync(path.join(tmpdir(), 'drift-estate-pipe-'));
    const pipe = path.join(dir, 'drift.yaml');
    execFileSync('mkfifo', [pipe]);
    // A writer, so that a reader opening the pipe (the bug) gets an estate instead of hanging the test run.
    const writer = spawn('sh', ['-c', `printf 'version: 1\\n' > ${pipe}`], { stdio: 'ignore' });
    try {
      expect(await loadEstate(pipe)).toEqual({
        ok: false,
        problems: [
          { file: pipe, line: 1, column: 1, message: 'cannot read the estate file: is a named pipe, not a file drift can read to its end' },
        ],
      });
    } finally {
      writer.kill();
    }
  });
});

describe('an estate file named by its folder (-c services/checkout)', () => {
  it('is refused with the estate file in it, when there is one', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'drift-estate-folder-'));
    mkdirSync(path.join(dir, 'empty'));
    writeFileSync(path.join(dir, 'drift.yaml'), estateText);
    const message = async (file: string) => {
      const r = await loadEstate(file);
      return r.ok ? undefined : r.problems.map((p) => p.message);
    };
    expect(await message(dir)).toEqual([
      'cannot read the estate file: is a folder (it holds a drift.yaml: give -c that file, not its folder)',
    ]);
    expect(await message(path.join(dir, 'empty'))).toEqual(['cannot read the estate file: is a folder']);
  });
});
