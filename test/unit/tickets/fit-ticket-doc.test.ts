import { fitTicketDoc } from '../../../lambdas/core/tickets/fit-ticket-doc';
import type { TicketDoc } from '../../../lambdas/core/tickets/ticket-model';

const size = (doc: TicketDoc): number => JSON.stringify(doc).length;

describe('fitTicketDoc', () => {
  const rows = Array.from({ length: 2000 }, (_, i) => ({ label: `production-${i}`, content: [{ code: `${i} ${'😀'.repeat(80)}` }] }));
  const doc: TicketDoc = [
    { type: 'paragraph', content: [{ text: 'x'.repeat(100_000) }] },
    { type: 'facts', rows },
    { type: 'code', text: rows.map((r) => `drift adopt ${r.label} key --everywhere`).join('\n') },
  ];

  test('a document that fits is left as it is', () => {
    const small: TicketDoc = [{ type: 'paragraph', content: [{ text: 'fine' }] }];
    expect(fitTicketDoc(small, size, 1000)).toBe(small);
  });

  test('fits by cutting the huge run, then keeping fewer rows and lines and saying how many more', () => {
    const fitted = fitTicketDoc(doc, size, 30_000);
    expect(size(fitted)).toBeLessThanOrEqual(30_000);
    const [paragraph, facts, code] = fitted;
    expect(paragraph).toMatchObject({ type: 'paragraph', content: [{ text: expect.stringMatching(/^x{4095}…$/) }] });
    expect(facts?.type === 'facts' && facts.rows.at(-1)).toMatchObject({
      label: '…',
      content: [{ text: expect.stringMatching(/^\d+ more in the run's report$/) }],
    });
    expect(code?.type === 'code' && code.text.split('\n').at(-1)).toMatch(/^# … \d+ more in the run's report$/);
    expect(fitTicketDoc(doc, size, 30_000)).toEqual(fitted);
  });

  test('never leaves half an emoji or part of a secret marker when it cuts', () => {
    const first = (d: TicketDoc): string => (d[0]?.type === 'paragraph' && 'code' in d[0].content[0]! ? d[0].content[0].code : '');
    const length = (d: TicketDoc): number => first(d).length;
    // Cut to 512 (511 kept and the ellipsis): the 512th unit is the low half of an emoji, or inside a marker.
    const emoji: TicketDoc = [{ type: 'paragraph', content: [{ code: `${'a'.repeat(510)}😀${'b'.repeat(5000)}` }] }];
    expect(first(fitTicketDoc(emoji, length, 600))).toBe(`${'a'.repeat(510)}…`);
    const secret: TicketDoc = [{ type: 'paragraph', content: [{ code: `${'a'.repeat(505)}<secret:1a2b3c4d>${'b'.repeat(5000)}` }] }];
    expect(first(fitTicketDoc(secret, length, 600))).toBe(`${'a'.repeat(505)}…`);
  });
});
