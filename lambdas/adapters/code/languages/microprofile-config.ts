import type { Node } from 'web-tree-sitter';
import type { ReadSite, SiteFallback } from '../read-sites';

/** `@ConfigProperty` as written, plain or qualified (`org.eclipse.microprofile.config.inject.ConfigProperty`). */
export const CONFIG_PROPERTY = /(^|\.)ConfigProperty$/;

/** One `@ConfigProperty` as a language's grammar gives it: its named arguments' string literals, and the type of what it annotates. */
export interface ConfigPropertyParts {
  readonly name?: Node;
  readonly nameText?: string;
  readonly defaultText?: string;
  /** The annotated field's or parameter's type as written: `Optional<String>`, `String?`. */
  readonly type?: string;
}

// An Optional, or a Kotlin nullable, is injected empty when the property is unset; any other type fails the deployment.
const RUNS_EMPTY = /^(java\.util\.)?Optional(Int|Long|Double)?\b|\?$/;

/**
 * MicroProfile Config's `@ConfigProperty(name = "a.b", defaultValue = "d")` (Quarkus, Helidon, Open Liberty): a read of
 * `a.b`, which the environment sets as `A_B`; without a default (or with `""`), an Optional (or a nullable) runs empty and any other
 * type is required. Like Spring, it resolves from the application's properties files first.
 */
export function configPropertySite(parts: ConfigPropertyParts): ReadSite | undefined {
  const { name, nameText, defaultText, type } = parts;
  if (name === undefined || nameText === undefined) return undefined;
  // MicroProfile Config 2 takes an empty value for a missing one: `defaultValue = ""` gives nothing (smallrye-config#393).
  const fallback: SiteFallback =
    defaultText !== undefined && defaultText !== ''
      ? { kind: 'default', value: defaultText }
      : RUNS_EMPTY.test(type ?? '')
        ? { kind: 'default' }
        : { kind: 'none' };
  return { key: name, name: nameText, via: '@ConfigProperty', fallback, property: 'spring' };
}
