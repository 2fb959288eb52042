import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { TextFileReader } from '../../../lambdas/adapters/recorded/text-file-reader';

const MIB = 1024 * 1024;
let dir: string;

beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'drift-reader-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('TextFileReader', () => {
  it('reads every file whole, whatever its size against the buffers it reuses', async () => {
    const reader = new TextFileReader();
    for (const size of [0, 1, MIB - 1, MIB, MIB + 1, 3 * MIB, 10]) {
      const file = path.join(dir, `f${size}.txt`);
      const text = 'abcdefghij\n'.repeat(Math.ceil(size / 11)).slice(0, size);
      writeFileSync(file, text);
      expect(await reader.read(file)).toBe(text);
    }
  });

  it('reads a file that reports size 0 but has content to its end', async () => {
    if (process.platform !== 'linux') return;
    const text = await new TextFileReader().read('/proc/self/status');
    expect(text).toContain('Name:');
    expect(text.endsWith('\n')).toBe(true);
    expect(text.split('\n').length).toBeGreaterThan(5);
    expect(readFileSync('/proc/self/status', 'utf8').split('\n')[0]).toBe(text.split('\n')[0]);
  });
});
