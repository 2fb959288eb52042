import { EventEmitter } from 'node:events';
import { endOnWriteFailure } from '../../../lambdas/cli/output-failure';

function harness() {
  const said: string[] = [];
  const exits: number[] = [];
  const proc = { exit: (code: number) => void exits.push(code) };
  const stderr = { write: (s: string) => said.push(s) };
  return { said, exits, proc, stderr };
}

const failure = (code: string): Error => Object.assign(new Error(`${code}: write`), { code });

describe('endOnWriteFailure', () => {
  it('says which stream failed and why, then exits 2', () => {
    const h = harness();
    const stdout = endOnWriteFailure(new EventEmitter(), 'the standard output', () => h.stderr, h.proc);
    stdout.emit('error', failure('ENOSPC'));
    expect(h.said).toEqual(['drift: the standard output cannot be written (ENOSPC)\n']);
    expect(h.exits).toEqual([2]);
  });

  it('exits 141 (128 + SIGPIPE) without a word for a closed pipe (its reader left on purpose: `drift audit | head`)', () => {
    const h = harness();
    endOnWriteFailure(new EventEmitter(), 'the standard output', () => h.stderr, h.proc).emit('error', failure('EPIPE'));
    expect(h.said).toEqual([]);
    expect(h.exits).toEqual([141]);
  });

  it('exits 2 even when the message cannot be written either (stderr is the stream that failed)', () => {
    const h = harness();
    const broken = {
      write: () => {
        throw failure('EIO');
      },
    };
    endOnWriteFailure(new EventEmitter(), 'the standard error', () => broken, h.proc).emit('error', failure('EIO'));
    expect(h.exits).toEqual([2]);
  });

  it('listens once per stream, however often the stream is asked for', () => {
    const h = harness();
    const stream = new EventEmitter();
    endOnWriteFailure(stream, 'the standard output', () => h.stderr, h.proc);
    endOnWriteFailure(stream, 'the standard output', () => h.stderr, h.proc);
    expect(stream.listenerCount('error')).toBe(1);
  });
});
