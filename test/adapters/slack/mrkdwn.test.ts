import { mrkdwn } from '../../../lambdas/adapters/slack/mrkdwn';
import type { Inline } from '../../../lambdas/core/digest/digest-model';

describe('the neutral digest text as Slack mrkdwn', () => {
  test.each<[string, Inline[], string]>([
    ['our wording as it is', ['open <1 day'], 'open <1 day'],
    ['user text escaped', [{ user: '<!channel> & co' }], '&lt;!channel&gt; &amp; co'],
    ['a code span', [{ code: 'db.timeout' }], '`db.timeout`'],
    ['a value holding a backtick left bare', [{ code: 'a`b' }], 'a`b'],
    ['an empty value', [{ code: '' }], '""'],
    ['strong and emphasis, nested', [{ strong: ['x ', { em: [{ user: 'y' }] }] }], '*x _y_*'],
    [
      'a link, its URL made safe for the link syntax',
      [{ link: 'https://r.example/?a=1&b=|>', label: 'Full report' }],
      '<https://r.example/?a=1&amp;b=%7C%3E|Full report>',
    ],
    ['a severity mark', [{ severity: 'critical' }], ':red_circle: *critical*'],
    ['an icon', [{ icon: 'changed' }], ':pencil2:'],
  ])('%s', (_name, parts, expected) => {
    expect(mrkdwn(parts)).toBe(expected);
  });
});
