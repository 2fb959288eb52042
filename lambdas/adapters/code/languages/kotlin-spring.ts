import type { Node } from 'web-tree-sitter';
import type { ReadSite } from '../read-sites';
import { plainString } from '../syntax';
import { resolvingAnnotation, valueSites } from './java-spring';
import { CONFIG_PROPERTY, configPropertySite } from './microprofile-config';

const TYPES = new Set(['user_type', 'nullable_type']);

/** The type of the property or constructor parameter an annotation's modifiers belong to. */
function annotatedType(annotation: Node): string | undefined {
  const owner = annotation.parent?.parent;
  const holder = owner?.type === 'property_declaration' ? owner.namedChildren.find((c) => c?.type === 'variable_declaration') : owner;
  return holder?.namedChildren.find((c) => c !== null && TYPES.has(c.type))?.text;
}

/** MicroProfile's `@ConfigProperty(name = "a.b", defaultValue = "d")` on a property or constructor parameter (see configPropertySite). */
function kotlinConfigProperty(annotation: Node, call: Node): ReadSite[] {
  const args = call.namedChildren.find((c) => c?.type === 'value_arguments')?.namedChildren ?? [];
  const literal = (key: string) => {
    const arg = args.find((a) => a?.namedChildren[0]?.type === 'identifier' && a.namedChildren[0].text === key);
    const value = arg?.namedChildren.find((c) => c?.type === 'string_literal') ?? undefined;
    return value && { node: value, text: unescaped(value) ?? (value.text === '""' ? '' : undefined) };
  };
  const [name, given] = [literal('name'), literal('defaultValue')];
  const site = configPropertySite({ name: name?.node, nameText: name?.text, defaultText: given?.text, type: annotatedType(annotation) });
  return site ? [site] : [];
}

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
    if (annotation && call && type && CONFIG_PROPERTY.test(type.text)) return kotlinConfigProperty(annotation, call);
    if (!call || !type || !/(^|\.)Value$/.test(type.text)) return [];
    const literal = call.descendantsOfType('string_literal')[0];
    const text = literal ? unescaped(literal) : undefined;
    if (!literal || text === undefined) return [];
    return valueSites(literal, text);
  });
}
