import { effectiveConfig } from '../../../lambdas/core/engine/effective-config';
import type { Observation, SourceSnapshot, SourceType } from '../../../lambdas/core/model';
import { planRevert, type KeyRevert } from '../../../lambdas/core/revert/plan-revert';
import { revertPlanText } from '../../../lambdas/core/revert/plan-text';
import { secretMarker } from '../../../lambdas/core/values/secret-marker';
import type { Value } from '../../../lambdas/core/values/value';
import { estateFrom } from '../../helpers/estate';

const FP = 'a'.repeat(64);
const estate = estateFrom(`version: 1
name: shop
environments:
  prod:
    region: us-east-1
    sources:
      - file: { from: prod.yml }
      - ssm: { path: /prod/, from: prod-ssm.json }
      - ecs: { from: [td.json], cluster: c1, service: s1 }
baseline:
  keys:
    api.timeout: { type: duration, value: 30s }
    port: { type: int, value: 8080 }
    node.env: { per-environment: true }
    db.password: { secret: true, per-environment: true }
    old.flag: { retired: 2026-01-01 }
    loose: {}
    token: { value: "${secretMarker({ keyId: 'k1', fingerprint: FP })}" }
    cache.host: { value: "cache.internal" }
    pool.timeout: { type: duration, value: 30 }
`);
const environment = estate.environments[0]!;

type Set = { key: string; value: Value | string; location?: string; ref?: Observation['ref'] };

function snap(index: number, type: SourceType, sets: Set[], referable?: Record<string, unknown>): SourceSnapshot {
  const source = { index, type, label: `${type} #${index}` };
  const observations = sets.map((s): Observation => ({
    key: s.key,
    rawKey: s.location ?? s.key,
    value: typeof s.value === 'string' ? { kind: 'text', text: s.value } : s.value,
    origin: { source, location: s.location ?? `${type}:${s.key}` },
    ...(s.ref ? { ref: s.ref } : {}),
  }));
  return { source, observations, dangling: [], errors: [], ...(referable ? { referable } : {}) };
}

const plan = (key: string, ...sources: SourceSnapshot[]): KeyRevert =>
  planRevert(estate.baseline, environment, effectiveConfig({ environment: 'prod', sources }), key);

const reason = (r: KeyRevert): string => (r.outcome === 'plan' ? 'plan' : `${r.outcome}: ${r.reason}`);
const runs = (r: KeyRevert): string[] => (r.outcome === 'plan' ? r.steps.flatMap((s) => (s.do === 'run' ? [s.command] : [])) : []);

describe('planRevert', () => {
  test('the winning source is the one changed, not a lower layer that already holds the value', () => {
    const r = plan(
      'api.timeout',
      snap(0, 'file', [{ key: 'api.timeout', value: '30s', location: 'prod.yml#api.timeout' }]),
      snap(1, 'ssm', [{ key: 'api.timeout', value: '120', location: '/prod/api/timeout' }]),
    );
    expect(r).toMatchObject({ outcome: 'plan', current: '120s', expected: '30s', source: { type: 'ssm', location: '/prod/api/timeout' } });
    expect(runs(r)).toEqual(['aws ssm put-parameter --name /prod/api/timeout --value 30 --overwrite --region us-east-1']);
  });

  // The story's EU database timeout, written bare in config (60, seconds) and in the baseline (30): the
  // plan's header shows both as the audit's message does ('60s … expects 30s'), not '60s → 30'.
  test('the expected value is shown with the unit its type implies, as the current one is', () => {
    const r = plan('pool.timeout', snap(0, 'file', [{ key: 'pool.timeout', value: '60', location: 'prod.yml#pool.timeout' }]));
    expect(r).toMatchObject({ outcome: 'plan', current: '60s', expected: '30s' });
    expect(revertPlanText('prod', [r])).toContain('# pool.timeout: 60s → 30s');
  });

  test.each([
    ['a bare number of seconds stays a bare number', '120', '30'],
    ['a value with its unit takes the baseline text', '2m', '30s'],
    ['milliseconds written with their unit stay the baseline text', '120000ms', '30s'],
  ])('the value is written as the application reads it: %s', (_what, running, written) => {
    const r = plan('api.timeout', snap(1, 'ssm', [{ key: 'api.timeout', value: running, location: '/prod/api/timeout' }]));
    expect(runs(r)).toEqual([`aws ssm put-parameter --name /prod/api/timeout --value ${written} --overwrite --region us-east-1`]);
  });

  test('a reference that resolved is changed where its value lives (the SSM parameter, not the task definition)', () => {
    const r = plan(
      'api.timeout',
      snap(1, 'ssm', [{ key: 'timeout', value: '90s', location: '/prod/shared/timeout' }], { path: '/prod/' }),
      snap(2, 'ecs', [
        {
          key: 'api.timeout',
          value: { kind: 'ref', target: '/prod/shared/timeout' },
          location: 'taskdef td:1 container api secrets API_TIMEOUT',
          ref: { kind: 'ssm-parameter', target: '/prod/shared/timeout' },
        },
      ]),
    );
    expect(runs(r)).toEqual(['aws ssm put-parameter --name /prod/shared/timeout --value 30s --overwrite --region us-east-1']);
  });

  test.each([
    ['the same value, written another way', 'port', '8080', "nothing: prod already runs the baseline's value"],
    [
      'a per-environment key with no value here',
      'node.env',
      'production',
      'nothing: it is per-environment and the baseline gives no value for prod',
    ],
    [
      'a secret with no fingerprint in the baseline',
      'db.password',
      'x',
      'nothing: it is a secret and the baseline holds no fingerprint of it to revert to',
    ],
    [
      'a key only parity and types judge',
      'loose',
      'x',
      'nothing: the baseline gives no expected value to revert to (only its type, bounds and parity are checked)',
    ],
    ['an undeclared key', 'extra', 'x', 'nothing: it is not declared in the baseline: there is no expected value to revert to'],
    [
      'a retired key still set',
      'old.flag',
      'x',
      'by-hand: it was retired on 2026-01-01: remove it from file:old.flag (revert sets values, it does not delete keys)',
    ],
  ])('%s: says why there is nothing to run', (_name, key, value, why) => {
    expect(reason(plan(key, snap(0, 'file', [{ key, value }])))).toBe(why);
  });

  test('a required value no source sets has no source to change', () => {
    expect(reason(plan('api.timeout', snap(0, 'file', [])))).toBe(
      'by-hand: it is not set in prod: no source holds it to change (add it to one of its sources)',
    );
  });

  test('a secret that matches the fingerprint the baseline keeps: nothing to revert', () => {
    const r = plan(
      'token',
      snap(1, 'ssm', [{ key: 'token', value: { kind: 'secret', keyId: 'k1', fingerprint: FP }, location: '/prod/token' }]),
    );
    expect(r.outcome).toBe('nothing');
  });

  test('a secret that differs from it: the value is typed at a prompt, and neither value is printed', () => {
    const other = 'b'.repeat(64);
    const r = plan(
      'token',
      snap(1, 'ssm', [{ key: 'token', value: { kind: 'secret', keyId: 'k1', fingerprint: other }, location: '/prod/token' }]),
    );
    expect(r).toMatchObject({ outcome: 'plan', expected: '<secret:aaaaaaaa>', current: '<secret:bbbbbbbb>' });
    expect(runs(r)[0]).toContain("printf 'value: ' >&2; IFS= read -r v");
    expect(runs(r)[1]).toContain('--value file://revert-prod-token.value --overwrite');
    const text = revertPlanText('prod', [r]);
    expect(text).not.toContain(FP);
    expect(text).not.toContain(other);
  });

  test('a value drift only holds as a fingerprint is set whatever it is, and the plan says so', () => {
    const r = plan(
      'cache.host',
      snap(1, 'ssm', [{ key: 'cache.host', value: { kind: 'secret', keyId: 'k1', fingerprint: FP }, location: '/prod/cache/host' }]),
    );
    expect(r.outcome === 'plan' && r.steps[0]).toEqual({ do: 'note', text: expect.stringContaining('drift cannot see the current value') });
  });

  test('the text plan is a shell script: every line but a command is a comment', () => {
    const r = plan('api.timeout', snap(1, 'ssm', [{ key: 'api.timeout', value: '120', location: '/prod/api/timeout' }]));
    const n = plan('port', snap(0, 'file', [{ key: 'port', value: '8080' }]));
    const lines = revertPlanText('prod', [r, n]).split('\n').filter(Boolean);
    expect(lines.filter((l) => !l.startsWith('#'))).toEqual(runs(r));
    expect(lines).toContain('# port: nothing to revert');
  });
});
