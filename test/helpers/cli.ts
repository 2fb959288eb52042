import { mkdtempSync, cpSync, writeFileSync, mkdirSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { main } from '../../lambdas/cli/main';
import type { CliIo } from '../../lambdas/cli/io';

export const REPO = path.resolve(__dirname, '../..');
export const EXAMPLES = path.join(REPO, 'examples');
/** A fixed key, so tests never generate one under examples/.drift. */
export const TEST_KEY = Buffer.alloc(32, 9).toString('base64');

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `drift …` in-process with captured streams, as of a fixed instant unless told otherwise. */
export async function drift(
  args: string[],
  opts: { cwd?: string; env?: NodeJS.ProcessEnv; now?: Date; tty?: boolean } = {},
): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: { write: (s: string) => (stdout += s), isTTY: opts.tty },
    stderr: { write: (s: string) => (stderr += s), isTTY: opts.tty },
    env: { DRIFT_FINGERPRINT_KEY: TEST_KEY, ...(opts.env ?? {}) },
    cwd: opts.cwd ?? REPO,
  };
  const now = opts.now ?? new Date('2026-11-24T02:00:00Z');
  const code = await main(['node', 'drift', ...args], io, () => now);
  return { code, stdout, stderr };
}

/** A scratch copy of the example estate that a test may change. */
export function copyOfExamples(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'drift-examples-'));
  cpSync(EXAMPLES, dir, { recursive: true, filter: (src) => !src.includes(`${path.sep}.drift`) });
  return dir;
}

/** A scratch folder holding the given files. */
export function scratch(files: Record<string, string | undefined>): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'drift-scratch-'));
  for (const [name, text] of Object.entries(files)) {
    if (text === undefined) continue;
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  return dir;
}
