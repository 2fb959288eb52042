import { exitWhenIdle, type ExitingProcess } from '../../../lambdas/cli/exit-when-idle';

/** A process whose active resources, look after look, are `looks` (the last one repeats). */
function fakeProcess(looks: string[][]) {
  let n = 0;
  const proc = {
    exitCode: undefined as ExitingProcess['exitCode'],
    exits: [] as number[],
    looks: 0,
    getActiveResourcesInfo: () => {
      proc.looks++;
      return looks[Math.min(n++, looks.length - 1)] as string[];
    },
    exit: (code: number) => void proc.exits.push(code),
  };
  return proc;
}

const settle = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('exitWhenIdle', () => {
  test('nothing pending but the output streams: the process ends at once with the code', async () => {
    const proc = fakeProcess([['PipeWrap', 'TTYWrap']]);
    exitWhenIdle(1, proc);
    expect(proc.exitCode).toBe(1);
    await settle(5);
    expect(proc.exits).toEqual([1]);
    expect(proc.looks).toBe(1);
  });

  test('a pending file operation is waited for, then the process ends', async () => {
    // From the second look on, the look's own timer is listed too.
    const proc = fakeProcess([
      ['FSReqPromise', 'PipeWrap'],
      ['FSReqPromise', 'Timeout'],
      ['Timeout', 'PipeWrap'],
    ]);
    exitWhenIdle(2, proc);
    await settle(30);
    expect(proc.exits).toEqual([2]);
    expect(proc.looks).toBe(3);
  });

  test('another timer is pending work too', async () => {
    const proc = fakeProcess([['Timeout'], ['Timeout', 'Timeout']]);
    exitWhenIdle(0, proc, 3);
    await settle(30);
    expect(proc.exits).toEqual([]);
    expect(proc.exitCode).toBe(0);
  });

  test('work that stays pending: after its looks it leaves the process to end by itself, with the code set', async () => {
    const proc = fakeProcess([['TCPWrap']]);
    exitWhenIdle(3, proc, 4);
    await settle(40);
    expect(proc.exits).toEqual([]);
    expect(proc.looks).toBe(5);
    expect(proc.exitCode).toBe(3);
  });

  test('output still being written keeps it waiting', async () => {
    const proc = fakeProcess([['PipeWrap', 'WriteWrap']]);
    exitWhenIdle(0, proc, 2);
    await settle(30);
    expect(proc.exits).toEqual([]);
  });
});
