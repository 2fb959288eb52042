import { LIVE } from '../../../../lambdas/adapters/live/live-kinds';

// Every live kind declares the calls its collector makes; its grants may allow nothing else.

const where = { partition: 'aws', account: '123456789012', region: 'us-east-1', envFileBuckets: ['config-bucket'] };
const grantedActions = (live: (typeof LIVE)[number]['live']): string[] => live.access.grants([], where).flatMap((g) => g.actions);

describe.each(LIVE.map((k) => [k.type, k.live] as const))('the %s kind', (_type, live) => {
  test('grants only the calls its collector makes, and each of them', () => {
    expect([...new Set(grantedActions(live))].sort()).toEqual([...live.access.calls].sort());
  });

  test('gives each statement its own id', () => {
    const sids = live.access.grants([], where).map((g) => g.sid);
    expect(new Set(sids).size).toBe(sids.length);
  });
});

test('no kind grants a call no collector makes: SSM values are never read by path', () => {
  const all = LIVE.flatMap((k) => grantedActions(k.live));
  expect(all).not.toContain('ssm:GetParametersByPath');
  expect(all.filter((a) => a.endsWith('*'))).toEqual([]);
});
