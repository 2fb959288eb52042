import { buildDigest, type DigestInput } from '../../../lambdas/core/digest/build-digest';
import type { DigestLine, Inline } from '../../../lambdas/core/digest/digest-model';
import { SHOWN } from '../../../lambdas/core/digest/sections';
import type { LifecycleEvent } from '../../../lambdas/core/lifecycle/model';
import type { Finding } from '../../../lambdas/core/model';
import type { Severity } from '../../../lambdas/core/severity';

const open = (id: string, severity: Severity, over: Partial<Finding> = {}): Finding => ({
  id,
  kind: 'mismatch',
  severity,
  estate: 'shop',
  environment: 'production',
  key: `key.${id}`,
  message: `key.${id} differs`,
  status: 'open',
  firstSeen: '2026-11-01T02:00:00Z',
  ...over,
});

const input = (over: Partial<DigestInput>): DigestInput => ({
  estate: 'shop',
  windowStart: '2026-11-23T07:00:00Z',
  windowEnd: '2026-11-24T07:00:00Z',
  timezone: 'UTC',
  events: [],
  open: [],
  suppressed: [],
  minSeverity: 'low',
  allClear: true,
  ...over,
});

/** A run of inline text as plain words, for reading what a line says. */
const plain = (parts: readonly Inline[]): string =>
  parts
    .map((p) => {
      if (typeof p === 'string') return p;
      if ('user' in p) return p.user;
      if ('code' in p) return p.code;
      if ('strong' in p) return plain(p.strong);
      if ('em' in p) return plain(p.em);
      if ('link' in p) return `[${p.label}](${p.link})`;
      if ('severity' in p) return p.severity;
      return `:${p.icon}:`;
    })
    .join('');
const lines = (ls: readonly DigestLine[]): string[] => ls.map((l) => plain(l.text));
const stillOpen = (i: DigestInput) => buildDigest(i)!.sections.find((s) => s.title.startsWith('Still open'))!;

describe('the still-open section: counts per scope and severity, naming only the critical', () => {
  const findings = [
    open('a', 'critical'),
    open('b', 'high'),
    open('c', 'medium'),
    open('d', 'medium', { environment: 'staging' }),
    open('e', 'low', { environment: 'staging' }),
  ];

  test('one heading per scope with its counts; only the critical finding is named, with its age and commands', () => {
    const s = stillOpen(input({ open: findings }));
    expect(s.title).toBe('Still open (5)');
    expect(lines(s.lines)).toEqual([
      'production — 3 open (1 critical, 1 high, 1 medium)',
      'critical · mismatch — key.a differs',
      'staging — 2 open (1 medium, 1 low)',
    ]);
    expect(s.lines[1]!.details.map(plain)).toEqual([
      'open 23 days',
      'adopt drift adopt production key.a · revert drift revert production key.a',
    ]);
  });

  test('every finding is counted by exactly one line, so a channel that drops lines says how many it dropped', () => {
    const s = stillOpen(input({ open: findings }));
    expect(s.lines.map((l) => l.findings)).toEqual([2, 1, 2]);
  });

  test('a finding that escalated in the window is named under New, not counted as still open', () => {
    const escalated: LifecycleEvent = { eventId: 'x', event: 'escalated', runId: 'r', at: '2026-11-24T02:00:00Z', finding: findings[1]! };
    const d = buildDigest(input({ open: findings, events: [escalated] }))!;
    expect(lines(d.sections[0]!.lines)).toEqual(['high (escalated) · mismatch · production — key.b differs']);
    expect(lines(stillOpen(input({ open: findings, events: [escalated] })).lines)[0]).toBe('production — 2 open (1 critical, 1 medium)');
  });

  test(`at most ${SHOWN.open} critical are named, oldest first; the rest are counted per scope`, () => {
    const many = Array.from({ length: SHOWN.open + 4 }, (_, i) =>
      open(`k${String(i).padStart(2, '0')}`, 'critical', { firstSeen: `2026-10-${String(i + 1).padStart(2, '0')}T00:00:00Z` }),
    );
    const s = stillOpen(input({ open: many }));
    expect(s.lines.filter((l) => plain(l.text).startsWith('critical ·'))).toHaveLength(SHOWN.open);
    expect(lines(s.lines)[1]).toBe('critical · mismatch — key.k00 differs');
    expect(lines(s.lines).at(-1)).toBe('+4 more critical in production');
    expect(s.lines.at(-1)!.findings).toBe(4);
  });

  test('with a report, the section ends with the link to every open finding', () => {
    const s = stillOpen(input({ open: findings, reportUrl: 'https://r.example/run.html' }));
    expect(lines(s.lines).at(-1)).toBe('every open finding, with its age and source: [the full report](https://r.example/run.html)');
    expect(s.lines.at(-1)!.findings).toBe(0);
  });
});

describe('new findings carry what to run', () => {
  const openedEvent = (finding: Finding): LifecycleEvent => ({
    eventId: finding.id,
    event: 'opened',
    runId: 'r',
    at: '2026-11-24T02:00:00Z',
    finding,
  });

  test.each([
    ['a mismatch: adopt and revert', open('m', 'high'), ['adopt drift adopt production key.m · revert drift revert production key.m']],
    [
      'a parity finding: one adoption per value, no revert',
      open('p', 'medium', { kind: 'parity', environment: undefined, group: 'prod', values: { us: 'a', eu: 'b' } }),
      ['adopt one value everywhere: drift adopt us key.p --everywhere or drift adopt eu key.p --everywhere'],
    ],
    ['a kind that is not syncable: nothing', open('x', 'high', { kind: 'missing' }), []],
  ])('%s', (_name, finding, expected) => {
    const line = buildDigest(input({ events: [openedEvent(finding)] }))!.sections[0]!.lines[0]!;
    expect(line.details.map(plain).filter((d) => d.startsWith('adopt'))).toEqual(expected);
  });

  test('a parity group with more values than shown says how many more', () => {
    const values = Object.fromEntries(['a', 'b', 'c', 'd', 'e'].map((v) => [`env-${v}`, v]));
    const parity = open('p', 'medium', { kind: 'parity', environment: undefined, group: 'g', values });
    const line = buildDigest(input({ events: [openedEvent(parity)] }))!.sections[0]!.lines[0]!;
    expect(plain(line.details.at(-1)!)).toMatch(/--everywhere and 2 more$/);
  });
});
