import type { Node } from 'web-tree-sitter';
import type { ReadSite, SiteFallback } from '../read-sites';
import { plainString } from '../syntax';
import { CONFIG_FILE_READ, outermostPlaceholders } from './spring-config';
import { CONFIG_PROPERTY, configPropertySite } from './microprofile-config';

/** The `${key:default}` placeholders of a Spring property string, outermost only (a nested default has no literal value). */
export function placeholders(text: string): { key: string; fallback: SiteFallback }[] {
  return outermostPlaceholders(text).flatMap((placeholder) => {
    const body = placeholder.slice(2, -1);
    const colon = body.indexOf(':');
    const key = (colon < 0 ? body : body.slice(0, colon)).trim();
    const value = colon < 0 ? undefined : body.slice(colon + 1);
    if (key === '' || key.includes('${')) return [];
    // A default that resolves another placeholder or evaluates SpEL (`#{null}`) has no literal value.
    const computed = value !== undefined && (value.includes('${') || value.includes('#{'));
    return [{ key, fallback: value === undefined ? { kind: 'none' } : computed ? { kind: 'default' } : { kind: 'default', value } }];
  });
}

/** placeholders, and those of their defaults (`${APP_TIMEOUT:${app.timeout:30}}` reads app.timeout when APP_TIMEOUT is unset). */
function readPlaceholders(text: string, depth = 0): { key: string; fallback: SiteFallback }[] {
  return outermostPlaceholders(text).flatMap((placeholder) => {
    const body = placeholder.slice(2, -1);
    const colon = body.indexOf(':');
    const nested = colon >= 0 && depth < 4 ? readPlaceholders(body.slice(colon + 1), depth + 1) : [];
    return [...placeholders(placeholder), ...nested];
  });
}

// SpEL's reads: `systemEnvironment['X']` (the process's environment, no property), `environment.getProperty('k'[, 'd'])`
// (Spring's), each with what follows it: an Elvis `?: 'd'`, or getProperty's second argument.
const SPEL_ENVIRONMENT = /\bsystemEnvironment\s*\[\s*(['"])([^'"]+)\1\s*\]((?:\s*\?:\s*('[^']*'|"[^"]*"|[^}]+))?)/g;
// The blanks before a computed default go to `\s*` alone (`, )` reads one blank, as it did when `[^)]+` could take them).
const SPEL_PROPERTY = /@?\benvironment\s*\.\s*getProperty\s*\(\s*(['"])([^'"]+)\1\s*(?:,\s*('[^']*'|"[^"]*"|[^)\s][^)]*|\s))?\)/g;

/** A SpEL default as written: a quoted literal is its value; anything else is computed. */
const spelFallback = (given: string | undefined): SiteFallback => {
  const text = given?.trim();
  if (text === undefined) return { kind: 'none' };
  return /^('[^']*'|"[^"]*"|-?\d+(\.\d+)?|true|false)$/.test(text) ? { kind: 'default', value: text } : { kind: 'default' };
};

/** The reads the `#{…}` expressions of a `@Value` string make (`#{systemEnvironment['REGION'] ?: 'eu-west-1'}`). */
function spelSites(literal: Node, text: string, via: string): ReadSite[] {
  if (!text.includes('#{')) return [];
  const environment = [...text.matchAll(SPEL_ENVIRONMENT)].map((m): ReadSite => ({
    key: literal,
    name: m[2] as string,
    via: `${via} (SpEL systemEnvironment)`,
    fallback: spelFallback(m[4]),
  }));
  const properties = [...text.matchAll(SPEL_PROPERTY)].map((m): ReadSite => ({
    key: literal,
    name: m[2] as string,
    via: `${via} (SpEL environment.getProperty)`,
    fallback: spelFallback(m[3]),
    property: 'spring',
  }));
  return [...environment, ...properties];
}

/** The reads of a `@Value` string literal whose text is `text`: one per placeholder, and per SpEL read of the environment, at the literal. */
export function valueSites(literal: Node, text: string, via = '@Value'): ReadSite[] {
  const placeheld = readPlaceholders(text).map(({ key, fallback }): ReadSite => ({
    key: literal,
    name: key,
    via,
    fallback,
    property: 'spring',
  }));
  return [...placeheld, ...spelSites(literal, text, via)];
}

// Spring annotations that resolve `${…}` in every string attribute (`@Scheduled(cron = "${backup.cron}")`); not any
// annotation: MyBatis's `@Select("… ${table}")` substitutes a parameter.
const RESOLVING =
  /(?:^|\.)(Scheduled|FeignClient|KafkaListener|RabbitListener|JmsListener|SqsListener|(?:Request|Get|Post|Put|Delete|Patch)Mapping)$/;

/** The annotation a name resolves placeholders for, as `via` says it (`@Scheduled`), or undefined. */
export function resolvingAnnotation(name: string): string | undefined {
  const simple = RESOLVING.exec(name)?.[1];
  return simple === undefined ? undefined : `@${simple}`;
}

/** Spring's `@Value("${a.b:default}")` on fields, parameters and methods, and the placeholders of the resolving annotations: each is a read of its key. */
export function springValues(root: Node): ReadSite[] {
  return root.descendantsOfType('annotation').flatMap((annotation): ReadSite[] => {
    const via = resolvingAnnotation(annotation?.childForFieldName('name')?.text ?? '');
    if (annotation && via)
      return (annotation.childForFieldName('arguments')?.descendantsOfType('string_literal') ?? []).flatMap((literal) => {
        const text = literal ? plainString(literal, ['string_literal']) : undefined;
        return literal && text !== undefined ? valueSites(literal, text, via) : [];
      });
    const name = annotation?.childForFieldName('name')?.text ?? '';
    if (annotation && CONFIG_PROPERTY.test(name)) return javaConfigProperty(annotation);
    const fromFile = name === CONFIG_FILE_READ;
    if (!annotation || !(fromFile || /(^|\.)Value$/.test(name))) return [];
    const args = annotation.childForFieldName('arguments')?.namedChildren ?? [];
    const literal = args
      .map((a) => (a?.type === 'element_value_pair' ? a.childForFieldName('value') : a))
      .find((a) => a?.type === 'string_literal');
    const text = literal ? plainString(literal, ['string_literal']) : undefined;
    if (!literal || text === undefined) return [];
    return valueSites(literal, text, fromFile ? 'Spring configuration placeholder' : '@Value');
  });
}

/** MicroProfile's `@ConfigProperty(name = "a.b", defaultValue = "d")` on a field or parameter (see configPropertySite). */
function javaConfigProperty(annotation: Node): ReadSite[] {
  const pairs = annotation.childForFieldName('arguments')?.namedChildren.filter((a) => a?.type === 'element_value_pair') ?? [];
  const literal = (key: string) => {
    const value = pairs.find((p) => p?.childForFieldName('key')?.text === key)?.childForFieldName('value') ?? undefined;
    return value && { node: value, text: plainString(value, ['string_literal']) ?? (value.text === '""' ? '' : undefined) };
  };
  const [name, given] = [literal('name'), literal('defaultValue')];
  const type = annotation.parent?.parent?.childForFieldName('type')?.text;
  const site = configPropertySite({ name: name?.node, nameText: name?.text, defaultText: given?.text, type });
  return site ? [site] : [];
}

// The names a Spring `Environment` goes by in real code: `env`, `environment`, `this.env`.
const ENVIRONMENT = /^(this\.)?(env|environment)$/i;

/** Spring's `environment.getProperty("a.b", d)` (`getProperty(key, Type.class, d)` too) and `getRequiredProperty`, which throws. */
export function environmentRead(call: Node, args: readonly Node[]): ReadSite | undefined {
  const [object, name, key] = [call.childForFieldName('object'), call.childForFieldName('name')?.text, args[0]];
  if (!object || !key || !ENVIRONMENT.test(object.text)) return undefined;
  if (name === 'getRequiredProperty')
    return { key, via: 'Environment.getRequiredProperty', fallback: { kind: 'none' }, property: 'spring' };
  if (name !== 'getProperty') return undefined;
  const def = args.length === 3 ? args[2] : args.length === 2 && args[1]?.type !== 'class_literal' ? args[1] : undefined;
  return { key, via: 'Environment.getProperty', fallback: def ? { kind: 'default', node: def } : { kind: 'none' }, property: 'spring' };
}
