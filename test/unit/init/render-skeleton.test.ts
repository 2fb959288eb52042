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

  it('names each environment as drift.yaml accepts it, whatever the path or service was called', () => {
    const text = renderSkeleton({ region: 'eu-west-1' }, [
      { environment: 'Prod US', type: 'ssm', fields: { path: '/app/Prod US/' }, note: '1 parameter' },
      { environment: '_blue', type: 'ssm', fields: { path: '/app/_blue/' }, note: '1 parameter' },
      { environment: '@@', type: 'ssm', fields: { path: '/app/@@/' }, note: '1 parameter' },
    ]);
    const environments = (parse(text) as { environments: Record<string, { sources: unknown[] }> }).environments;
    expect(Object.keys(environments)).toEqual(['Prod-US', 'blue', 'default']);
    expect(environments['Prod-US']!.sources).toEqual([{ ssm: { path: '/app/Prod US/' } }]);
  });

  it('says so when nothing was found', () => {
    expect(renderSkeleton({ region: 'us-east-1' }, [])).toContain('nothing found');
  });
});
