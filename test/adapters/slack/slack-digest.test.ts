import { slackDigest, type SlackMessage } from '../../../lambdas/adapters/slack/slack-digest';
import { buildDigest, type DigestInput } from '../../../lambdas/core/digest/build-digest';
import type { LifecycleEvent, LifecycleEventName } from '../../../lambdas/core/lifecycle/model';
import type { Finding } from '../../../lambdas/core/model';

/** The digest of a window as Slack receives it. */
const slackOf = (i: DigestInput): SlackMessage | undefined => {
  const digest = buildDigest(i);
  return digest && slackDigest(digest);
};

const END = '2026-11-24T07:00:00Z'; // 08:00 in Berlin

const finding = (over: Partial<Finding> & Pick<Finding, 'id'>): Finding => ({
  kind: 'mismatch',
  severity: 'high',
  estate: 'checkout-api',
  environment: 'production-us',
  key: 'db.timeout',
  expected: '10s',
  actual: '60s',
  message: 'db.timeout is 60s in production-us; the baseline expects 10s',
  ...over,
});

const event = (name: LifecycleEventName, f: Finding, at = '2026-11-24T02:00:00Z', reason?: string): LifecycleEvent => ({
  eventId: `${f.id}-${name}-${at}`,
  event: name,
  runId: 'run-1',
  at,
  finding: f,
  ...(reason ? { reason } : {}),
});

const input = (over: Partial<DigestInput> = {}): DigestInput => ({
  estate: 'checkout-api',
  windowStart: '2026-11-23T07:00:00Z',
  windowEnd: END,
  timezone: 'Europe/Berlin',
  events: [],
  open: [],
  suppressed: [],
  minSeverity: 'low',
  allClear: true,
  ...over,
});

/** Every mrkdwn text of a digest, in order. */
const texts = (d: SlackMessage): string[] =>
  d.blocks.map((b) => {
    const block = b as { text?: { text: string }; elements?: Array<{ text: string }> };
    return block.text?.text ?? (block.elements ?? []).map((e) => e.text).join(' ');
  });
const body = (d: SlackMessage): string => texts(d).join('\n');

const fresh = finding({
  id: 'f-new',
  key: 'log.level',
  severity: 'critical',
  message: 'log.level is DEBUG in production-us',
  source: { type: 'ssm', location: '/production/api/log_level', version: 7, modifiedBy: 'alice' },
});
const escalated = finding({ id: 'f-esc', key: 'pool', severity: 'high', environment: 'staging', message: 'pool is 5 in staging' });
const gone = finding({ id: 'f-gone', key: 'db.host', severity: 'medium', message: 'db.host missing' });
const change = finding({
  id: 'f-chg',
  kind: 'changed',
  severity: 'info',
  key: 'feature.x',
  expected: 'off',
  actual: 'on',
  message: 'feature.x changed',
  source: { type: 'ssm', location: '/production/api/feature_x', version: 3, modifiedBy: 'bob' },
});
const old = finding({
  id: 'f-old',
  severity: 'medium',
  status: 'open',
  firstSeen: '2026-11-10T02:00:00Z',
  source: { type: 'ecs', location: 'taskdef api:12 container api', version: 12, modifiedBy: 'deployer' },
});
const parity = finding({
  id: 'f-par',
  kind: 'parity',
  severity: 'critical',
  environment: undefined,
  group: 'us-vs-eu',
  key: 'runtime.autoscaling.enabled',
  values: { 'production-us': 'true', 'production-eu': 'false' },
  message: 'runtime.autoscaling.enabled differs across us-vs-eu',
  status: 'open',
  firstSeen: '2026-11-20T02:00:00Z',
});
const lowStaging = finding({
  id: 'f-low',
  kind: 'shadowed',
  severity: 'low',
  environment: 'staging',
  key: 'cache.ttl',
  message: 'cache.ttl shadowed',
  status: 'open',
  firstSeen: '2026-11-23T12:00:00Z',
});
const excused = finding({
  id: 'f-exc',
  key: 'log.level',
  environment: 'production-eu',
  actual: 'DEBUG',
  message: 'excused',
  expiresSoon: true,
  exception: {
    environment: 'production-eu',
    key: 'log.level',
    reason: 'INC-2231 payment debugging',
    ticket: 'OPS-88',
    expires: '2026-11-27',
  },
});

const full = input({
  events: [
    event('resolved', gone, '2026-11-24T02:00:00Z', 'value fixed'),
    event('changed', change),
    event('opened', fresh),
    event('escalated', escalated),
  ],
  open: [lowStaging, { ...fresh, status: 'new', firstSeen: '2026-11-24T02:00:00Z' }, old, parity, escalated],
  suppressed: [excused, finding({ id: 'f-exc2', message: 'not soon', exception: { key: 'x', reason: 'r', expires: '2027-01-01' } })],
  reportUrl: 'https://reports.example.com/checkout-api/2026-11-24.html',
});

describe('the Slack digest: structure and order', () => {
  const d = slackOf(full)!;

  test('a plain-text header with the estate and the date in the window time zone', () => {
    expect(d.blocks[0]).toEqual({ type: 'header', text: { type: 'plain_text', text: 'drift · checkout-api · 2026-11-24' } });
  });

  test('the counts line: new, resolved, changed, still open, suppressed, expiring', () => {
    expect(texts(d)[1]).toContain('*2 new* · 1 resolved · 1 changed · 3 still open · 2 suppressed · 1 exception expiring within 7 days');
    expect(d.text.split('\n')[0]).toBe(texts(d)[1]!.split('\n')[0]);
  });

  test('sections in order: new, resolved, changed, still open, expiring exceptions, then the report link', () => {
    const all = body(d);
    const at = [
      '*New (2)*',
      '*Resolved (1)*',
      '*Changed (1)*',
      '*Still open (3)*',
      '*Exceptions expiring within 7 days (1)*',
      'Full report',
    ].map((s) => all.indexOf(s));
    expect(at.every((i) => i >= 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    expect(d.blocks.at(-1)).toEqual({
      type: 'context',
      elements: [{ type: 'mrkdwn', text: '<https://reports.example.com/checkout-api/2026-11-24.html|Full report>', verbatim: true }],
    });
  });

  test.each([
    [
      'new, most severe first, with source, version, who and the adopt/revert commands',
      /critical\* · mismatch · \*production-us\* — log\.level is DEBUG in production-us\n {6}↳ ssm \/production\/api\/log_level · v7 · by alice\n {6}↳ adopt `drift adopt production-us log\.level` · revert `drift revert production-us log\.level`\n.*high\* \(escalated\) · mismatch · \*staging\*/,
    ],
    ['resolved with its reason', /medium · mismatch · \*production-us\* `db\.host` — _value fixed_/],
    ['changed: before → after and who', /\*production-us\* `feature\.x`: `off` → `on` · ssm \/production\/api\/feature_x · v3 · by bob/],
    [
      'open as counts per scope, most severe scope first, naming only the critical with age and commands',
      /\*us-vs-eu \(parity group\)\* — 1 open \(1 critical\)\n.*critical\* · parity — .*\n.*open 4 days\n {6}↳ adopt one value everywhere: `drift adopt production-us runtime\.autoscaling\.enabled --everywhere` or `drift adopt production-eu runtime\.autoscaling\.enabled --everywhere`\n\*production-us\* — 1 open \(1 medium\)\n\*staging\* — 1 open \(1 low\)\n_every open finding, with its age and source:_ <https:\/\/reports\.example\.com\/checkout-api\/2026-11-24\.html\|the full report>\n/,
    ],
    [
      'expiring exceptions with reason, ticket and days left',
      /\*production-eu\* `log\.level` = `DEBUG` — INC-2231 payment debugging \(OPS-88\) · expires 2026-11-27 UTC, ends 2026-11-28 01:00 Europe\/Berlin \(in 3 days\)/,
    ],
  ])('%s', (_name, pattern) => {
    expect(body(d)).toMatch(pattern);
  });

  test('the same input renders the same digest, whatever the order of its lists', () => {
    const shuffled = { ...full, events: [...full.events].reverse(), open: [...full.open].reverse() };
    expect(slackOf(shuffled)).toEqual(d);
  });
});

describe('the Slack digest: a change another source overrides', () => {
  const over = (actual: string | undefined) => finding({ ...change, actual, notInEffect: { by: 'ssm /production/api/', value: 'off' } });

  test('a changed value says the environment does not run it, and what it runs instead', () => {
    const d = slackOf(input({ events: [event('changed', over('on'))] }))!;
    expect(body(d)).toMatch(
      /`feature\.x`: `off` → `on` · ssm \/production\/api\/feature_x · v3 · by bob · _not in effect: ssm \/production\/api\/_ `off`/,
    );
  });

  test('a removed key says which source still sets it', () => {
    const d = slackOf(input({ events: [event('changed', over(undefined))] }))!;
    expect(body(d)).toMatch(/`feature\.x`: `off` → _absent_ · .* · _still set by ssm \/production\/api\/_ `off`/);
  });
});

describe('the Slack digest: the severity threshold', () => {
  test.each([
    ['low', 3, /staging\* — 1 open/],
    ['medium', 2, /production-us\* — 1 open/],
    ['critical', 1, /us-vs-eu/],
  ] as const)('minSeverity %s keeps %i open findings; changed reports always show', (min, open, pattern) => {
    const d = slackOf({ ...full, minSeverity: min })!;
    expect(texts(d)[1]).toContain(`${open} still open`);
    expect(texts(d)[1]).toContain('1 changed');
    expect(body(d)).toMatch(pattern);
  });
});

describe('the Slack digest: all clear', () => {
  const quiet = input({ open: [lowStaging], minSeverity: 'high', suppressed: [excused] });
  test.each([
    ['allClear: true sends one short line', true],
    ['allClear: false sends nothing', false],
  ])('%s', (_name, allClear) => {
    const d = slackOf({ ...quiet, allClear });
    if (!allClear) return expect(d).toBeUndefined();
    expect(d!.text).toBe(
      ':white_check_mark: All clear — nothing new, resolved, changed or open at severity high and above (1 suppressed by exceptions).',
    );
    expect(texts(d!)[1]).toBe(d!.text);
    expect(body(d!)).toContain('Exceptions expiring within 7 days (1)');
  });

  test('a changed report alone is not all clear', () => {
    expect(slackOf({ ...quiet, allClear: false, events: [event('changed', change)] })).toBeDefined();
  });
});

describe('the Slack digest: text Slack cannot parse never reaches it', () => {
  // A JSON config file can spell half a surrogate pair (`"\\ud800"`): as JSON it is `\\ud800`, which
  // Slack's parser refuses with the whole digest; the invisible ones would pass for other names.
  const odd = finding({
    id: 'f-odd',
    key: 'db\ud800.host\u200b',
    actual: 'x\udc00y\u202e',
    message: 'db\ud800.host\u200b is x\udc00y\u202e in production-us; the baseline expects 10s',
    source: { type: 'file', location: 'cfg.json#db\ud800' },
  });
  const d = slackOf(
    input({ events: [event('opened', odd)], open: [{ ...odd, id: 'f-odd2', status: 'open', firstSeen: '2026-11-01T00:00:00Z' }] }),
  )!;
  const LONE_SURROGATE = /\p{Cs}/u;

  test('no half of a surrogate pair and no invisible character in any text, each shown escaped', () => {
    for (const t of [...texts(d), d.text]) {
      expect(t).not.toMatch(LONE_SURROGATE);
      expect(t).not.toMatch(/[\u200b\u202e]/);
    }
    expect(texts(d).join('\n')).toContain('db\\ud800.host\\u200b');
  });
});

describe('the Slack digest: hostile text pings no one and links nowhere', () => {
  const hostile = finding({
    id: 'f-evil',
    severity: 'critical',
    environment: 'prod <!here>',
    key: 'x & y',
    message: 'value is <!channel> or <https://evil.example|click> & \u001b[31mred\u0007 <@U123>',
    source: { type: 'file', location: 'cfg/<!everyone>.yml', modifiedBy: '<mailto:a@b|boss>' },
    owner: '<!subteam^S1>',
  });
  const d = slackOf(
    input({
      estate: 'evil <!channel> & co',
      events: [event('opened', hostile)],
      open: [{ ...hostile, id: 'f-evil2', status: 'open', firstSeen: '2026-11-01T00:00:00Z' }],
    }),
  )!;
  const everything = [JSON.stringify(d.blocks), d.text].join('\n');

  test.each([
    ['<!channel>'],
    ['<!here>'],
    ['<!everyone>'],
    ['<https://evil.example|click>'],
    ['<@U123>'],
    ['<mailto:'],
    ['<!subteam'],
    ['\u001b'],
    ['\u0007'],
  ])('never contains %j', (raw) => {
    expect(everything).not.toContain(raw);
  });

  test('shows it escaped instead', () => {
    expect(body(d)).toContain('value is &lt;!channel&gt; or &lt;https://evil.example|click&gt; &amp; \\u001b[31mred\\u0007 &lt;@U123&gt;');
    expect((d.blocks[0] as { text: { text: string } }).text.text).toBe('drift · evil &lt;!channel&gt; &amp; co · 2026-11-24');
  });

  test('the only < in the whole message is our own report link syntax', () => {
    const withLink = slackOf(input({ events: [event('opened', hostile)], reportUrl: 'https://r.example/x?a=1&b=2' }))!;
    const all = texts(withLink).join('\n');
    expect(all.match(/</g)).toEqual(['<']);
    expect(all).toContain('<https://r.example/x?a=1&amp;b=2|Full report>');
  });
});

describe('the Slack digest: a value is never read as markup', () => {
  const marked = '*URGENT* ~gone~ _now_ see https://evil.example';
  const banner = finding({
    id: 'f-banner',
    key: 'banner',
    severity: 'critical',
    expected: 'hello',
    actual: marked,
    message: `banner is ${marked} in production-us; the baseline expects hello`,
  });
  const d = slackOf(
    input({
      events: [event('opened', banner)],
      open: [{ ...banner, id: 'f-banner-2', status: 'open', firstSeen: '2026-11-01T00:00:00Z' }],
    }),
  )!;

  test('the values a message quotes are code spans, in New and Still open alike', () => {
    const quoted = `banner is \`${marked}\` in production-us; the baseline expects \`hello\``;
    expect(body(d).split(quoted)).toHaveLength(3);
    expect(body(d)).not.toContain(`banner is ${marked}`);
  });

  test('a long message is still cut, its values with it', () => {
    const long = finding({ id: 'f-long', actual: 'x'.repeat(400), message: `db.timeout is ${'x'.repeat(400)} in production-us` });
    const text = body(slackOf(input({ events: [event('opened', long)] }))!);
    expect(text).toContain(`db.timeout is \`${'x'.repeat(299 - 'db.timeout is '.length)}…\``);
    expect(text).not.toContain('x'.repeat(300));
  });
});

describe('the Slack digest: secrets only as fingerprints', () => {
  test('a secret canary never appears, its fingerprint does', () => {
    const canary = 'CANARY-hunter2-do-not-leak';
    const secret = finding({
      id: 'f-sec',
      key: 'payment.api.key',
      expected: '<secret:1a2b3c4d>',
      actual: '<secret:9f8e7d6c>',
      message: 'payment.api.key is <secret:9f8e7d6c> in production-us; the baseline expects <secret:1a2b3c4d>',
    });
    const d = slackOf(
      input({
        events: [
          event('opened', secret),
          event('changed', { ...change, key: 'payment.api.key', expected: '<secret:1a2b3c4d>', actual: '<secret:9f8e7d6c>' }),
        ],
      }),
    )!;
    const all = JSON.stringify(d);
    expect(all).not.toContain(canary);
    expect(body(d)).toContain('&lt;secret:9f8e7d6c&gt;');
    expect(body(d)).toContain('`&lt;secret:1a2b3c4d&gt;` → `&lt;secret:9f8e7d6c&gt;`');
  });
});

describe('the Slack digest: Slack limits on a large estate', () => {
  const envs = ['production-us', 'production-eu', 'staging', 'dev'];
  const severities = ['critical', 'high', 'medium', 'low', 'info'] as const;
  const many = Array.from({ length: 1000 }, (_, i) =>
    finding({
      id: `f-${String(i).padStart(4, '0')}`,
      environment: envs[i % envs.length],
      severity: severities[i % severities.length],
      key: `key.${i}`,
      message: `key.${i} is ${'&<>'.repeat(60)} in ${envs[i % envs.length]}; the baseline expects something else entirely`,
      status: 'open',
      firstSeen: `2026-10-${String((i % 28) + 1).padStart(2, '0')}T02:00:00Z`,
      source: { type: 'ssm', location: `/prod/api/key_${i}`, version: i, modifiedBy: 'deployer' },
    }),
  );
  const events = many.slice(0, 300).map((f) => event('opened', { ...f, id: `n-${f.id}` }));
  const d = slackOf(input({ estate: 'x'.repeat(400), events, open: many, reportUrl: 'https://reports.example.com/big.html' }))!;

  test('at most 50 blocks, every section at most 3,000 characters, header at most 150', () => {
    expect(d.blocks.length).toBeLessThanOrEqual(50);
    for (const t of texts(d)) expect(t.length).toBeLessThanOrEqual(3000);
    expect((d.blocks[0] as { text: { text: string } }).text.text.length).toBeLessThanOrEqual(150);
    expect(d.text.length).toBeLessThanOrEqual(3000);
  });

  test('says how much it left out and links to the full report', () => {
    // info findings are below the threshold: 240 of the 300 new, 800 of the 1,000 open.
    expect(texts(d)[1]).toContain('*240 new*');
    expect(texts(d)[1]).toContain('800 still open');
    expect(body(d).includes('_+220 more_ — <https://reports.example.com/big.html|see the full report>')).toBe(true);
    expect(/\+\d+ more critical in production-us/.test(body(d))).toBe(true);
    expect(d.blocks.at(-1)).toEqual({
      type: 'context',
      elements: [{ type: 'mrkdwn', text: '<https://reports.example.com/big.html|Full report>', verbatim: true }],
    });
  });
});
