import { KIND_NAMES, type FindingKind } from '../../../lambdas/core/kinds';
import { resolutionReason } from '../../../lambdas/core/lifecycle/resolution-reason';
import type { Finding } from '../../../lambdas/core/model';
import { audit } from '../../../lambdas/core/engine/audit';
import { expiredExceptionId, findingId } from '../../../lambdas/core/engine/finding-factory';
import { sourceLabel } from '../../../lambdas/core/estate/source-label';
import type { Estate } from '../../../lambdas/core/estate/model';
import type { FindingState } from '../../../lambdas/core/lifecycle/model';
import { planLifecycle, type RunScope } from '../../../lambdas/core/lifecycle/plan-lifecycle';
import { NOW, estateFrom, estateYaml, snapshot } from '../../helpers/estate';

const estate = estateFrom(
  estateYaml(
    ['us', 'eu'],
    `parity:
  - { name: g, environments: [us, eu] }
baseline:
  keys:
    loose: { type: int }
    pinned: { value: '10' }
    spread: { per-environment: true }
    sunset: { retired: 2026-05-01 }
  rules:
    - { name: kept, assert: "pinned >= 1" }
`,
  ),
);

const finding = (kind: FindingKind, rest: Partial<Finding>): Finding => ({
  id: 'f1',
  kind,
  severity: 'medium',
  estate: 'shop',
  environment: 'us',
  message: 'm',
  ...rest,
});

describe('each kind says why its finding is no longer seen', () => {
  test.each<[string, Finding, string]>([
    ['a mismatch', finding('mismatch', { key: 'pinned', expected: '10' }), 'value fixed'],
    ['a mismatch, its value adopted', finding('mismatch', { key: 'pinned', expected: '30' }), 'adopted into the baseline'],
    ['a mismatch, no value expected now', finding('mismatch', { key: 'loose', expected: '3' }), 'expected value removed from the baseline'],
    ['a missing key', finding('missing', { key: 'pinned' }), 'value fixed'],
    ['a missing key, now retired', finding('missing', { key: 'sunset' }), 'key retired'],
    ['a constraint', finding('constraint', { key: 'loose' }), 'value fixed'],
    ['a shadowed key', finding('shadowed', { key: 'loose' }), 'value fixed'],
    ['a dangling reference', finding('dangling-ref', { key: 'loose' }), 'value fixed'],
    ['a change', finding('changed', { key: 'loose' }), 'value fixed'],
    [
      'parity, key now per-environment',
      finding('parity', { environment: undefined, group: 'g', key: 'spread' }),
      'key made per-environment',
    ],
    [
      'parity, value now in the baseline',
      finding('parity', { environment: undefined, group: 'g', key: 'pinned' }),
      'expected value declared in the baseline',
    ],
    ['parity, values now equal', finding('parity', { environment: undefined, group: 'g', key: 'loose' }), 'value fixed'],
    ['parity, key now retired', finding('parity', { environment: undefined, group: 'g', key: 'sunset' }), 'key retired'],
    ['undeclared, now declared', finding('undeclared', { key: 'loose' }), 'key declared in the baseline'],
    ['undeclared, gone', finding('undeclared', { key: 'nowhere' }), 'key removed'],
    ['retired, gone', finding('retired', { key: 'sunset' }), 'key removed'],
    ['retired, no longer retired', finding('retired', { key: 'loose' }), 'key no longer retired'],
    ['a rule that holds', finding('rule', { rule: 'kept' }), 'rule holds again'],
    ['a rule removed', finding('rule', { rule: 'dropped' }), 'rule removed'],
    ['an expired exception whose drift is gone', finding('exception-expired', { key: 'pinned' }), 'value fixed'],
    ['a source readable again', finding('source-error', { source: { type: 'file', location: 'us.yml' } }), 'source readable again'],
    ['a source removed', finding('source-error', { source: { type: 'file', location: 'gone.yml' } }), 'source removed'],
  ])('%s', (_what, f, reason) => {
    expect(resolutionReason(f, estate, { excused: false, scopeGone: false })).toBe(reason);
  });

  test('a finding reported under another kind now says which', () => {
    const now = { excused: false, scopeGone: false };
    expect(resolutionReason(finding('mismatch', { key: 'pinned' }), estate, { ...now, reportedAs: 'exception-expired' })).toBe(
      'now reported as exception-expired',
    );
    expect(resolutionReason(finding('exception-expired', { key: 'pinned' }), estate, { ...now, reportedAs: 'mismatch' })).toBe(
      'now reported as mismatch',
    );
  });

  test('an exception or a scope that is gone comes first, whatever the kind', () => {
    for (const kind of KIND_NAMES) {
      const excused = { excused: true, scopeGone: false, reportedAs: 'mismatch' } as const;
      const gone = { excused: false, scopeGone: true, reportedAs: 'mismatch' } as const;
      expect(resolutionReason(finding(kind, { key: 'loose' }), estate, excused)).toBe('excused by an exception');
      expect(resolutionReason(finding(kind, { key: 'loose' }), estate, gone)).toBe('environment removed');
      expect(resolutionReason(finding(kind, { environment: undefined, group: 'g' }), estate, gone)).toBe('parity group removed');
    }
  });
});

test('a source-error whose source reads again resolves as readable again, not as removed', () => {
  const declared = (env: string) => sourceLabel(estate.environments.find((e) => e.name === env)!.sources[0]!);
  const failed = { source: declared('us'), observations: [], dangling: [], errors: ['us.yml: not found'] };
  const read = { source: declared('eu'), observations: [], dangling: [], errors: [] };
  const r = audit(
    estate,
    [
      { environment: 'us', sources: [failed] },
      { environment: 'eu', sources: [read] },
    ],
    NOW,
  );
  const sourceError = r.findings.find((f) => f.kind === 'source-error')!;
  expect(resolutionReason(sourceError, estate, { excused: false, scopeGone: false })).toBe('source readable again');
});

describe('an expired exception whose drift went says how it went, as the finding it carried would', () => {
  const expiredOf = (carried: Finding): Finding => ({
    ...carried,
    id: expiredExceptionId(carried),
    kind: 'exception-expired',
  });
  const gone = { excused: false, scopeGone: false };
  const mismatch = (expected: string): Finding =>
    finding('mismatch', { id: findingId('shop', { kind: 'mismatch', environment: 'us', subject: 'pinned' }), key: 'pinned', expected });

  test.each<[string, Finding, string]>([
    ['a mismatch whose value was fixed', mismatch('10'), 'value fixed'],
    ['a mismatch whose value was adopted (drift adopt)', mismatch('30'), 'adopted into the baseline'],
    [
      'a parity finding whose key was made per-environment',
      finding('parity', {
        id: findingId('shop', { kind: 'parity', group: 'g', subject: 'spread' }),
        environment: undefined,
        group: 'g',
        key: 'spread',
      }),
      'key made per-environment',
    ],
  ])('%s', (_what, carried, reason) => {
    expect(resolutionReason(expiredOf(carried), estate, gone)).toBe(reason);
  });
});

describe('a finding the baseline stopped judging is set aside, not fixed', () => {
  // The running values are as they were: only the estate file changed.
  const quiet = estateFrom(`version: 1
name: shop
environments:
  us:
    sources:
      - { file: { from: base.yml }, defaults: true }
      - file: { from: us.yml }
  eu:
    sources:
      - file: { from: eu.yml }
parity:
  - { name: g, environments: [us, eu], ignore: ['cache.*'] }
baseline:
  undeclared: ignore
  keys:
    cache.size: { type: int }
    pool: { type: int, shadowed: ignore }
    timeout: { type: duration }
`);
  const gone = { excused: false, scopeGone: false };
  const parity = (key: string) => finding('parity', { environment: undefined, group: 'g', key });
  const shadowed = (key: string, hidden: string) =>
    finding('shadowed', {
      key,
      source: { type: 'file', location: `us.yml#${key}` },
      hidden: [{ type: 'file', location: hidden, value: '1' }],
    });

  test.each<[string, Finding, string]>([
    ['undeclared, now that undeclared keys are ignored', finding('undeclared', { key: 'extra' }), 'undeclared keys ignored'],
    ['parity on an undeclared key, now that undeclared keys are ignored', parity('extra'), 'key left out of the parity group'],
    ["parity on a key the group's ignore: now names", parity('cache.size'), 'key left out of the parity group'],
    ['shadowed, now that the key says shadowed: ignore', shadowed('pool', 'base.yml#pool'), 'override accepted in the baseline'],
    ['shadowed, the hidden source now a defaults layer', shadowed('timeout', 'base.yml#timeout'), 'override accepted in the baseline'],
  ])('%s', (_what, f, reason) => {
    expect(resolutionReason(f, quiet, gone)).toBe(reason);
  });

  test.each<[string, Finding, string]>([
    ['parity on a key still compared', parity('timeout'), 'value fixed'],
    ['shadowed, the hidden source not a defaults layer', shadowed('timeout', 'us.yml#timeout'), 'value fixed'],
  ])('%s: still fixed', (_what, f, reason) => {
    expect(resolutionReason(f, quiet, gone)).toBe(reason);
  });
});

describe('a constraint finding whose value the baseline now accepts says so', () => {
  const relaxed = estateFrom(
    estateYaml(
      ['us'],
      `baseline:
  keys:
    timeout: { type: duration, max: 90s }
    level: { enum: [DEBUG, INFO] }
    free: {}
    noy: { pattern: '^[^y]*$' }
    runtime.replicas: {}
`,
    ),
  );
  const gone = { excused: false, scopeGone: false };
  const constraint = (key: string, actual: string) =>
    finding('constraint', { key, actual, source: { type: 'file', location: `us.yml#${key}` } });

  test.each<[string, Finding, string]>([
    ['a maximum raised above the value', constraint('timeout', '60s'), 'adopted into the baseline'],
    ['the value added to the enum', constraint('level', 'DEBUG'), 'adopted into the baseline'],
    ['every constraint taken off the key', constraint('free', 'x'), 'constraint removed from the baseline'],
    ['the key no longer declared', constraint('nowhere', 'x'), 'constraint removed from the baseline'],
    ['the value still outside the bounds: it was fixed', constraint('timeout', '120s'), 'value fixed'],
    ['a runtime key keeps its built-in type', constraint('runtime.replicas', 'many'), 'value fixed'],
    // Its y was past the cut: the text shown is not the value judged.
    ['a value shown cut short is not judged again', constraint('noy', `${'x'.repeat(199)}…`), 'value fixed'],
    // Its password, hidden, may hold a y.
    [
      'a URL shown with its password hidden is not judged again',
      constraint('noy', 'postgres://app:<secret:1a2b3c4d>@db/app'),
      'value fixed',
    ],
  ])('%s', (_what, f, reason) => {
    expect(resolutionReason(f, relaxed, gone)).toBe(reason);
  });
});

describe('a missing key the baseline no longer requires is set aside, not fixed', () => {
  const loosened = estateFrom(
    estateYaml(
      ['us', 'eu'],
      `baseline:
  keys:
    host: { required: true }
    optional: { value: '5', required: false }
    elsewhere: { values: { eu: '5' } }
    loose: {}
`,
    ),
  );
  const gone = { excused: false, scopeGone: false };
  test.each<[string, Finding, string]>([
    ['still required: the key was set', finding('missing', { key: 'host' }), 'value fixed'],
    ['required: false now', finding('missing', { key: 'optional', expected: '5' }), 'key no longer required'],
    [
      "no value expected in the finding's environment now",
      finding('missing', { key: 'elsewhere', expected: '5' }),
      'key no longer required',
    ],
    ['neither required nor expected now', finding('missing', { key: 'loose' }), 'key no longer required'],
    ['no longer declared', finding('missing', { key: 'nowhere' }), 'key no longer required'],
  ])('%s', (_what, f, reason) => {
    expect(resolutionReason(f, loosened, gone)).toBe(reason);
  });
});

describe('a retired key whose retirement was put off is set aside, not removed', () => {
  const later = estateFrom(estateYaml(['us'], `baseline:\n  keys:\n    sunset: { retired: 2027-03-01 }\n`));
  const gone = { excused: false, scopeGone: false };
  const retired = finding('retired', { key: 'sunset', actual: 'on' });

  test('before the new date the key may still be set', () => {
    expect(resolutionReason(retired, later, gone, '2026-12-06')).toBe('retirement postponed');
  });
  test('past it, the finding went because the key did', () => {
    expect(resolutionReason(retired, later, gone, '2027-03-02')).toBe('key removed');
  });

  test('a run resolves it by the day it started', () => {
    const before = estateFrom(estateYaml(['us'], `baseline:\n  keys:\n    sunset: { retired: 2026-05-01 }\n`));
    const running = [snapshot('us', { values: { sunset: 'on' } })];
    const scope = (e: Estate, runId: string): RunScope => ({
      estate: e,
      runId,
      startedAt: NOW.toISOString(),
      audited: new Set(['us']),
      failed: new Set(),
    });
    const first = planLifecycle(new Map(), audit(before, running, NOW).findings, [], scope(before, '1'));
    expect(first.findings.map((f) => f.kind)).toEqual(['retired']);
    const states = new Map<string, FindingState>(first.transitions.map((t) => [t.state.id, t.state]));
    const next = planLifecycle(states, audit(later, running, NOW).findings, [], scope(later, '2'));
    expect(next.resolved.map((f) => f.reason)).toEqual(['retirement postponed']);
  });
});
