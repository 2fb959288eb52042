import { proposeParity } from '../../../lambdas/core/init/propose-parity';

describe('proposeParity', () => {
  it('groups the production regions, and a pre-production stage with the production of its region', () => {
    const groups = proposeParity([
      { name: 'dev', region: 'us-east-1' },
      { name: 'staging', region: 'eu-west-1' },
      { name: 'production-us', region: 'us-east-1' },
      { name: 'production-eu', region: 'eu-west-1' },
    ]);
    expect(groups.map(({ name, environments }) => ({ name, environments }))).toEqual([
      { name: 'production', environments: ['production-us', 'production-eu'] },
      { name: 'staging-vs-production-eu', environments: ['staging', 'production-eu'] },
    ]);
    expect(groups[0]!.why).toContain('production regions');
  });

  it('pairs a stage with the first production when no region matches', () => {
    expect(proposeParity([{ name: 'uat' }, { name: 'prod' }]).map((g) => g.environments)).toEqual([['uat', 'prod']]);
  });

  it('proposes nothing without a production environment', () => {
    expect(proposeParity([{ name: 'dev' }, { name: 'staging' }])).toEqual([]);
  });
});
