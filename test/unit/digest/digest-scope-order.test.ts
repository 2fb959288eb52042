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
