/**
 * What stays open for the CLI's own output: the terminal or the pipes of stdout and stderr. Their
 * streams are not asked for more (process.stderr is made on first use, and most runs never use it).
 */
const OUTPUT = new Set(['TTYWrap', 'PipeWrap']);

/** The part of `process` that exitWhenIdle uses. */
export interface ExitingProcess {
  exitCode?: number | string | null;
  getActiveResourcesInfo(): string[];
  exit(code: number): void;
}

/**
 * Sets the exit code and ends the process as soon as nothing is left but its output streams, all
 * written (a write still under way is listed: `WriteWrap`). Why: at exit Node.js waits for V8 to finish optimizing, in the background, functions that
 * will never run again (10 to 90 ms on a busy machine). What Node.js lists as active (a file being
 * read or written, a timer, a socket, a child process) is waited for: looked at again every
 * millisecond, `tries` times, after which the process ends by itself as usual. A native add-on's
 * work is not listed (LevelDB's, under the embedded store): the commands await their store's close.
 */
export function exitWhenIdle(code: number, proc: ExitingProcess = process, tries = 20): void {
  proc.exitCode = code;
  const look = (left: number, fromTimer: boolean): void => {
    // A timer is listed as active while its callback runs: a look from one allows that one `Timeout`.
    const pending = proc.getActiveResourcesInfo().filter((r) => !OUTPUT.has(r));
    const idle = fromTimer ? pending.length === 1 && pending[0] === 'Timeout' : pending.length === 0;
    if (idle) proc.exit(code);
    else if (left > 0) setTimeout(() => look(left - 1, true), 1);
  };
  // After the promises the command left behind have run: they may still start something.
  setImmediate(() => look(tries, false));
}
