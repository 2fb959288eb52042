import { buildDigest, type DigestInput } from '../../../lambdas/core/digest/build-digest';
import type { DigestLine, Inline } from '../../../lambdas/core/digest/digest-model';
import type { Finding } from '../../../lambdas/core/model';
import type { Severity } from '../../../lambdas/core/severity';

// A workload in prod reads a Secret prod does not have: a dangling-ref there, and under the parity
// group the key absent in prod. One fact, so the still-open section shows it once, under prod.
const dangling = (severity: Severity): Finding => ({
  id: 'd',
  kind: 'dangling-ref',
  severity,
  estate: 'shop',
  environment: 'prod',
  key: 'db.host',
  message: 'db.host in prod reads Secret prod/db, which does not exist',
  status: 'open',
  firstSeen: '2026-11-01T02:00:00Z',
});
const parity: Finding = {
  id: 'p',
  kind: 'parity',
  severity: 'medium',
  estate: 'shop',
  group: 'stage-vs-prod',
  key: 'db.host',
  values: { staging: 'db.internal', prod: null },
  message: 'db.host differs across stage-vs-prod: staging=db.internal, prod absent',
  status: 'open',
  firstSeen: '2026-11-01T02:00:00Z',
};
const elsewhere: Finding = {
  ...parity,
  id: 'q',
  key: 'log.level',
  values: { staging: 'INFO', prod: 'DEBUG' },
  message: 'log.level differs',
};

const input = (open: Finding[]): DigestInput => ({
  estate: 'shop',
  windowStart: '2026-11-23T07:00:00Z',
  windowEnd: '2026-11-24T07:00:00Z',
  timezone: 'UTC',
  events: [],
  open,
  suppressed: [],
  minSeverity: 'low',
  allClear: true,
});

const plain = (parts: readonly Inline[]): string =>
  parts
    .map((p) => {
      if (typeof p === 'string') return p;
      if ('user' in p) return p.user;
      if ('code' in p) return p.code;
      if ('strong' in p) return plain(p.strong);
      if ('em' in p) return plain(p.em);
      if ('link' in p) return p.label;
      if ('severity' in p) return p.severity;
      return `:${p.icon}:`;
    })
    .join('');
const stillOpen = (open: Finding[]) => buildDigest(input(open))!.sections.find((s) => s.title.startsWith('Still open'))!;
const lines = (ls: readonly DigestLine[]): string[] => ls.map((l) => plain(l.text));

describe('still open: a reference to nothing in a parity member and the parity difference it makes are one cause', () => {
  test('counted under the environment, the parity group not listed as a scope of its own', () => {
    const s = stillOpen([parity, dangling('high')]);
    expect(s.title).toBe('Still open (2)');
    expect(lines(s.lines)).toEqual(['prod — 2 open (1 high, 1 medium)']);
    expect(s.lines.reduce((n, l) => n + l.findings, 0)).toBe(2);
  });

  test('a critical one is named once, the parity difference beneath it as the same cause', () => {
    const s = stillOpen([parity, dangling('critical'), elsewhere]);
    expect(lines(s.lines)).toEqual([
      'prod — 2 open (1 critical, 1 medium)',
      'critical · dangling-ref — db.host in prod reads Secret prod/db, which does not exist',
      'stage-vs-prod (parity group) — 1 open (1 medium)',
    ]);
    expect(s.lines[1]!.details.map(plain)).toContain(
      'same cause: medium · parity — db.host differs across stage-vs-prod: staging=db.internal, prod absent',
    );
    expect(s.lines.reduce((n, l) => n + l.findings, 0)).toBe(3);
  });
});
