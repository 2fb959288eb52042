import type { Node } from 'web-tree-sitter';
import type { ReadSite } from '../read-sites';
import { plainString } from '../syntax';
import { resolvingAnnotation, valueSites } from './java-spring';

const unescaped = (literal: Node) => plainString(literal, ['string_literal'])?.replace(/\\\$/g, '$');

/** Spring's `@Value("\${a.b:default}")` in Kotlin (the `$` escaped from string templates), and the resolving annotations' placeholders: each is a read of its key. */
export function kotlinSpringValues(root: Node): ReadSite[] {
  return root.descendantsOfType('annotation').flatMap((annotation): ReadSite[] => {
    const call = annotation?.namedChildren.find((c) => c?.type === 'constructor_invocation');
    const type = call?.namedChildren.find((c) => c?.type === 'user_type');
    const via = resolvingAnnotation(type?.text ?? '');
    if (call && via)
      return call.descendantsOfType('string_literal').flatMap((literal) => {
        const text = literal ? unescaped(literal) : undefined;
        return literal && text !== undefined ? valueSites(literal, text, via) : [];
      });
    if (!call || !type || !/(^|\.)Value$/.test(type.text)) return [];
    const literal = call.descendantsOfType('string_literal')[0];
    const text = literal ? unescaped(literal) : undefined;
    if (!literal || text === undefined) return [];
    return valueSites(literal, text);
  });
}
