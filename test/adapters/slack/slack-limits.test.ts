import { slackDigest } from '../../../lambdas/adapters/slack/slack-digest';
import { slackImmediate } from '../../../lambdas/adapters/slack/slack-immediate';
import type { Digest } from '../../../lambdas/core/digest/digest-model';
import type { ImmediateNotice } from '../../../lambdas/core/notify/immediate';
import { mismatchFinding } from '../../helpers/findings';

type Block = { type: string; text?: { text: string } };
const sectionTexts = (blocks: object[]): string[] => (blocks as Block[]).filter((b) => b.type === 'section').map((b) => b.text!.text);
const loneHalf = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

describe('Slack messages at the limits', () => {
  test('a digest line of a 1,000-character key and emoji values is cut whole: no half emoji, no section over 3,000', () => {
    const key = `${'k'.repeat(1000)}`;
    // Offsets 0..3 move the 1,199th unit over both halves of an emoji.
    for (const shift of [0, 1, 2, 3]) {
      const digest: Digest = {
        estate: 'shop',
        date: '2026-11-24',
        window: { end: '2026-11-24 08:00', timezone: 'Europe/Berlin' },
        headline: ['1 new'],
        allClear: false,
        sections: [
          {
            title: 'New',
            hidden: 0,
            lines: [{ text: [{ code: key }, ' is ', { code: `${'x'.repeat(shift)}${'😀'.repeat(400)}` }], details: [], findings: 1 }],
          },
        ],
      } as unknown as Digest;
      const texts = sectionTexts(slackDigest(digest).blocks);
      for (const t of texts) {
        expect(t.length).toBeLessThanOrEqual(3000);
        expect(t).not.toMatch(loneHalf);
      }
    }
  });

  // A line over 1,200 characters is cut; cut inside a value's code span, it left the span open to take in what follows.
  test('a line cut inside a value closes its code span: every line holds its backticks in pairs', () => {
    const digest = {
      estate: 'shop',
      date: '2026-11-24',
      window: { end: '2026-11-24 08:00', timezone: 'Europe/Berlin' },
      headline: ['2 new'],
      allClear: false,
      sections: [
        {
          title: 'New',
          hidden: 0,
          lines: [
            { text: ['k is ', { code: '&'.repeat(1000) }, ' not ', { code: '*after*' }], details: [], findings: 1 },
            { text: ['next is ', { code: '*bold*' }], details: [], findings: 1 },
          ],
        },
      ],
    } as unknown as Digest;
    const [, body] = sectionTexts(slackDigest(digest).blocks);
    const lines = body!.split('\n');
    expect(lines[1]).toMatch(/^k is `(&amp;)+…`$/);
    for (const line of lines) expect(line.split('`').length % 2).toBe(1);
  });

  test('an immediate message of text that grows when escaped stays within 3,000 characters a section', () => {
    const angry = '<&>'.repeat(400);
    const notice: ImmediateNotice = {
      eventId: 'e1',
      estate: angry,
      severity: 'high',
      environment: angry,
      key: angry,
      by: angry,
      at: angry,
      from: angry,
      to: angry,
      outOfBand: true,
      finding: mismatchFinding(),
      disagrees: angry,
      commands: { adopt: [angry], revert: [angry] },
    };
    const m = slackImmediate(notice);
    for (const t of sectionTexts(m.blocks)) expect(t.length).toBeLessThanOrEqual(3000);
  });

  // One adoption per value of a parity group: 40 values of a long key made a section of 9,000 characters, which Slack refuses.
  test('an immediate message about a parity group of many values spells out three adoptions and counts the rest', () => {
    const key = 'k'.repeat(150);
    const values = Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`environment-${'e'.repeat(40)}-${i}`, `value-${i}`]));
    const adopt = Object.keys(values).map((env) => `drift adopt ${env} ${key} --everywhere`);
    const finding = { ...mismatchFinding(), kind: 'parity' as const, environment: undefined, group: 'g', key, values };
    const notice: ImmediateNotice = {
      eventId: 'e1',
      estate: 'shop',
      severity: 'high',
      environment: Object.keys(values)[0]!,
      key,
      outOfBand: true,
      finding,
      commands: { adopt, revert: [] },
    };
    const texts = sectionTexts(slackImmediate(notice).blocks);
    for (const t of texts) expect(t.length).toBeLessThanOrEqual(3000);
    expect(texts[1]!.match(/Keep it: /g)).toHaveLength(3);
    expect(texts[1]).toContain('_and 37 more, one for each other value: the same command naming an environment that holds it_');
  });
});
