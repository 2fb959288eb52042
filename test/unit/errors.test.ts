import { DriftError, failureText, isUserFacing } from '../../lambdas/core/errors';

class ConfigTypo extends DriftError {
  override readonly name = 'ConfigTypo';
  readonly userFacing = true;
}

class BrokenInvariant extends DriftError {
  override readonly name = 'BrokenInvariant';
  readonly userFacing = false;
}

describe('DriftError, the one error base', () => {
  test('keeps its name, message, ES2022 cause and context', () => {
    const cause = new Error('EACCES: permission denied');
    const err = new ConfigTypo('drift.yaml:3:1: unknown field', { cause, context: { file: 'drift.yaml', line: 3 } });
    expect(err).toBeInstanceOf(Error);
    expect(err.name).toBe('ConfigTypo');
    expect(err.message).toBe('drift.yaml:3:1: unknown field');
    expect(err.cause).toBe(cause);
    expect(err.context).toEqual({ file: 'drift.yaml', line: 3 });
    expect(err.stack).toMatch(/^ConfigTypo: drift\.yaml:3:1: unknown field\n/);
  });

  test('has an empty context and no cause unless given', () => {
    const err = new BrokenInvariant('x');
    expect(err.context).toEqual({});
    expect('cause' in err).toBe(false);
  });

  test('a user-facing error is said by its message alone; anything else with its stack', () => {
    const mine = new ConfigTypo('-c timezone: "Mars/Olympus" is not an IANA time zone');
    const bug = new BrokenInvariant('parity compares configurations of one key space');
    const plain = new Error('boom');
    expect(isUserFacing(mine)).toBe(true);
    expect(failureText(mine)).toBe('-c timezone: "Mars/Olympus" is not an IANA time zone');
    expect(isUserFacing(bug)).toBe(false);
    expect(failureText(bug)).toBe(bug.stack);
    expect(failureText(bug)).toMatch(/\n\s+at /);
    expect(isUserFacing(plain)).toBe(false);
    expect(failureText(plain)).toBe(plain.stack);
    expect(isUserFacing('a string')).toBe(false);
    expect(failureText('a string')).toBe('a string');
  });
});
