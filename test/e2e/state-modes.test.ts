import { chmodSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { copyOfExamples, drift } from '../helpers/cli';

const mode = (p: string): string => (statSync(p).mode & 0o777).toString(8);

describe('what drift keeps on disk is owner-only, whatever the umask', () => {
  const umask = process.umask();
  beforeAll(() => process.umask(0));
  afterAll(() => process.umask(umask));

  it('.drift/ 0700, the key, .gitignore and the store 0600/0700, also when .drift/ existed world-readable', async () => {
    for (const existing of [false, true]) {
      const dir = copyOfExamples();
      const state = path.join(dir, '.drift');
      if (existing) {
        mkdirSync(state, { mode: 0o755 });
        chmodSync(state, 0o755);
        writeFileSync(path.join(state, 'fingerprint.key'), `${Buffer.alloc(32, 5).toString('base64')}\n`, { mode: 0o644 });
        chmodSync(path.join(state, 'fingerprint.key'), 0o644);
      }
      const r = await drift(['audit', '-c', path.join(dir, 'drift.yaml')], { env: { DRIFT_FINGERPRINT_KEY: undefined } });
      expect(r.code).toBe(1);
      expect(mode(state)).toBe('700');
      expect(mode(path.join(state, 'fingerprint.key'))).toBe('600');
      expect(mode(path.join(state, '.gitignore'))).toBe('600');
      expect(mode(path.join(state, 'store'))).toBe('700');
      const files = readdirSync(path.join(state, 'store'))
        .map((f) => path.join(state, 'store', f))
        .filter((f) => statSync(f).isFile());
      expect(files.length).toBeGreaterThan(0);
      for (const f of files) expect(`${path.basename(f)} ${mode(f)}`).toMatch(/ 600$/);
    }
  });
});
