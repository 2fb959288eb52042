import { buildDigest, type DigestInput } from '../../../lambdas/core/digest/build-digest';
import type { DigestLine, Inline } from '../../../lambdas/core/digest/digest-model';
import type { LifecycleEvent } from '../../../lambdas/core/lifecycle/model';
import type { Finding } from '../../../lambdas/core/model';

const f = (id: string, over: Partial<Finding> = {}): Finding => ({
  id,
  kind: 'mismatch',
  severity: 'high',
  estate: 'shop',
  environment: 'production',
  key: 'db.timeout',
  message: `message ${id}`,
  ...over,
});

const opened = (finding: Finding): LifecycleEvent => ({
  eventId: `${finding.id}-o`,
  event: 'opened',
  runId: 'r',
  at: '2026-11-24T02:00:00Z',
  finding,
});

const input = (over: Partial<DigestInput> = {}): DigestInput => ({
  estate: 'shop',
  windowStart: '2026-11-23T07:00:00Z',
  windowEnd: '2026-11-24T07:00:00Z',
  timezone: 'Europe/Berlin',
  events: [],
  open: [],
  suppressed: [],
  minSeverity: 'low',
  allClear: true,
  ...over,
});

/** Every user-text span of a run of inline text, however deeply nested. */
const userSpans = (parts: readonly Inline[]): string[] =>
  parts.flatMap((p) => {
    if (typeof p === 'string' || 'link' in p || 'severity' in p || 'icon' in p) return [];
    if ('user' in p) return [p.user];
    if ('code' in p) return [p.code];
    return userSpans('strong' in p ? p.strong : p.em);
  });
const spansOf = (l: DigestLine): string[] => [...userSpans(l.text), ...l.details.flatMap(userSpans)];

describe('the digest core builds a channel-neutral model', () => {
  const hostile = f('evil', { environment: 'prod <!here>', message: 'is <!channel> & *bold* `tick`\u0007', owner: '<@U1>' });
  const d = buildDigest(input({ events: [opened(hostile)], reportUrl: 'https://r.example/x?a=1&b=2' }))!;

  test('no Slack markup anywhere: no mrkdwn emphasis, emoji, escaping or Block Kit types', () => {
    const json = JSON.stringify(d);
    for (const slack of [':red_circle:', ':white_check_mark:', '&lt;', '&amp;', '"type":"section"', '"type":"header"', 'verbatim', '*New'])
      expect(json).not.toContain(slack);
  });

  test('user text is structure, control characters shown, markup left for the channel to escape', () => {
    const line = d.sections[0]!.lines[0]!;
    expect(line.text[0]).toEqual({ severity: 'high' });
    expect(spansOf(line)).toEqual([
      'prod <!here>',
      'is <!channel> & *bold* `tick`\\u0007',
      '<@U1>',
      "drift adopt 'prod <!here>' db.timeout",
      "drift revert 'prod <!here>' db.timeout",
    ]);
    expect(line.text).toContainEqual({ strong: [{ user: 'prod <!here>' }] });
  });

  test('the counts, the window in its time zone and the report link are data', () => {
    expect(d).toMatchObject({
      estate: 'shop',
      date: '2026-11-24',
      window: { start: '2026-11-23 08:00', end: '2026-11-24 08:00', timezone: 'Europe/Berlin' },
      allClear: false,
      reportUrl: 'https://r.example/x?a=1&b=2',
    });
    expect(d.headline[0]).toEqual({ strong: ['1 new'] });
    expect(d.sections.map((s) => s.title)).toEqual([
      'New (1)',
      'Resolved (0)',
      'Changed (0)',
      'Still open (0)',
      'Exceptions expiring within 7 days (0)',
    ]);
  });

  test('all clear: the headline says so and only the expiring exceptions remain', () => {
    const quiet = buildDigest(input({ windowStart: undefined }))!;
    expect(quiet.allClear).toBe(true);
    expect(quiet.headline[0]).toEqual({ icon: 'all-clear' });
    expect(quiet.window.start).toBeUndefined();
    expect(quiet.sections.map((s) => s.title)).toEqual(['Exceptions expiring within 7 days (0)']);
  });
});
