import type { Node } from 'web-tree-sitter';
import type { ReadSite } from '../read-sites';
import { plainString } from '../syntax';
import { valueSites } from './java-spring';

/** Spring's `@Value("\${a.b:default}")` in Kotlin (the `$` escaped from string templates): each placeholder is a read of its key. */
export function kotlinSpringValues(root: Node): ReadSite[] {
  return root.descendantsOfType('annotation').flatMap((annotation): ReadSite[] => {
    const call = annotation?.namedChildren.find((c) => c?.type === 'constructor_invocation');
    const type = call?.namedChildren.find((c) => c?.type === 'user_type');
    if (!call || !type || !/(^|\.)Value$/.test(type.text)) return [];
    const literal = call.descendantsOfType('string_literal')[0];
    const text = literal ? plainString(literal, ['string_literal'])?.replace(/\\\$/g, '$') : undefined;
    if (!literal || text === undefined) return [];
    return valueSites(literal, text);
  });
}
