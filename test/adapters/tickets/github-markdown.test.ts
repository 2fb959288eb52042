import {
  codeBlock,
  codeSpan,
  escapeText,
  githubMarkdown,
  hasTagLine,
  hiddenTag,
} from '../../../lambdas/adapters/tickets/github/github-markdown';

const ZWSP = '\u200b';

describe('GitHub Markdown for ticket bodies', () => {
  test.each([
    ['plain', 'x', '` x `'],
    ['a backtick inside', 'a`b', '`` a`b ``'],
    ['a run of three', 'a```b`', '```` a```b` ````'],
    ['starting and ending with backticks', '`x`', '`` `x` ``'],
    ['a mention and an issue link stay literal', '@admin #123 **bold**', '` @admin #123 **bold** `'],
    ['newlines and control characters become spaces', 'a\nb\r\tc\u0000d', '` a b  c d `'],
  ])('a value is a code span (%s)', (_name, value, expected) => {
    expect(codeSpan(value)).toBe(expected);
  });

  test('an empty value is said to be empty rather than an empty code span', () => {
    expect(codeSpan('')).toBe('*(empty)*');
  });

  test('text: the GH-123 form of an issue reference cannot link', () => {
    expect(escapeText('see GH-123 and gh-45, not GH-x')).toBe(`see GH\\-${ZWSP}123 and gh\\-${ZWSP}45, not GH\\-x`);
  });

  test('text: Markdown punctuation escaped, HTML as entities, @ and # cannot mention or link', () => {
    expect(escapeText('*a* _b_ [c](d) `e` <img src=x> & ~f~ | 1. #12 @team\nnext')).toBe(
      `\\*a\\* \\_b\\_ \\[c\\]\\(d\\) \\\`e\\\` &lt;img src=x&gt; &amp; \\~f\\~ \\| 1\\. \\#${ZWSP}12 @${ZWSP}team next`,
    );
  });

  test('a code block is fenced longer than any backtick run in it', () => {
    expect(codeBlock('drift adopt x')).toBe('```text\ndrift adopt x\n```');
    expect(codeBlock('a ```` b')).toBe('`````text\na ```` b\n`````');
  });

  test('a document: paragraphs, facts as a bullet list, code, separated by blank lines', () => {
    const md = githubMarkdown([
      {
        type: 'paragraph',
        content: [{ strong: 'db.timeout' }, { text: ' is ' }, { code: '60s' }, { text: ' (baseline ' }, { code: '10s' }, { text: ').' }],
      },
      {
        type: 'facts',
        rows: [
          { label: 'Environment', content: [{ code: 'production-us' }] },
          { label: 'Changed by', content: [{ code: 'arn:aws:iam::1:user/@bob' }] },
        ],
      },
      { type: 'code', text: 'drift adopt db.timeout' },
      { type: 'paragraph', content: [{ link: 'https://reports.example.com/run (1)', text: 'The run’s report' }] },
    ]);
    expect(md).toBe(
      [
        '**db\\.timeout** is ` 60s ` \\(baseline ` 10s `\\)\\.',
        '- **Environment**: ` production-us `\n- **Changed by**: ` arn:aws:iam::1:user/@bob `',
        '```text\ndrift adopt db.timeout\n```',
        '[The run’s report](https://reports.example.com/run%20%281%29)',
      ].join('\n\n'),
    );
  });

  test('a link that is not http(s) is shown as its text only', () => {
    expect(githubMarkdown([{ type: 'paragraph', content: [{ link: 'javascript:alert(1)', text: 'report' }] }])).toBe('report');
  });

  test('a hidden tag is an HTML comment that an id cannot close early', () => {
    expect(hiddenTag('marker', 'drift-abc-2')).toBe('<!-- drift:marker drift-abc-2 -->');
    expect(hiddenTag('event', 'e --> <b>')).toBe('<!-- drift:event e%20--%3E%20%3Cb%3E -->');
  });

  test('a tag counts only on a line of its own', () => {
    const tag = hiddenTag('event', 'e1');
    expect(hasTagLine(`text\n\n${tag}`, tag)).toBe(true);
    expect(hasTagLine(`text\r\n${tag}\r\nmore`, tag)).toBe(true);
    expect(hasTagLine(codeSpan(tag), tag)).toBe(false);
    expect(hasTagLine(null, tag)).toBe(false);
  });

  test("no value can pass for one of drift's tags: not in a code span, a code block or text, whatever its lines", () => {
    const tag = hiddenTag('marker', 'drift-other-finding-1');
    const value = `first\n${tag}\nlast`;
    const body = githubMarkdown([
      { type: 'paragraph', content: [{ code: value }, { text: value }] },
      { type: 'code', text: value },
    ]);
    expect(hasTagLine(body, tag)).toBe(false);
    // The code block still reads as the value (the zero-width space is invisible).
    expect(body.replace(/\u200b/g, '')).toContain(`\n${tag}\n`);
  });
});
