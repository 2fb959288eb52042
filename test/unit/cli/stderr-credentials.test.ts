import { main } from '../../../lambdas/cli/main';
import type { CliIo } from '../../../lambdas/cli/io';

const TOKEN = 'ghp_CANARYgithubToken0123456789abcdefghi';

/** drift run in-process: its exit code and what it wrote to stderr. */
async function run(argv: string[]): Promise<{ code: number; stderr: string }> {
  let stderr = '';
  const io = {
    stdout: { write: () => true },
    stderr: { write: (s: string) => ((stderr += s), true) },
    env: {},
    cwd: process.cwd(),
  } as unknown as CliIo;
  const code = await main(['node', 'drift', ...argv], io);
  return { code, stderr };
}

describe('a credential given on the command line is never quoted back on stderr', () => {
  test.each([
    ['a flag value commander refuses', ['audit', '--format', TOKEN]],
    ['an unknown option', ['audit', `--${TOKEN}`]],
    ['a --store value drift refuses', ['audit', '-c', 'examples/drift.yaml', '--store', TOKEN]],
    ['an --output value drift refuses', ['audit', '--output', TOKEN]],
    ['an estate file path', ['validate', '-c', `${TOKEN}.yaml`]],
    ['a URL with its password', ['audit', '-c', 'examples/drift.yaml', '--store', 'https://ops:CANARYurlPassword@example.com/t']],
  ])('%s', async (_name, argv) => {
    const { code, stderr } = await run(argv);
    expect(code).toBe(2);
    expect(stderr).toContain('(a credential: not shown)');
    expect(stderr).not.toContain('CANARY');
  });

  test('an ordinary word is quoted as before, with the punctuation after a hidden one', async () => {
    expect((await run(['audit', '--format', 'jsn'])).stderr).toContain("argument 'jsn' is invalid");
    expect((await run(['audit', '-c', 'examples/drift.yaml', '--store', TOKEN])).stderr).toBe(
      'drift: --store (a credential: not shown): expected dynamodb:TABLE\n',
    );
  });
});
