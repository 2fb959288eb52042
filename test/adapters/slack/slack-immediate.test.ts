import { slackImmediate } from '../../../lambdas/adapters/slack/slack-immediate';
import { findingFactory } from '../../../lambdas/core/engine/finding-factory';
import type { ImmediateNotice } from '../../../lambdas/core/notify/immediate';

const finding = findingFactory('shop')({ kind: 'mismatch', environment: 'us', key: 'db.timeout', subject: 'db.timeout', message: 'm' });
const notice: ImmediateNotice = {
  eventId: 'e1',
  estate: 'shop',
  severity: 'high',
  environment: 'us',
  key: 'db.timeout',
  by: 'arn:aws:iam::1:user/alice',
  at: '2026-11-24T02:07:00Z',
  from: '10s',
  to: '<!channel> 60s',
  outOfBand: true,
  finding,
  disagrees: 'the baseline, which expects 10s',
  commands: { adopt: ['drift adopt us db.timeout'], revert: ['drift revert us db.timeout'] },
};

describe('slackImmediate', () => {
  test('who changed what, from → to, what it disagrees with, and the commands, in two sections', () => {
    const m = slackImmediate(notice);
    expect(m.text).toBe('drift: out-of-band change of db.timeout in us by arn:aws:iam::1:user/alice');
    expect(m.blocks).toHaveLength(2);
    const all = JSON.stringify(m.blocks);
    expect(all).toContain('*Out-of-band change* `db.timeout` in `us`');
    expect(all).toContain('`10s` → `&lt;!channel&gt; 60s` by `arn:aws:iam::1:user/alice` at 2026-11-24T02:07:00Z');
    expect(all).toContain('it now disagrees with the baseline, which expects 10s');
    expect(all).toContain('Keep it: `drift adopt us db.timeout`');
    expect(all).toContain('Undo it: `drift revert us db.timeout`');
    expect(all).not.toMatch(/<!channel>/);
  });

  test('a key that appeared shows no value before; a finding with no commands gets no command section', () => {
    const m = slackImmediate({ ...notice, from: undefined, outOfBand: false, commands: undefined });
    expect(JSON.stringify(m.blocks)).toContain('_(absent)_ → ');
    expect(JSON.stringify(m.blocks)).toContain('*Change*');
    expect(m.blocks).toHaveLength(1);
  });

  test('a finding that is no disagreement with a value reads as its message, with the article its kind takes', () => {
    const constraint = { ...finding, kind: 'constraint' as const, message: 'db.timeout is 60s in us, above its max 30s' };
    const all = JSON.stringify(slackImmediate({ ...notice, finding: constraint, disagrees: undefined }).blocks);
    expect(all).toContain('Opens a constraint finding: db.timeout is 60s in us, above its max 30s');
    expect(all).not.toContain('disagrees');
    const expired = { ...finding, kind: 'exception-expired' as const };
    expect(JSON.stringify(slackImmediate({ ...notice, finding: expired }).blocks)).toContain(
      'Opens an exception-expired finding: it now disagrees with the baseline, which expects 10s',
    );
  });

  // The digest and tickets show a message's values as code; here `*URGENT*` and `~strike~` rendered as markup.
  test("the values a finding's message quotes are code, never markup, and the message keeps to its length", () => {
    const banner = '*URGENT* ~strike~ _it_';
    const constraint = { ...finding, kind: 'constraint' as const, actual: banner, message: `banner is ${banner} in us, not in its enum` };
    const text = (slackImmediate({ ...notice, finding: constraint, disagrees: undefined }).blocks[0] as { text: { text: string } }).text
      .text;
    expect(text).toContain('Opens a constraint finding: banner is `*URGENT* ~strike~ _it_` in us, not in its enum');
    const long = { ...constraint, actual: 'x'.repeat(2000), message: `banner is ${'x'.repeat(2000)} in us` };
    const cut = (slackImmediate({ ...notice, finding: long, disagrees: undefined }).blocks[0] as { text: { text: string } }).text.text;
    expect(cut.split('Opens a constraint finding: ')[1]!.length).toBeLessThanOrEqual(600);
  });

  // A parity finding (the common immediate one) quotes each member's value in what it disagrees with.
  test('the values of what it disagrees with are code, never markup', () => {
    const values = { us: '*URGENT* ~strike~', eu: '_calm_' };
    const parity = { ...finding, kind: 'parity' as const, environment: undefined, group: 'prod', values };
    const disagrees = 'its parity group prod: us *URGENT* ~strike~, eu _calm_';
    const text = (slackImmediate({ ...notice, finding: parity, disagrees }).blocks[0] as { text: { text: string } }).text.text;
    expect(text).toContain('it now disagrees with its parity group prod: us `*URGENT* ~strike~`, eu `_calm_`');
  });

  // mrkdwn has no escape for a backtick: a value holding one ended its code span early, and the rest of it read as markup.
  test('a value, key or command holding a backtick stays code: the backtick shows as a look-alike, and the message says so', () => {
    const hostile = 'x` *bold* <!channel> `y';
    const m = slackImmediate({
      ...notice,
      key: 'k`x',
      to: hostile,
      finding: { ...finding, kind: 'constraint', actual: hostile, message: `k\`x is ${hostile} in us, not in its enum` },
      disagrees: undefined,
      commands: { adopt: ["drift adopt us 'k`x'"], revert: [] },
    });
    const text = m.blocks.map((b) => (b as { text: { text: string } }).text.text).join('\n');
    const tick = '\u02cb';
    expect(text).toContain(`\`x${tick} *bold* &lt;!channel&gt; ${tick}y\` (${tick} is a backtick)`);
    expect(text).toContain(`*Out-of-band change* \`k${tick}x\` (${tick} is a backtick) in \`us\``);
    expect(text).toContain(`Opens a constraint finding: k${tick}x is \`x${tick} *bold*`);
    expect(text).toContain(`Keep it: \`drift adopt us 'k${tick}x'\` (${tick} is a backtick)`);
    // Outside the code spans (even pieces between backticks), none of the value is left to read as markup.
    for (const line of text.split('\n')) {
      const pieces = line.split('`');
      expect(pieces.length % 2).toBe(1);
      expect(pieces.filter((_, i) => i % 2 === 0).join('')).not.toContain('*bold*');
    }
  });
});
