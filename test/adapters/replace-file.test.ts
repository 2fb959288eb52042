import { closeSync, mkdtempSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { writeFileAtOnce, writesThrough } from '../../lambdas/adapters/replace-file';

describe('writesThrough: what an output is written to as named, never renamed over', () => {
  test('a descriptor of the process (/dev/stderr under 2>log) is, though it leads to a regular file', () => {
    // Renaming over it would replace the system's /dev/stderr link (for every process, as root).
    const dir = mkdtempSync(path.join(os.tmpdir(), 'drift-through-'));
    const log = path.join(dir, 'log');
    writeFileSync(log, '');
    const fd = openSync(log, 'w');
    try {
      expect(writesThrough(`/proc/self/fd/${fd}`)).toBe(true);
      writeFileAtOnce(`/proc/self/fd/${fd}`, 'report\n');
      expect(readFileSync(log, 'utf8')).toBe('report\n');
    } finally {
      closeSync(fd);
    }
  });

  test('a character device is; a regular file and a missing one are not', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'drift-through-'));
    writeFileSync(path.join(dir, 'report.txt'), '');
    expect(writesThrough('/dev/null')).toBe(true);
    expect(writesThrough(path.join(dir, 'report.txt'))).toBe(false);
    expect(writesThrough(path.join(dir, 'new.txt'))).toBe(false);
  });
});
