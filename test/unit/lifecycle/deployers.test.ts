import { isDeployer, outOfBandTest } from '../../../lambdas/core/lifecycle/deployers';

const SESSION = 'arn:aws:sts::123456789012:assumed-role/deploy/github-actions';

describe('deployers: which modifiers make sanctioned changes', () => {
  test.each([
    ['the role of an assumed-role session', ['arn:aws:iam::123456789012:role/deploy'], SESSION, true],
    ['the session itself', [SESSION], SESSION, true],
    ['a session glob', ['arn:aws:sts::*:assumed-role/deploy/*'], SESSION, true],
    ['a role with a path (sessions carry none)', ['arn:aws:iam::123456789012:role/ci/deploy'], SESSION, true],
    ['a role glob', ['arn:aws:iam::123456789012:role/deploy*'], 'arn:aws:sts::123456789012:assumed-role/deploy-prod/x', true],
    ['a user', ['arn:aws:iam::123456789012:user/ci-*'], 'arn:aws:iam::123456789012:user/ci-bot', true],
    ['another role', ['arn:aws:iam::123456789012:role/deploy'], 'arn:aws:sts::123456789012:assumed-role/Admin/alice', false],
    [
      'the same role in another account',
      ['arn:aws:iam::123456789012:role/deploy'],
      'arn:aws:sts::999999999999:assumed-role/deploy/x',
      false,
    ],
    ['a role named like the glob', ['arn:aws:iam::123456789012:role/deploy'], 'arn:aws:sts::123456789012:assumed-role/deployer/x', false],
    ['a pathed glob with a wildcard name never widens', ['arn:aws:iam::123456789012:role/ci/*'], SESSION, false],
    ['dots are literal', ['arn:aws:iam::123456789012:user/a.b'], 'arn:aws:iam::123456789012:user/axb', false],
    [
      'a GovCloud session of a pathed role',
      ['arn:aws-us-gov:iam::123456789012:role/ci/deploy'],
      'arn:aws-us-gov:sts::123456789012:assumed-role/deploy/x',
      true,
    ],
    [
      'a China session of the role',
      ['arn:aws-cn:iam::123456789012:role/deploy'],
      'arn:aws-cn:sts::123456789012:assumed-role/deploy/x',
      true,
    ],
    [
      'the same role in another partition',
      ['arn:aws:iam::123456789012:role/deploy'],
      'arn:aws-cn:sts::123456789012:assumed-role/deploy/x',
      false,
    ],
  ])('%s', (_, globs, principal, expected) => {
    expect(isDeployer(globs)(principal)).toBe(expected);
  });

  test('without deployers, or without a known modifier, nothing is out-of-band', () => {
    expect(outOfBandTest(undefined)('arn:aws:iam::1:user/alice')).toBeUndefined();
    const test = outOfBandTest(['arn:aws:iam::123456789012:role/deploy']);
    expect(test(undefined)).toBeUndefined();
    expect(test('')).toBeUndefined();
    expect(test(SESSION)).toBeUndefined();
    expect(test('arn:aws:iam::123456789012:user/alice')).toBe('arn:aws:iam::123456789012:user/alice');
  });
});
