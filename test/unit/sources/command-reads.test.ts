import { commandReads } from '../../../lambdas/core/sources/command-reads';

describe('the variables a container command line uses', () => {
  test.each([
    ['a double-quoted and a bare read', 'exec app --level "$LOG_LEVEL" --timeout ${TIMEOUT:-30}', ['LOG_LEVEL', 'TIMEOUT']],
    [
      "single quotes: the shell expands nothing inside them (awk's $NF, a literal '$HOME')",
      "awk '{print $NF}' /etc/hosts; echo '$HOME' \"$USER\"",
      ['USER'],
    ],
    ['a backslash-escaped dollar is text, in double quotes too', 'echo \\$PRICE "\\$COST" "$QTY"', ['QTY']],
    ['an apostrophe inside double quotes opens no single quote', 'echo "it\'s $WHO"; echo $THEN', ['WHO', 'THEN']],
  ])('sh -c: %s', (_what, script, expected) => {
    expect([...commandReads(['/bin/sh', '-c'], [script], false)]).toEqual(expected);
  });

  test.each([
    ['tini', ['/sbin/tini', '--', 'sh', '-c']],
    ['dumb-init', ['dumb-init', 'bash', '-ec']],
    ['env', ['/usr/bin/env', 'sh', '-c']],
    ['gosu and its user', ['gosu', 'app', 'sh', '-c']],
  ])('a shell an init or privilege wrapper starts (%s) reads what its script names', (_what, head) => {
    expect([...commandReads(head, ['exec app --level "$LOG_LEVEL"'], false)]).toEqual(['LOG_LEVEL']);
  });

  test("$$ is the shell's process id: $$NAME reads no NAME (ECS hands the script to the shell as written)", () => {
    expect([...commandReads(['sh', '-c'], ['echo $$PID_FILE > /tmp/pid; exec app "$$$LEVEL" ${TIMEOUT}$$'], false)]).toEqual([
      'LEVEL',
      'TIMEOUT',
    ]);
  });

  test("the kubelet reduces $$ to $ before the shell runs: $$NAME is the shell's $NAME, $$(NAME) the text $(NAME)", () => {
    expect([...commandReads(['sh', '-c'], ['echo $$HOSTNAME $(POD_IP) $$(date) $$$$'], true)].sort()).toEqual(['HOSTNAME', 'POD_IP']);
  });

  test('a shell named as an argument of the program, not run by it, reads nothing', () => {
    expect([...commandReads(['app', '--shell', 'sh', '-c'], ['$LOG_LEVEL'], false)]).toEqual([]);
  });
});
