import { selectDigest } from '../../../lambdas/core/digest/select';
import type { Finding } from '../../../lambdas/core/model';

const finding = (id: string, scope: { environment?: string; group?: string }): Finding => ({
  id,
  kind: 'mismatch',
  severity: 'medium',
  estate: 'shop',
  key: 'db.timeout',
  message: `${id} differs`,
  status: 'open',
  firstSeen: '2026-11-01T00:00:00Z',
  ...scope,
});

test('still-open findings of equal severity are shown in drift.yaml order, parity groups after environments', () => {
  const open = [finding('a', { environment: 'alpha' }), finding('g', { group: 'regions' }), finding('z', { environment: 'zeta' })];
  const sel = selectDigest([], open, [], 'low', { environments: ['zeta', 'alpha'], groups: ['regions'] });
  expect(sel.open.map((s) => s.scope)).toEqual(['zeta', 'alpha', 'regions (parity group)']);
  // Without the estate's order, by name.
  expect(selectDigest([], open, [], 'low').open.map((s) => s.scope)).toEqual(['alpha', 'regions (parity group)', 'zeta']);
});

test('new and resolved findings of equal severity are listed in drift.yaml order too, as every output lists them', () => {
  const scopes = { environments: ['production-us', 'production-eu'], groups: ['regions'] };
  const opened = (f: Finding) => ({ eventId: `${f.id}-o`, event: 'opened' as const, runId: 'r', at: '2026-11-24T02:00:00Z', finding: f });
  const resolved = (f: Finding) => ({ ...opened(f), eventId: `${f.id}-r`, event: 'resolved' as const, reason: 'value fixed' });
  const found = [
    finding('eu', { environment: 'production-eu' }),
    finding('g', { group: 'regions' }),
    finding('us', { environment: 'production-us' }),
  ];
  const fresh = selectDigest(found.map(opened), [], [], 'low', scopes);
  expect(fresh.fresh.map((x) => x.finding.id)).toEqual(['us', 'eu', 'g']);
  const gone = selectDigest(found.map(resolved), [], [], 'low', scopes);
  expect(gone.resolved.map((x) => x.finding.id)).toEqual(['us', 'eu', 'g']);
  // A more severe finding still comes first, wherever its scope is.
  const worse = selectDigest(
    [...found, { ...finding('eu-high', { environment: 'production-eu' }), severity: 'high' as const }].map(opened),
    [],
    [],
    'low',
    scopes,
  );
  expect(worse.fresh.map((x) => x.finding.id)).toEqual(['eu-high', 'us', 'eu', 'g']);
});
