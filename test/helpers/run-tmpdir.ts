import { mkdtempSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

let runDir: string | undefined;

/**
 * jest globalSetup: one temporary folder for the whole run, made the temporary folder of jest, its
 * workers and whatever they start (TMPDIR, read by os.tmpdir() at each call), so the scratch folders
 * test files make are removed with it at the end instead of piling up under /tmp run after run.
 */
export function useRunTmpdir(): void {
  runDir = mkdtempSync(path.join(os.tmpdir(), 'drift-test-run-'));
  process.env.TMPDIR = runDir;
}

/** jest globalTeardown: removes the run's temporary folder and everything in it. */
export function removeRunTmpdir(): void {
  if (!runDir) return;
  rmSync(runDir, { recursive: true, force: true });
  runDir = undefined;
}
