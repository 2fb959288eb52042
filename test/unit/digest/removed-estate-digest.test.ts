import { buildDigest, type DigestInput } from '../../../lambdas/core/digest/build-digest';
import type { Inline } from '../../../lambdas/core/digest/digest-model';
import { ESTATE_REMOVED } from '../../../lambdas/core/lifecycle/estate-removed';
import type { LifecycleEvent } from '../../../lambdas/core/lifecycle/model';
import type { Finding } from '../../../lambdas/core/model';

const finding = (id: string, key: string): Finding => ({
  id,
  kind: 'mismatch',
  severity: 'high',
  estate: 'shop',
  environment: 'production',
  key,
  message: `message ${id}`,
});

const resolved = (f: Finding): LifecycleEvent => ({
  eventId: `${f.id}-r`,
  event: 'resolved',
  runId: 'r',
  at: '2026-11-24T02:00:00Z',
  finding: f,
  episode: 1,
  reason: ESTATE_REMOVED,
});

const input = (over: Partial<DigestInput> = {}): DigestInput => ({
  estate: 'shop',
  windowStart: '2026-11-23T07:00:00Z',
  windowEnd: '2026-11-24T07:00:00Z',
  timezone: 'Europe/Berlin',
  events: [resolved(finding('a', 'db.timeout')), resolved(finding('b', 'log.level'))],
  open: [],
  suppressed: [],
  minSeverity: 'low',
  allClear: false,
  ...over,
});

const text = (parts: readonly Inline[]): string =>
  parts
    .map((p) => {
      if (typeof p === 'string') return p;
      if ('user' in p) return p.user;
      if ('code' in p) return p.code;
      if ('strong' in p) return text(p.strong);
      if ('em' in p) return text(p.em);
      return '';
    })
    .join('');

describe('the last digest of an estate the installation no longer audits', () => {
  test('says so first, then lists each resolution with its reason', () => {
    const d = buildDigest(input({ removed: true }))!;
    expect(text(d.headline)).toMatch(/^No longer audited — .*removed from the installation/);
    const lines = d.sections.flatMap((s) => s.lines.map((l) => text(l.text)));
    expect(lines.filter((l) => l.includes(ESTATE_REMOVED))).toHaveLength(2);
  });

  test('a live estate’s digest says nothing of the kind', () => {
    expect(text(buildDigest(input())!.headline)).not.toMatch(/no longer audited/i);
  });
});
