import type { EventEmitter } from 'node:events';
import { EXIT } from './io';

/** What endOnWriteFailure needs of `process`. */
export interface EndingProcess {
  exit(code: number): void;
}

const listening = new WeakSet<EventEmitter>();

/**
 * The exit status of a run whose reader left (`drift audit | head -1`): what a shell reports for a
 * process SIGPIPE ends (128 + 13), as `git log | head -1` or `cat big | head -1` end. Not 2, which says
 * usage or estate-file error, nor a finding's 1 or 0 over output nobody read in full.
 */
export const EXIT_CLOSED_PIPE = 128 + 13;

/**
 * Ends the run when `stream` (the process's stdout or stderr) cannot be written: a full disk under
 * `drift audit > report.json`, a closed pipe. Unhandled, the stream's error event killed the process
 * with a stack and exit 1, which says "findings" to CI over a report that was cut short; an output
 * that cannot be written is the same failure as an --output file that cannot be: exit 2. A closed
 * pipe is said in no words, its reader left on purpose (`drift audit | head`): EXIT_CLOSED_PIPE.
 */
export function endOnWriteFailure<S extends EventEmitter>(
  stream: S,
  name: string,
  stderr: () => { write(s: string): unknown },
  proc: EndingProcess = process,
): S {
  if (listening.has(stream)) return stream;
  listening.add(stream);
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') return proc.exit(EXIT_CLOSED_PIPE);
    try {
      stderr().write(`drift: ${name} cannot be written (${err.code ?? err.name})\n`);
    } catch {
      // stderr is the stream that failed, or fails too: the exit code still says it.
    }
    proc.exit(EXIT.usage);
  });
  return stream;
}
