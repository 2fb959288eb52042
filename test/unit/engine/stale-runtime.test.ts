import { audit } from '../../../lambdas/core/engine/audit';
import type { SourceSnapshot, WorkloadRuntime } from '../../../lambdas/core/model';
import { estateFrom, source } from '../../helpers/estate';

const estate = estateFrom(`version: 1
name: shop
environments:
  prod:
    sources:
      - file: { from: a.json }
      - k8s: { from: k8s/, workload: api }
      - file: { from: b.json }
baseline:
  undeclared: ignore
  keys: {}
`);

const NOW = new Date('2026-11-26T02:00:00Z');

const pods: WorkloadRuntime = {
  workload: 'Deployment shop/api',
  units: [
    { unit: 'pod', id: 'api-1', startedAt: '2026-11-20T00:00:00Z', reads: ['log.level', 'pool.size'] },
    { unit: 'pod', id: 'api-2', startedAt: '2026-11-25T12:00:00Z', reads: ['log.level', 'pool.size'] },
  ],
};

const withRuntime = (s: SourceSnapshot, runtime: WorkloadRuntime): SourceSnapshot => ({ ...s, runtime });

function staleOf(sources: SourceSnapshot[], changes: Record<string, string>) {
  const r = audit(estate, [{ environment: 'prod', sources }], NOW, undefined, undefined, (env, key) => changes[`${env}/${key}`]);
  return r.findings.filter((f) => f.kind === 'stale-runtime').map((f) => [f.key, f.actual]);
}

describe('stale-runtime (core)', () => {
  test.each([
    ['a change after one pod started: that pod', { 'prod/log.level': '2026-11-25T02:00:00Z' }, [['log.level', 'api-1']]],
    ['a change before every pod started: none', { 'prod/log.level': '2026-11-19T02:00:00Z' }, []],
    ['a change after both started: both', { 'prod/pool.size': '2026-11-26T01:00:00Z' }, [['pool.size', 'api-1, api-2']]],
    ['no history of the key: none', {}, []],
  ])('%s', (_name, changes, expected) => {
    const k8s = withRuntime(source(1, { type: 'k8s', values: { 'log.level': 'INFO', 'pool.size': '10' } }), pods);
    expect(staleOf([source(0, { values: {} }), k8s], changes)).toEqual(expected);
  });

  test('the platform’s own time of the write, earlier than the run that saw it, dates the change: a pod started between the two runs the new value', () => {
    const k8s = withRuntime(source(1, { type: 'k8s', values: { 'log.level': 'DEBUG' } }), pods);
    const written = k8s.observations.map((o) => ({ ...o, origin: { ...o.origin, modifiedAt: '2026-11-25T02:00:00Z' } }));
    // The store first saw DEBUG on the run of 11-26 01:00; managedFields say it was written on 11-25 02:00, before api-2 started.
    const found = audit(
      estate,
      [{ environment: 'prod', sources: [{ ...k8s, observations: written }] }],
      NOW,
      undefined,
      undefined,
      () => '2026-11-26T01:00:00Z',
    ).findings.filter((f) => f.kind === 'stale-runtime');
    expect(found.map((f) => [f.key, f.actual])).toEqual([['log.level', 'api-1']]);
    expect(found[0]?.message).toContain('changed at 2026-11-25 02:00 UTC');
  });

  test('a key a later source overrides is not what the pods run with: none', () => {
    const k8s = withRuntime(source(1, { type: 'k8s', values: { 'log.level': 'INFO' } }), pods);
    const later = source(2, { values: { 'log.level': 'WARN' } });
    expect(staleOf([k8s, later], { 'prod/log.level': '2026-11-25T02:00:00Z' })).toEqual([]);
  });

  test('a failed source is not judged', () => {
    const k8s = withRuntime(source(1, { type: 'k8s', values: { 'log.level': 'INFO' }, errors: ['boom'] }), pods);
    expect(staleOf([k8s], { 'prod/log.level': '2026-11-25T02:00:00Z' })).toEqual([]);
  });

  test('units on an older revision than the workload’s: one finding without a key, whatever the reads', () => {
    const tasks: WorkloadRuntime = {
      workload: 'service api',
      revision: '9',
      units: [
        { unit: 'task', id: 't1', startedAt: '2026-11-20T00:00:00Z', revision: '8', reads: [] },
        { unit: 'task', id: 't2', startedAt: '2026-11-20T00:00:00Z', revision: '9', reads: [] },
      ],
    };
    const ecs = withRuntime(source(1, { type: 'ecs', values: {} }), tasks);
    expect(staleOf([ecs], {})).toEqual([[undefined, 't1']]);
  });

  test.each([
    [
      'written after one pod started: that pod',
      '2026-11-25T02:00:00Z',
      [['ConfigMap shop/files key app.properties (subPath mount /etc/a)', 'api-1']],
    ],
    ['written before both started: none', '2026-11-19T02:00:00Z', []],
    ['no write time (a recording without managedFields): none', undefined, []],
  ])('a subPath mount %s', (_name, modifiedAt, expected) => {
    const mounts = [{ object: 'ConfigMap shop/files', key: 'app.properties', mountPath: '/etc/a', ...(modifiedAt ? { modifiedAt } : {}) }];
    const k8s = withRuntime(source(1, { type: 'k8s', values: {} }), { ...pods, mounts });
    const r = audit(estate, [{ environment: 'prod', sources: [k8s] }], NOW);
    expect(r.findings.filter((f) => f.kind === 'stale-runtime').map((f) => [f.source?.location, f.actual])).toEqual(expected);
  });
});
