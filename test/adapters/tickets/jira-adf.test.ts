import { toAdf } from '../../../lambdas/adapters/tickets/jira/jira-adf';
import type { TicketDoc } from '../../../lambdas/core/tickets/ticket-model';
import { adfProblem } from '../../helpers/jira-adf-check';

const text = (t: string, marks?: object[]): object => (marks ? { type: 'text', text: t, marks } : { type: 'text', text: t });

describe('a ticket body as an Atlassian document', () => {
  test.each<[string, TicketDoc, object[]]>([
    [
      'a paragraph of text runs',
      [{ type: 'paragraph', content: [{ text: 'db.timeout is ' }, { code: '60s' }] }],
      [{ type: 'paragraph', content: [text('db.timeout is '), text('60s', [{ type: 'code' }])] }],
    ],
    [
      'strong text',
      [{ type: 'paragraph', content: [{ strong: 'critical' }] }],
      [{ type: 'paragraph', content: [text('critical', [{ type: 'strong' }])] }],
    ],
    [
      'a link with its href',
      [{ type: 'paragraph', content: [{ link: 'https://drift.example.com/r/1.html', text: 'the report' }] }],
      [{ type: 'paragraph', content: [text('the report', [{ type: 'link', attrs: { href: 'https://drift.example.com/r/1.html' } }])] }],
    ],
    [
      'a link that is not a web page, as plain text',
      [{ type: 'paragraph', content: [{ link: 'javascript:alert(1)', text: 'click' }] }],
      [{ type: 'paragraph', content: [text('click')] }],
    ],
    [
      'a link without text shows its address',
      [{ type: 'paragraph', content: [{ link: 'https://x.example/', text: '' }] }],
      [{ type: 'paragraph', content: [text('https://x.example/', [{ type: 'link', attrs: { href: 'https://x.example/' } }])] }],
    ],
    [
      'facts as a bullet list of "Label: value" paragraphs',
      [
        {
          type: 'facts',
          rows: [
            { label: 'Expected', content: [{ code: '10s' }] },
            { label: 'Owner', content: [{ text: 'payments' }] },
          ],
        },
      ],
      [
        {
          type: 'bulletList',
          content: [
            { type: 'listItem', content: [{ type: 'paragraph', content: [text('Expected: '), text('10s', [{ type: 'code' }])] }] },
            { type: 'listItem', content: [{ type: 'paragraph', content: [text('Owner: '), text('payments')] }] },
          ],
        },
      ],
    ],
    [
      'a code block keeps its lines',
      [{ type: 'code', text: 'drift adopt a\n\tdrift revert b' }],
      [{ type: 'codeBlock', content: [text('drift adopt a\n\tdrift revert b')] }],
    ],
    [
      'an empty value shows as ""',
      [{ type: 'paragraph', content: [{ code: '' }] }],
      [{ type: 'paragraph', content: [text('""', [{ type: 'code' }])] }],
    ],
    [
      'empty runs are dropped',
      [{ type: 'paragraph', content: [{ text: '' }, { strong: '' }, { text: 'x' }] }],
      [{ type: 'paragraph', content: [text('x')] }],
    ],
    [
      'a block left empty is dropped',
      [
        { type: 'paragraph', content: [{ text: '' }] },
        { type: 'code', text: '' },
        { type: 'facts', rows: [] },
      ],
      [],
    ],
    [
      'control characters removed, line breaks in a run become spaces',
      [{ type: 'paragraph', content: [{ code: 'a\u0000b\u001b[31m\nc\u007f' }] }],
      [{ type: 'paragraph', content: [text('ab[31m c', [{ type: 'code' }])] }],
    ],
    [
      'control characters removed from a code block',
      [{ type: 'code', text: 'x\u0007y\r\nz' }],
      [{ type: 'codeBlock', content: [text('xy\nz')] }],
    ],
  ])('%s', (_name, doc, content) => {
    const adf = toAdf(doc);
    expect(adf).toEqual({ type: 'doc', version: 1, content });
    expect(adfProblem(adf)).toBeUndefined();
  });

  test('never holds an empty text node, whatever the runs', () => {
    const runs = ['', ' ', '\u0000', '\n', 'x'];
    const doc: TicketDoc = runs.flatMap((r) => [
      { type: 'paragraph' as const, content: [{ text: r }, { code: r }, { strong: r }, { link: r, text: r }] },
      { type: 'facts' as const, rows: [{ label: r, content: [{ text: r }] }] },
      { type: 'code' as const, text: r },
    ]);
    const json = JSON.stringify(toAdf(doc));
    expect(json).not.toMatch(/"text":""/);
    expect(adfProblem(toAdf(doc))).toBeUndefined();
  });
});
