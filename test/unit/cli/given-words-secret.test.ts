import { adoptMode } from '../../../lambdas/cli/commands/adopt';
import { pickEnvironments } from '../../../lambdas/cli/load';
import { unknownEnvironment } from '../../../lambdas/cli/unknown-environment';
import type { Estate } from '../../../lambdas/core/estate/model';

// Arguments swapped, or a token pasted where a word goes: the error is kept in CI logs, so it never quotes one.
const TOKEN = 'ghp_CANARYgithubToken0123456789abcdefghi';
const estate = { environments: [{ name: 'prod' }, { name: 'staging' }] } as unknown as Estate;

const messageOf = (run: () => unknown): string => {
  try {
    run();
  } catch (err) {
    return (err as Error).message;
  }
  throw new Error('no error');
};

describe('a command-line word holding a credential is never quoted back in an error', () => {
  test('an unknown environment (audit --env, explain, history, revert, adopt)', () => {
    expect(messageOf(() => pickEnvironments(estate, [TOKEN]))).toBe(
      'unknown environment (a credential: not shown); the estate has prod, staging',
    );
    expect(unknownEnvironment(`https://ops:${TOKEN}@example.com`, ['prod']).message).not.toContain(TOKEN);
  });

  test('adopt --as and --expires', () => {
    const base = { config: 'drift.yaml', reason: 'INC-7' };
    expect(messageOf(() => adoptMode({ ...base, as: TOKEN, expires: '2026-12-31' }, '2026-12-07'))).not.toContain(TOKEN);
    expect(messageOf(() => adoptMode({ ...base, as: 'exception', expires: TOKEN }, '2026-12-07'))).toBe(
      'adopt: --expires (a credential: not shown) is not a date (YYYY-MM-DD)',
    );
  });

  test('an ordinary word is quoted as before', () => {
    expect(messageOf(() => pickEnvironments(estate, ['prd']))).toMatch(/^unknown environment "prd" \(did you mean "prod"\?\)/);
    expect(messageOf(() => adoptMode({ config: 'drift.yaml', as: 'exceptoin' }, '2026-12-07'))).toBe(
      'adopt: --as takes "exception", not "exceptoin"',
    );
  });
});
