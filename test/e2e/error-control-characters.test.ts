import { drift, EXAMPLES } from '../helpers/cli';

// An argument a chat bot or a script passes through (`drift explain "$ENV" "$KEY"`): the error that
// names it must not move the cursor, recolour the terminal or forge a second line.
const ESC = '\u001b[2J\u001b[31m';
const LINE = '\nfake: all clear';

describe('an error naming what the user passed never writes its control characters raw', () => {
  test.each([
    ['an unknown environment (diff)', ['diff', `staging${ESC}`, 'production-us', '--no-store'], '\\u001b[2J'],
    ['a key the environment lacks (explain)', ['explain', 'staging', `nope${ESC}${LINE}`, '--no-store'], '\\u001b[31m\\n'],
    ['a key the environment lacks (revert)', ['revert', 'staging', `nope${ESC}${LINE}`], '\\u001b[31m\\n'],
    ['an unknown environment (revert)', ['revert', `st${ESC}`, 'DB_TIMEOUT'], '\\u001b[2J'],
    ['an unknown environment (history)', ['history', `st${ESC}`, 'DB_TIMEOUT', '--no-store'], '\\u001b[2J'],
    ['an unknown environment (adopt)', ['adopt', `st${ESC}`, 'DB_TIMEOUT', '--dry-run'], '\\u001b[2J'],
    ['an unknown environment (audit --env)', ['audit', '--no-store', '--env', `eu${LINE}`], 'eu\\nfake'],
  ])('%s', async (_what, args, escaped) => {
    const run = await drift([...args, '-c', 'drift.yaml'], { cwd: EXAMPLES });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^drift: /);
    expect(run.stderr).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
    // One line: the message, its escapes visible.
    expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(run.stderr).toContain(escaped);
  });
});
