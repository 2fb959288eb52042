import { canonicalKey } from '../keys';
import type { Observation, Placeholder } from '../model';
import { secretValueOf, valueOf, type ParseContext } from './context';

// `${DB_TIMEOUT:10s}`, `${DATABASE_URL}`: the whole value one placeholder, as Spring Boot, Quarkus and Micronaut write
// them (the default after the first colon). Nested or partial ones (`jdbc:…//${DB_HOST}:5432`) are text.
const PLACEHOLDER = /^\$\{([A-Za-z_][\w.-]*)(?::([^{}]*))?\}$/;

/**
 * The placeholder `text` is, its default judged as a value of `key` (a secret-named key's default is a secret). The
 * default is also what the variable holds where nothing sets it: that of a secret-named variable (`${JWT_SECRET:…}`)
 * is a secret under any key.
 */
export function placeholderOf(ctx: ParseContext, key: string, text: string): Placeholder | undefined {
  const m = PLACEHOLDER.exec(text);
  if (!m) return undefined;
  const name = m[1]!;
  const target = canonicalKey(name);
  if (target === '') return undefined;
  const fallback = m[2];
  if (fallback === undefined) return { name, key: target };
  const secret = fallback !== '' && ctx.isSecretKey(target);
  return { name, key: target, fallback: secret ? secretValueOf(ctx, key, fallback) : valueOf(ctx, key, fallback) };
}

/** Marks an observation whose text is a placeholder (only a text starting `${` is tried). */
export function withPlaceholder(ctx: ParseContext, obs: Observation, text: string): void {
  if (!text.startsWith('${')) return;
  const placeholder = placeholderOf(ctx, obs.key, text);
  if (placeholder) obs.placeholder = placeholder;
}
