import { effectiveConfig } from '../../../lambdas/core/engine/effective-config';
import { inferBaseline, summaryLine } from '../../../lambdas/core/init/infer-baseline';
import type { EnvironmentSnapshot, Observation, SourceLabel, SourceSnapshot } from '../../../lambdas/core/model';

const source = (values: Record<string, string>, errors: string[] = []): SourceSnapshot => {
  const label = { index: 0, type: 'dotenv' as const, label: 'dotenv env/x.env' };
  const observations: Observation[] = Object.entries(values).map(([key, text]) => ({
    key,
    rawKey: key,
    value: { kind: 'text', text },
    origin: { source: label, location: key },
  }));
  return { source: label, observations, dangling: [], errors };
};
const env = (environment: string, s: SourceSnapshot): EnvironmentSnapshot => ({ environment, sources: [s] });

describe('inferBaseline', () => {
  const envs = [{ name: 'staging' }, { name: 'production' }, { name: 'broken' }];
  const configs = [
    env('staging', source({ port: '8080', 'db.timeout': '10s', 'runtime.replicas': '2', 'api.url': 'https://s.example' })),
    env('production', source({ port: '8080', 'db.timeout': '60s', 'api.url': 'https://p.example' })),
    env('broken', source({}, ['cannot read env/broken.env'])),
  ].map((s) => effectiveConfig(s));
  // What init proposes for these names: the stage beside the production it precedes.
  const proposed = [{ name: 'staging-vs-production', environments: ['staging', 'production'] }];

  it('declares every key any environment runs, runtime keys last, and counts the verdicts', () => {
    const proposal = inferBaseline(envs, configs, proposed);
    expect(proposal.keys.map((k) => [k.key, k.verdict])).toEqual([
      ['api.url', 'per-environment'],
      ['db.timeout', 'differs'],
      ['port', 'agrees'],
      ['runtime.replicas', 'agrees'],
    ]);
    expect(summaryLine(proposal)).toBe('4 keys: 2 agreeing, 1 per-environment, 1 differing (→ findings to review)');
  });

  it('counts neither an environment whose source failed nor one that cannot observe a runtime key as absent', () => {
    const byKey = new Map(inferBaseline(envs, configs, proposed).keys.map((k) => [k.key, k]));
    expect(byKey.get('port')).toMatchObject({ value: '8080', comment: 'same in staging, production' });
    expect(byKey.get('runtime.replicas')).toMatchObject({ value: '2', comment: 'same in staging' });
    expect(byKey.get('db.timeout')!.comment).toBe('differs: staging 10s, production 60s');
  });

  it('says which differing keys no parity group compares: they make no finding to review', () => {
    const compared = inferBaseline(envs, configs, proposed);
    expect(compared.keys.find((k) => k.key === 'db.timeout')!.comment).toBe('differs: staging 10s, production 60s');
    expect(summaryLine(compared)).toBe('4 keys: 2 agreeing, 1 per-environment, 1 differing (→ findings to review)');

    const alone = inferBaseline(envs, configs, []);
    expect(alone.keys.find((k) => k.key === 'db.timeout')!.comment).toBe(
      'differs: staging 10s, production 60s; no parity group compares them, so no finding',
    );
    expect(summaryLine(alone)).toBe(
      '4 keys: 2 agreeing, 1 per-environment, 1 differing in no parity group (no finding: add a parity group to compare them)',
    );
  });

  // Production's SSM layer (over its dotenv) could not be read tonight: the dotenv's 120s is no proof of what it runs,
  // so init neither calls the key differing nor takes 120s as production's value.
  it('takes no value of a layer a failed source outranks: that environment is unknown for the key', () => {
    const dotenv = { index: 0, type: 'dotenv' as const, label: 'dotenv prod.env' };
    const ssm = { index: 1, type: 'ssm' as const, label: 'ssm /prod/api/' };
    const read = (label: SourceLabel, values: Record<string, string>, errors: string[] = []): SourceSnapshot => ({
      source: label,
      observations: Object.entries(values).map(([key, text]) => ({
        key,
        rawKey: key,
        value: { kind: 'text', text },
        origin: { source: label, location: key },
      })),
      dangling: [],
      errors,
    });
    const outage = [
      env('staging', source({ 'api.timeout': '30s' })),
      { environment: 'production', sources: [read(dotenv, { 'api.timeout': '120s' }), read(ssm, {}, ['cannot read the export'])] },
    ].map((s) => effectiveConfig(s));
    const pair = [
      { name: 'staging', environments: ['staging'] },
      { name: 'production', environments: ['production'] },
    ];
    const timeout = inferBaseline(pair, outage, [{ name: 'p', environments: ['staging', 'production'] }]).keys[0]!;
    expect(timeout).toMatchObject({ key: 'api.timeout', verdict: 'agrees', value: '30s', comment: 'same in staging' });
  });
});
