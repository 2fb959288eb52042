import { mrkdwn } from '../../../lambdas/adapters/slack/mrkdwn';
import type { Inline } from '../../../lambdas/core/digest/digest-model';

describe('the neutral digest text as Slack mrkdwn', () => {
  test.each<[string, Inline[], string]>([
    ['our wording as it is', ['open <1 day'], 'open <1 day'],
    ['user text escaped', [{ user: '<!channel> & co' }], '&lt;!channel&gt; &amp; co'],
    ['a code span', [{ code: 'db.timeout' }], '`db.timeout`'],
    // A code span cannot hold a backtick: it shows a look-alike, and says so.
    ['a value holding a backtick', [{ code: 'a`b' }], '`a\u02cbb` (\u02cb is a backtick)'],
    ['a value of backticks only', [{ code: '``' }], '`\u02cb\u02cb` (\u02cb is a backtick)'],
    ['a mention between backticks', [{ code: '`<!channel>`' }], '`\u02cb&lt;!channel&gt;\u02cb` (\u02cb is a backtick)'],
    ['a bold value holding a backtick', [{ code: '*a`b*' }], '`*a\u02cbb*` (\u02cb is a backtick)'],
    ['a link in a value', [{ code: '<https://evil|click>' }], '`&lt;https://evil|click&gt;`'],
    ['a backtick in user text, which would pair with the next value', [{ user: 'k`x is ' }, { code: '*bold*' }], 'k\u02cbx is `*bold*`'],
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

  // Slack reads text between two backticks as code: every value must sit alone between a pair of our own.
  test.each(['a`b', '``', '`<!channel>`', '<https://evil|click>', '*a`b* _x_ ~y~', '`', 'x` *bold* `y'])(
    'the value %p stays inside its own code span, whatever text is around it',
    (value) => {
      const text = mrkdwn([{ user: 'key`s ' }, { code: value }, { user: ' and `' }, { code: '*after*' }]);
      const spans = text.split('`');
      expect(spans).toHaveLength(5);
      expect(spans[1]).toBe(value.replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/`/g, '\u02cb'));
      expect(spans[3]).toBe('*after*');
      expect(text).not.toMatch(/<(?!secret:)/);
    },
  );
});
