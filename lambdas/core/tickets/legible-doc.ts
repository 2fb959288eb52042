import { sanitize } from '../values/value';
import type { TicketBlock, TicketDoc, TicketInline } from './ticket-model';

function legibleInline(i: TicketInline): TicketInline {
  if ('code' in i) return { code: sanitize(i.code) };
  if ('strong' in i) return { strong: sanitize(i.strong) };
  if ('link' in i) return { link: i.link, text: sanitize(i.text) };
  return { text: sanitize(i.text) };
}

function legibleBlock(b: TicketBlock): TicketBlock {
  switch (b.type) {
    case 'paragraph':
      return { type: 'paragraph', content: b.content.map(legibleInline) };
    case 'facts':
      return { type: 'facts', rows: b.rows.map((r) => ({ label: sanitize(r.label), content: r.content.map(legibleInline) })) };
    case 'code':
      // Its lines are its own (one command each): each is made legible, the breaks between them kept.
      return { type: 'code', text: b.text.split('\n').map(sanitize).join('\n') };
  }
}

/**
 * A ticket's body or comment with control and invisible characters escaped wherever text of a source
 * stands (a key is kept as the source spells it): a right-to-left override would reorder the
 * commands it asks someone to run, a zero-width space make one key pass for another, half a
 * surrogate pair make the tracker refuse the request. Our own links are left as they are.
 */
export const legibleDoc = (doc: TicketDoc): TicketDoc => doc.map(legibleBlock);
