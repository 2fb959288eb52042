import { adoptMode } from '../../../lambdas/cli/commands/adopt';

const TODAY = '2026-12-07';
const exception = (more: { reason?: string; ticket?: string }) => ({
  config: 'drift.yaml',
  as: 'exception',
  reason: 'INC-7',
  expires: '2026-12-31',
  ...more,
});

describe('adopt --as exception refuses a reason or ticket holding a credential, before anything is written', () => {
  test.each([
    ['reason', { reason: 'rotating: the old one was postgres://app:CANARYreasonPw@db/x' }],
    ['reason', { reason: 'leaked AKIAZ3MSJV4WWNKWW5FK, rotate it' }],
    ['ticket', { ticket: 'ghp_CANARYgithubToken0123456789abcdefghi' }],
  ])('--%s', (flag, more) => {
    let message = '';
    try {
      adoptMode(exception(more), TODAY);
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toMatch(new RegExp(`^adopt: --${flag} holds a credential in plain text; drift\\.yaml is kept in git`));
    expect(message).not.toMatch(/CANARY|AKIA/);
  });

  test('prose about a secret is no credential', () => {
    expect(adoptMode(exception({ reason: 'the DB password was rotated (INC-7)', ticket: 'OPS-12' }), TODAY)).toMatchObject({
      as: 'exception',
    });
  });
});
