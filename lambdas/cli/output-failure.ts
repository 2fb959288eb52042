import type { EventEmitter } from 'node:events';
import { EXIT } from './io';

/** What endOnWriteFailure needs of `process`. */
export interface EndingProcess {
  exit(code: number): void;
}

const listening = new WeakSet<EventEmitter>();

/**
 * Ends the run when `stream` (the process's stdout or stderr) cannot be written: a full disk under
 * `drift audit > report.json`, a closed pipe. Unhandled, the stream's error event killed the process
 * with a stack and exit 1, which says "findings" to CI over a report that was cut short; an output
 * that cannot be written is the same failure as an --output file that cannot be: exit 2. A closed
 * pipe is said in no words, its reader left on purpose (`drift audit | head`).
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
    if (err.code !== 'EPIPE') {
      try {
        stderr().write(`drift: ${name} cannot be written (${err.code ?? err.name})\n`);
      } catch {
        // stderr is the stream that failed, or fails too: the exit code still says it.
      }
    }
    proc.exit(EXIT.usage);
  });
  return stream;
}
