import { parse } from 'yaml';
import { renderSkeleton } from '../../../lambdas/core/init/render-skeleton';

describe('renderSkeleton', () => {
  it('writes one environment per proposal, its sources with what was found as comments', () => {
    const text = renderSkeleton({ region: 'eu-west-1' }, [
      { environment: 'staging', type: 'ssm', fields: { path: '/staging/checkout/' }, note: '2 parameters' },
      { environment: 'staging', type: 'ecs', fields: { cluster: 'apps', service: 'checkout staging' }, note: 'service\nof apps' },
      { environment: 'prod', type: 'eks', fields: { cluster: 'c', namespace: 'n', workload: 'api', container: 'api' }, note: 'Deployment' },
    ]);
    expect(text).toMatch(/^# A drift.yaml skeleton from `drift init --discover` in eu-west-1\./);
    expect(text).toContain('      - ssm: { path: /staging/checkout/ }   # 2 parameters\n');
    // A note never breaks out of its comment line.
    expect(text).toContain('# service\\nof apps\n');
    expect(parse(text)).toEqual({
      version: 1,
      environments: {
        staging: {
          region: 'eu-west-1',
          sources: [{ ssm: { path: '/staging/checkout/' } }, { ecs: { cluster: 'apps', service: 'checkout staging' } }],
        },
        prod: { region: 'eu-west-1', sources: [{ eks: { cluster: 'c', namespace: 'n', workload: 'api', container: 'api' } }] },
      },
    });
  });

  it('says so when nothing was found', () => {
    expect(renderSkeleton({ region: 'us-east-1' }, [])).toContain('nothing found');
  });
});
